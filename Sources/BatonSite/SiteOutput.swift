import BatonGit
import BatonSource
import BatonSupport

/// Where a build writes, and where it keeps what the next build reads, worked out once per
/// build: the output folder (absolute), the record of its files (`SiteManifest`) and the build
/// state's folder (`BuildState`), both under `.baton/cache/` beside `baton.yml` and named by a
/// hash of the output folder's path, so that two output folders keep apart.
struct SiteOutput: Sendable {
  /// The output folder, absolute and standardised (as `SiteWriter` has it).
  let folder: String
  /// Where the record of the folder's files is kept; nil when nothing is kept (no cache, or a
  /// bare repository).
  let manifestPath: String?
  /// The build state's folder; nil for a bare repository. A build without the cache removes
  /// the state there and keeps none (`keepsState`).
  let stateFolder: String?
  /// Whether the build keeps a record and a state for the next.
  let keepsState: Bool
  /// The commit a build would read (the revision's, or HEAD's), when known before loading.
  let tip: ObjectID?

  /// The output of a build of `source` into `output` (default: `_site` beside `baton.yml`),
  /// keeping a record and a state when `cache` is true.
  ///
  /// - Throws: what reading the repository throws, or `SourceError` for a bare repository
  ///   without an output folder.
  static func resolve(_ source: SourceOptions, output: String?, cache: Bool) throws -> SiteOutput {
    let located = try? Loader.locate(source)
    guard let located else {
      // Not a repository Baton can read: say why, as a load would; with a folder given, the
      // load says it.
      guard let output else {
        _ = try Loader.locate(source)
        throw SourceError("the repository cannot be read")
      }
      return SiteOutput(folder: output, cacheFolder: nil, keeping: false, tip: nil)
    }
    guard let top = located.workingDirectory else {
      guard let output else {
        throw SourceError("the repository is bare: pass '--output DIR' to say where to write")
      }
      return SiteOutput(folder: output, cacheFolder: nil, keeping: false, tip: located.tip)
    }
    let base =
      (top.hasSuffix("/") ? top : top + "/")
      + (located.root.isEmpty ? "" : located.root + "/")
    return SiteOutput(
      folder: output ?? base + "_site", cacheFolder: base + ".baton/cache/", keeping: cache,
      tip: located.tip)
  }

  private init(folder: String, cacheFolder: String?, keeping: Bool, tip: ObjectID?) {
    let absolute = SiteWriter(folder: folder).folder
    self.folder = absolute
    self.tip = tip
    let name = Digest(of: Array(absolute.utf8)).description
    keepsState = keeping && cacheFolder != nil
    manifestPath = keeping ? cacheFolder.map { $0 + "site-v1/" + name + ".manifest" } : nil
    stateFolder = cacheFolder.map { $0 + "build-v1/" + name + "/" }
  }

  /// The writer of this output.
  var writer: SiteWriter {
    SiteWriter(folder: folder, manifestPath: manifestPath)
  }
}
