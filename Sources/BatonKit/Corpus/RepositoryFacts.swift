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

  public init(
    commit: String? = nil, isWorkingTree: Bool = true, isShallow: Bool = false, notes: [String] = []
  ) {
    self.commit = commit
    self.isWorkingTree = isWorkingTree
    self.isShallow = isShallow
    self.notes = notes
  }
}
