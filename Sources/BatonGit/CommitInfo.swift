import Foundation

/// What Baton keeps of a commit that touched a document.
public struct CommitInfo: Sendable, Hashable, Codable {
  /// The commit id.
  public let id: ObjectID
  /// The author, after `.mailmap`.
  public let author: Person
  /// The author date.
  public let date: Date
  /// The author's UTC offset in minutes (east positive), for showing local times.
  public let timeZoneOffsetMinutes: Int
  /// The first paragraph of the message, lines joined (invalid UTF-8 repaired).
  public let subject: String
  /// Whether `.git-blame-ignore-revs` (at the walked head) lists this commit, so it must not
  /// count as a document's last update.
  public let isIgnoredRevision: Bool

  /// Creates a commit description.
  public init(
    id: ObjectID, author: Person, date: Date, timeZoneOffsetMinutes: Int, subject: String,
    isIgnoredRevision: Bool
  ) {
    self.id = id
    self.author = author
    self.date = date
    self.timeZoneOffsetMinutes = timeZoneOffsetMinutes
    self.subject = subject
    self.isIgnoredRevision = isIgnoredRevision
  }
}
