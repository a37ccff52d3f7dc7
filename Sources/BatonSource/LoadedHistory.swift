import BatonConfig
import BatonDocuments
import BatonGit

/// What the Load stage read of the documents' history: one walk's result plus the status of the
/// older versions of decisions, for status timelines.
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
  /// The status of every version of status-tracked documents (decisions), by blob id, read as
  /// `DocumentParser.status(of:)` reads it; versions without a status, larger than the document
  /// limit or unreadable are absent.
  public var statuses: [ObjectID: String]
  /// How many commits this run walked (0 when the cache covered the head).
  public var walkedCommits: Int
  /// Every version of the documents that hold responses now, parsed (without bodies), by blob
  /// id: which answers each held, and whom its call to action named. Versions that could not
  /// be read are absent.
  public var versions: [ObjectID: Document] = [:]

  public init(
    head: ObjectID?, isShallow: Bool, shallowBoundary: Set<ObjectID>,
    files: [String: FileHistory], statuses: [ObjectID: String], walkedCommits: Int
  ) {
    self.head = head
    self.isShallow = isShallow
    self.shallowBoundary = shallowBoundary
    self.files = files
    self.statuses = statuses
    self.walkedCommits = walkedCommits
  }

  /// Whether a kind's documents get a status timeline: numbered kinds with statuses
  /// (decisions), whose status changes are events worth showing.
  public static func tracksStatus(_ schema: KindSchema) -> Bool {
    schema.numbered && !schema.statuses.isEmpty
  }
}
