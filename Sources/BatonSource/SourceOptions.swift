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
  /// Whether to run the history pass (created, updated, contributors, status timelines).
  ///
  /// Off by default: `baton check` does not need history and should not pay for a walk over
  /// every commit; `list --format json`, `show` and the site turn it on.
  public var includeHistory = false
  /// Whether to run the history pass anyway when a document holds responses to its call to
  /// action (`baton check`: who committed each answer is checked against whom it speaks for).
  public var includeHistoryForResponses = false
  /// Where the history cache lives; nil means `<repository top>/.baton/cache` (the git folder
  /// for a bare repository). Set `useHistoryCache` to false to walk from scratch.
  public var historyCacheDirectory: String?
  /// Whether to read and write the history cache.
  public var useHistoryCache = true
  /// A revision to compare with (`baton check --since origin/main`): the Load stage finds the
  /// merge base and the documents changed since, and the document paths on that revision.
  public var since: String?
  /// Told how long work is getting on, on the loading thread; the command line shows it on a
  /// terminal. The library never prints.
  public var progress: (@Sendable (LoadProgress) -> Void)?
  /// Whether a configuration without collections, or with a declared collection whose folder
  /// does not exist, is a failure (it is, so that checking nothing never passes); `baton new`
  /// turns it off, since it writes the first document of a collection.
  public var requiresCollections = true
  /// `baton.yml`'s text to use instead of the file (`baton init` checks the configuration it
  /// proposes before writing it).
  public var configurationText: String?

  public init(
    repositoryPath: String? = nil, startDirectory: String, revision: String? = nil,
    includeHistory: Bool = false, since: String? = nil
  ) {
    self.repositoryPath = repositoryPath
    self.startDirectory = startDirectory
    self.revision = revision
    self.includeHistory = includeHistory
    self.since = since
  }
}

/// How far a long load has got, for a progress line.
public enum LoadProgress: Sendable, Hashable {
  /// Walking history: commits walked so far.
  case walkingHistory(commits: Int)
  /// Reading older versions of decisions for their status timelines.
  case readingVersions(read: Int, total: Int)
  /// Loading is over; a progress line should be cleared.
  case finished
}
