import BatonConfig
import BatonDocuments
import BatonGit
import BatonSupport

extension Loader {
  /// The message when a repository has no collection at all: checking nothing must not pass.
  public static let noCollectionsMessage =
    "no collections found: run `baton init` to adopt this repository, or add `collections:` "
    + "to baton.yml"

  /// Fails loudly when the configuration leaves nothing to read: no collection at all, or a
  /// declared collection whose folder does not exist when that is likely a typo (a folder close
  /// to its name exists) or when no declared folder exists. A collection whose folder is simply
  /// gone (its last document deleted) is a `config-missing-folder` warning.
  ///
  /// - Parameter configurationText: `baton.yml`'s text, to point at the line naming the folder.
  /// - Returns: warnings about folders that are missing without looking like typos.
  static func requireCollections(
    _ configuration: Configuration, repository: Repository, snapshot: Snapshot,
    configurationText: String?
  ) throws -> [Diagnostic] {
    guard !configuration.collections.isEmpty else {
      throw SourceError(noCollectionsMessage)
    }
    guard configuration.collectionsDeclared else { return [] }
    let paths = configuration.collections.map(\.path)
    let existing = Set(try repository.existingFolders(in: snapshot, among: paths))
    let missing = configuration.collections.filter { !existing.contains($0.path) }
    guard !missing.isEmpty else { return [] }
    let folders = try folderList(repository, snapshot: snapshot, root: configuration.root)
    let configPath = configuration.path ?? Configuration.join(configuration.root, "baton.yml")
    var warnings: [Diagnostic] = []
    for collection in missing {
      let shown = relative(collection.path, to: configuration.root)
      let closest = closestFolder(to: shown, among: folders)
      let (line, column) = Configuration.location(
        of: ["collections", collection.name, "path"], in: configurationText ?? "")
      let message = "collection '\(collection.name)' reads folder '\(shown)', which does not exist"
      if closest != nil || existing.isEmpty {
        let hint = closest.map { "did you mean '\($0)'?" } ?? "create it or fix 'path'"
        throw ConfigurationError(
          path: configPath, line: line, column: column, message: "\(message): \(hint)")
      }
      warnings.append(
        Diagnostic(
          .warning, "config-missing-folder",
          "\(message): add a document to it, or remove the collection",
          at: SourceLocation(path: configPath, line: line, column: column), subject: shown))
    }
    return warnings
  }

  /// Every folder under the root holding a file, relative to the root.
  private static func folderList(_ repository: Repository, snapshot: Snapshot, root: String)
    throws -> [String]
  {
    var folders = Set<String>()
    for path in try repository.paths(in: snapshot, under: [root], extensions: [])
    where !isHidden(path) {
      var parts = relative(path, to: root).split(separator: "/").dropLast()
      while !parts.isEmpty {
        folders.insert(parts.joined(separator: "/"))
        parts = parts.dropLast()
      }
    }
    return folders.sorted()
  }

  /// The folder whose path is the fewest edits away (ties: the shorter path), within reason.
  static func closestFolder(to path: String, among folders: [String]) -> String? {
    let target = Array(path.lowercased())
    var best: (folder: String, distance: Int)?
    for folder in folders {
      let distance = editDistance(target, Array(folder.lowercased()))
      if best.map({ distance < $0.distance }) ?? true { best = (folder, distance) }
    }
    guard let best, best.distance <= max(3, target.count / 2) else { return nil }
    return best.folder
  }

  /// Levenshtein distance between two strings' characters.
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
      var current = [i + 1] + Array(repeating: 0, count: b.count)
      for (j, y) in b.enumerated() {
        current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }

  private static func relative(_ path: String, to root: String) -> String {
    root.isEmpty || !path.hasPrefix(root + "/") ? path : String(path.dropFirst(root.count + 1))
  }

}

extension Loader {
  /// Whether a Markdown file of a collection is one of its documents: for a collection of
  /// folder documents, the `README.md` or `index.md` of a folder below it (named with a number
  /// when the kind is numbered); otherwise any file but a numbered folder's README, index or
  /// template.
  package static func isDocument(_ path: String, in collection: Collection, kind: KindSchema?)
    -> Bool
  {
    guard collection.layout == .folders else { return !KindSchema.isNotADocument(path, kind: kind) }
    let parts = collection.relative(path).split(separator: "/")
    guard parts.count >= 2, let name = parts.last?.lowercased(),
      name == "readme.md" || name == "index.md"
    else { return false }
    guard kind?.numbered ?? false else { return true }
    return DocumentIdentifier(fileName: String(parts[parts.count - 2]) + ".md").number != nil
  }

  /// The bytes of a folder document's metadata file (`meta-file:`), when it has one.
  static func metadata(
    of path: String, in collection: Collection, repository: Repository, snapshot: Snapshot
  ) throws -> [UInt8]? {
    guard let name = collection.metaFile, let slash = path.lastIndex(of: "/") else { return nil }
    let metaPath = path[..<slash] + "/" + name
    return try repository.file(in: snapshot, at: metaPath, maxBytes: 1_048_576)?.contents
  }
}
