import BatonGit
import BatonSource
import Foundation

extension Loader {
  /// Throws when a build may not write to `folder`: it is, holds or lies inside what Baton
  /// reads (the repository's top, its `.git`, a file git tracks, a collection's folder).
  ///
  /// A build replaces the whole folder, so whatever marker the folder holds, writing there
  /// could delete documents, committed or not. A folder outside the repository is never
  /// refused here (`SiteWriter` still refuses one it did not write).
  ///
  /// - Parameter folder: the output folder, absolute.
  /// - Throws: `OutputError` naming what the folder would destroy; `SourceError` or
  ///   `ConfigurationError` when the repository or `baton.yml` cannot be read.
  public static func checkOutput(_ folder: String, options: SourceOptions) throws {
    let repository = try open(options)
    guard let top = repository.workingDirectory else { return }
    let (snapshot, _) = try snapshot(repository, options: options)
    let (configuration, _, _) = try configure(repository, snapshot: snapshot, options: options)
    let output = canonical(folder)
    let base = canonical(top)
    func refuse(_ what: String) -> OutputError {
      OutputError(
        path: folder,
        message:
          "the output folder \(what), which a build would delete: choose an '--output' outside "
          + "the documents and the files git tracks (the default is '_site' beside baton.yml)")
    }
    if base == output || base.hasPrefix(output + "/") { throw refuse("holds the repository") }
    guard output.hasPrefix(base + "/") else { return }
    let relative = String(output.dropFirst(base.count + 1))
    if relative == ".git" || relative.hasPrefix(".git/") {
      throw refuse("lies inside git's own folder")
    }
    let tracked = repository.trackedPaths(under: relative, limit: 3)
    if !tracked.isEmpty {
      throw OutputError(
        path: folder,
        message:
          "the output folder holds files git tracks ("
          + tracked.map { "'\($0)'" }.joined(separator: ", ") + (tracked.count == 3 ? ", …" : "")
          + "), which a build would delete: choose another '--output', or, if it holds only a "
          + "built site, untrack it ('git rm -r --cached \(relative)') and list it in .gitignore")
    }
    for collection in configuration.collections {
      let path = collection.path
      if path.isEmpty { continue }  // a collection of the whole repository holds every folder
      if path == relative || path.hasPrefix(relative + "/") || relative.hasPrefix(path + "/") {
        throw refuse("overlaps the collection '\(collection.name)' ('\(path)')")
      }
    }
  }

  /// A path with symbolic links resolved as far as it exists, the rest appended.
  static func canonical(_ path: String) -> String {
    var existing = URL(fileURLWithPath: path).standardizedFileURL.path
    var rest: [String] = []
    while existing != "/",
      (try? FileManager.default.destinationOfSymbolicLink(atPath: existing))
        == nil, !FileManager.default.fileExists(atPath: existing)
    {
      rest.insert(URL(fileURLWithPath: existing).lastPathComponent, at: 0)
      existing = URL(fileURLWithPath: existing).deletingLastPathComponent().path
    }
    let resolved = URL(fileURLWithPath: existing).resolvingSymlinksInPath().path
    return ([resolved == "/" ? "" : resolved] + rest).joined(separator: "/")
  }
}
