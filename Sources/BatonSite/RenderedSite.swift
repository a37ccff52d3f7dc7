/// The Render stage's output: every file of the site in memory, sorted by path.
///
/// Nothing is on disk yet; `write(to:)` (the Write stage) puts it there atomically.
public struct RenderedSite: Sendable {
  public var files: [SiteFile]

  public init(files: [SiteFile]) {
    self.files = files.sorted { $0.path < $1.path }
  }

  /// A site of files already sorted by path.
  init(sorted files: [SiteFile]) {
    self.files = files
  }

  /// The file at a path under the output folder, if any.
  public func file(_ path: String) -> SiteFile? {
    files.first { $0.path == path }
  }

  /// Writes the site into `folder` atomically; see `SiteWriter`.
  public func write(to folder: String) throws(OutputError) -> SiteWriter.Summary {
    try SiteWriter(folder: folder).write(self)
  }
}
