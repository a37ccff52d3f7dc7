/// The commits that touched one document, newest first.
public struct FileHistory: Sendable, Codable {
  /// The entries, newest first (topological, then by commit time, like `git log`).
  public var entries: [FileHistoryEntry]

  /// Creates a history.
  public init(entries: [FileHistoryEntry]) {
    self.entries = entries
  }

  /// The commit that created the document (the oldest entry).
  public var created: FileHistoryEntry? { entries.last }

  /// The newest entry whose commit is not listed in `.git-blame-ignore-revs`.
  public var lastUpdated: FileHistoryEntry? {
    entries.first { !$0.commit.isIgnoredRevision } ?? entries.first
  }
}
