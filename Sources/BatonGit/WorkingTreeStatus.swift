/// How a file in the working tree differs from HEAD, for marking uncommitted drafts.
public enum WorkingTreeStatus: Sendable, Hashable {
  /// Untracked, or added to the index but not committed.
  case new
  /// Tracked and changed (in the index or on disk), including renames and type changes.
  case modified
  /// Tracked in HEAD but deleted on disk or in the index.
  case deleted
}
