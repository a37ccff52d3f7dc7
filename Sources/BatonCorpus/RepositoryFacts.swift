import BatonSource

/// What the corpus knows about the repository it was read from.
public struct RepositoryFacts: Sendable, Hashable {
  /// The commit read (the revision, or HEAD for the working tree); nil when there is none.
  public var commit: String?
  /// Whether the documents come from the working tree (drafts included).
  public var isWorkingTree: Bool
  /// Whether the clone is shallow, so history and dates are approximate.
  public var isShallow: Bool
  /// Notes for the user about how history was read (cache rebuilt, history truncated).
  public var notes: [String]
  /// Whether history was read (`SourceOptions.includeHistory` and a snapshot with commits).
  public var hasHistory: Bool
  /// How many commits the history pass walked this run (0 when its cache was current).
  public var walkedCommits: Int
  /// What changed since `--since REF`, when given.
  public var scope: ChangeScope?

  public init(
    commit: String? = nil, isWorkingTree: Bool = true, isShallow: Bool = false,
    notes: [String] = [], hasHistory: Bool = false, walkedCommits: Int = 0,
    scope: ChangeScope? = nil
  ) {
    self.commit = commit
    self.isWorkingTree = isWorkingTree
    self.isShallow = isShallow
    self.notes = notes
    self.hasHistory = hasHistory
    self.walkedCommits = walkedCommits
    self.scope = scope
  }
}
