import BatonGit

/// What the Load stage read of the documents' history: one walk's result plus the bytes of the
/// older versions the Parse stage needs for status timelines.
///
/// Only documents present in the snapshot are kept, so the value stays proportional to the
/// corpus, not to the repository.
public struct LoadedHistory: Sendable {
  /// The commit the history was computed up to (the revision read, or HEAD); nil in an empty
  /// repository, where there is no history yet.
  public var head: ObjectID?
  /// Whether the clone is shallow.
  public var isShallow: Bool
  /// The commits where a shallow clone's history is cut off.
  public var shallowBoundary: Set<ObjectID>
  /// Each loaded document's history by its path in the snapshot.
  public var files: [String: FileHistory]
  /// The bytes of every version of status-tracked documents (decisions), by blob id; versions
  /// larger than the document limit are left out.
  public var versions: [ObjectID: [UInt8]]
  /// How many commits this run walked (0 when the cache covered the head).
  public var walkedCommits: Int

  public init(
    head: ObjectID?, isShallow: Bool, shallowBoundary: Set<ObjectID>,
    files: [String: FileHistory], versions: [ObjectID: [UInt8]], walkedCommits: Int
  ) {
    self.head = head
    self.isShallow = isShallow
    self.shallowBoundary = shallowBoundary
    self.files = files
    self.versions = versions
    self.walkedCommits = walkedCommits
  }

  /// Whether a kind's documents get a status timeline: numbered kinds with statuses
  /// (decisions), whose status changes are events worth showing.
  public static func tracksStatus(_ schema: KindSchema) -> Bool {
    schema.numbered && !schema.statuses.isEmpty
  }
}
