/// Where to read documents from: which repository, which revision, which handbook root.
public struct SourceOptions: Sendable {
  /// The repository's folder; nil finds the repository enclosing `startDirectory`.
  public var repositoryPath: String?
  /// The folder the search for `baton.yml` starts from (absolute): usually the current
  /// directory, or the first folder given on the command line.
  public var startDirectory: String
  /// A revision to read instead of the working tree (`main`, `v1.2`, a commit id).
  public var revision: String?
  /// Largest document read, in bytes; larger files get a diagnostic instead.
  ///
  /// 1 MiB is far above any real document, and it bounds the parser's worst case: cmark-gfm is
  /// quadratic on some hostile inputs (hundreds of kilobytes of links and emphasis).
  public var maxFileBytes = 1_048_576

  public init(repositoryPath: String? = nil, startDirectory: String, revision: String? = nil) {
    self.repositoryPath = repositoryPath
    self.startDirectory = startDirectory
    self.revision = revision
  }
}
