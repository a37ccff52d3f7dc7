/// One commit in a document's history.
public struct FileHistoryEntry: Sendable, Codable, Hashable {
  /// What the commit did to the document.
  public enum Change: Sendable, Codable, Hashable {
    /// The document appeared (or the history starts here, at a shallow boundary).
    case added
    /// The document's contents changed.
    case modified
    /// The document moved here from `from` (possibly with edits).
    case renamed(from: String)
    /// The document was deleted (it came back later under the same name).
    case deleted
  }

  /// The commit.
  public let commit: CommitInfo
  /// The document's path in that commit (an older name when it was renamed since).
  public let path: String
  /// The document's blob after the commit; nil when the commit deleted it.
  public let blob: ObjectID?
  /// What the commit did.
  public let change: Change

  /// Creates an entry.
  public init(commit: CommitInfo, path: String, blob: ObjectID?, change: Change) {
    self.commit = commit
    self.path = path
    self.blob = blob
    self.change = change
  }
}
