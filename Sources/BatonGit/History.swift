/// The history of every document at a head commit, from one walk over the commits.
public struct History: Sendable, Codable {
  /// The commit the history was computed for; nil for an empty repository.
  public var head: ObjectID?
  /// Whether the repository is a shallow clone, so the oldest dates are only approximate.
  public var isShallow: Bool
  /// The commits where a shallow clone's history is cut off (their parents are missing).
  public var shallowBoundary: [ObjectID]
  /// Each document's history, keyed by its path at `head`.
  public var files: [String: FileHistory]
  /// How many commits this run walked (0 when the cache already covered `head`).
  public var walkedCommits: Int

  /// Creates a history value.
  public init(
    head: ObjectID?, isShallow: Bool, shallowBoundary: [ObjectID], files: [String: FileHistory],
    walkedCommits: Int
  ) {
    self.head = head
    self.isShallow = isShallow
    self.shallowBoundary = shallowBoundary
    self.files = files
    self.walkedCommits = walkedCommits
  }
}
