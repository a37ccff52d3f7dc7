import BatonConfig
import BatonDocuments
import BatonGit
import BatonSupport

/// The Load stage's output: the configuration and every file's bytes, read from one snapshot.
///
/// Loading is the only stage that touches libgit2; it closes the repository before returning,
/// so what follows is pure and can run in parallel.
public struct LoadedSource: Sendable {
  public var configuration: Configuration
  /// Warnings about `baton.yml`.
  public var configurationDiagnostics: [Diagnostic]
  /// The documents' files with the collection each belongs to, sorted by path.
  public var files: [CollectionFile]
  /// `people.yml`, when there is one.
  public var peopleFile: SourceFile?
  /// Every file path under the handbook root, for link checks.
  public var filePaths: Set<String>
  /// The repository's working folder (absolute), nil when bare.
  public var workingDirectory: String?
  /// The commit read, or nil for the working tree.
  public var commit: ObjectID?
  /// The commit HEAD points at (nil in an empty repository).
  public var head: ObjectID?
  /// Documents that differ from HEAD in the working tree: uncommitted drafts.
  public var drafts: [String: WorkingTreeStatus]
  /// The git config's `user.name` and `user.email`, for drafts and `baton new`.
  public var userName: String?
  public var userEmail: String?
  /// Whether the repository is a shallow clone.
  public var isShallow: Bool
  /// The documents' history, when `SourceOptions.includeHistory` asked for it and the snapshot
  /// has commits.
  public var history: LoadedHistory?
  /// What `history` was computed from, when it was read (see `HistoryMemo`).
  package var historyKey: HistoryMemo.Key?
  /// `baton.yml`'s bytes, when there is one: with the root and the collections found, what
  /// the configuration is made from (`BuildState` keys on it).
  package var configurationBytes: [UInt8]?
  /// `filePaths` sorted, when the load listed them so (empty otherwise): a digest of every
  /// path (`BuildState.inputs`) then need not sort them.
  package var sortedFilePaths: [String] = []
  /// The index as the drafts were found from it (working tree only, with a HEAD; see
  /// `KnownDrafts`).
  package var index: KnownDrafts.Index?
  /// The notes reading `history` gave (a shallow clone, the cache), which a reused history
  /// gives again.
  var historyNotes: [String] = []
  /// What changed since `SourceOptions.since`, when given.
  public var scope: ChangeScope?
  /// Notes for the user about how the repository was read (history cache, shallow clone).
  public var notes: [String] = []

  /// A document's file and the collection it is in.
  public struct CollectionFile: Sendable {
    public let file: SourceFile
    public var collection: Collection
    /// The working-tree file's stamp, taken before it was read (see `FileStamp`).
    public var stamp: FileStamp?
    /// True when the file was not read: the load was told it unchanged by its stamp
    /// (`Loader.Known.stamps`), and `file` has neither bytes nor a problem.
    public var isUnread = false
    /// True when the document may hold responses (`DocumentParser.mayHoldResponses`): worked
    /// out here from its bytes, once; for a file not read, what the caller that knew its
    /// stamp knew (`Loader.Known.withResponses`), so that what is computed from
    /// it (the history's key) is the same whether the file was read or not.
    public var mayHoldResponses = false
    /// The digest of what the document is made of (its bytes, and its metadata file's), taken
    /// once here: the one way every later stage tells that a document changed (the render
    /// cache's keys, the build state). Nil when the file was not read or has no bytes.
    public let digest: Digest?

    public init(
      file: SourceFile, collection: Collection, stamp: FileStamp? = nil, isUnread: Bool = false
    ) {
      self.file = file
      self.collection = collection
      self.stamp = stamp
      self.isUnread = isUnread
      digest = file.bytes.map { bytes in
        var hasher = StableHasher()
        hasher.combine(bytes: bytes)
        hasher.combine(file.metadata != nil)
        hasher.combine(bytes: file.metadata ?? [])
        return hasher.finalize()
      }
    }
  }
}
