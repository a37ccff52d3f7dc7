import BatonConfig
import BatonCorpus
import BatonDocuments
import BatonSource
import BatonSupport

/// One document as `baton list --format json` and the site's `documents.json` show it.
///
/// Every field is always present (null when unknown), keys sorted, so integrations can rely on
/// the shape. History fields (`created`, `updated`, `authors`, `commits`, `draft`,
/// `status_history`) are null when history was not read; `status_history` is null for kinds
/// without a status timeline (anything but decisions).
public struct DocumentRecord: Sendable, Encodable {
  public var path: String
  public var kind: String
  public var collection: String
  public var id: String
  public var title: String
  @Nullable public var status: String?
  @Nullable public var owner: String?
  @Nullable public var date: String?
  public var tags: [String]
  /// The commit that added the document (following renames).
  @Nullable public var created: Event?
  /// The last commit that changed it (`.git-blame-ignore-revs` skipped).
  @Nullable public var updated: Event?
  /// Contributors after `.mailmap`, most commits first.
  @Nullable public var authors: [Author]?
  /// How many commits touched the document.
  @Nullable public var commits: Int?
  /// Whether the working tree holds uncommitted changes to it.
  @Nullable public var draft: Bool?
  /// Each change of status, oldest first (decisions).
  @Nullable public var statusHistory: [StatusEvent]?

  /// A commit as a record shows it: `{"commit","author","date"}`, the date in ISO 8601 with the
  /// author's own offset.
  public struct Event: Sendable, Encodable, Hashable {
    public var commit: String
    public var author: String
    public var date: String

    public init(_ event: DocumentHistory.Event) {
      self.commit = event.commit
      self.author = event.authorName
      self.date = ISODate.string(event.date, offsetMinutes: event.timeZoneOffsetMinutes)
    }
  }

  /// A contributor: `{"name","email","commits"}`.
  public struct Author: Sendable, Encodable, Hashable {
    public var name: String
    public var email: String
    public var commits: Int
  }

  /// A change of status: `{"status","commit","author","date"}`.
  public struct StatusEvent: Sendable, Encodable, Hashable {
    public var status: String
    public var commit: String
    public var author: String
    public var date: String
  }

  public init(_ document: Document, schema: KindSchema, history: DocumentHistory? = nil) {
    self.path = document.path
    self.kind = document.kind
    self.collection = document.collection
    self.id = document.identifier.text
    self.title = document.displayTitle
    self.status = document.status?.value ?? (schema.statuses.isEmpty ? nil : "unknown")
    self.owner = (document.fields["owner"] ?? document.fields["author"])?.value.text
    self.date = document.date?.description
    self.tags = document.tags
    guard let history else { return }
    self.created = history.created.map(Event.init)
    self.updated = history.updated.map(Event.init)
    self.authors = history.contributors.map {
      Author(name: $0.name, email: $0.email, commits: $0.commits)
    }
    self.commits = history.commits.count
    self.draft = history.isDraft
    if LoadedHistory.tracksStatus(schema) {
      self.statusHistory = history.statusTimeline.map { change in
        let event = Event(change.event)
        return StatusEvent(
          status: change.status, commit: event.commit, author: event.author, date: event.date)
      }
    }
  }

  enum CodingKeys: String, CodingKey {
    case path, kind, collection, id, title, status, owner, date, tags
    case created, updated, authors, commits, draft
    case statusHistory = "status_history"
  }

  /// The records as a JSON array, sorted by path: what `JSONOutput.encode` writes for them,
  /// written by hand (see `PrettyJSONWriter`).
  public static func json(_ records: [DocumentRecord]) -> String {
    jsonWithRanges(records).text
  }

  /// `json(_:)`, and where each record's object is in it (UTF-8 bytes, from its `{` to its
  /// `}`), by path: `BuildState` replaces one record's text without writing the others.
  package static func jsonWithRanges(_ records: [DocumentRecord]) -> (
    text: String, ranges: [String: Range<Int>]
  ) {
    var writer = PrettyJSONWriter(capacity: records.count * 1_024)
    var ranges: [String: Range<Int>] = [:]
    ranges.reserveCapacity(records.count)
    writer.openArray()
    for record in records.sorted(by: { $0.path < $1.path }) {
      writer.element()
      let start = writer.bytes.count
      record.write(to: &writer)
      ranges[record.path] = start..<writer.bytes.count
    }
    writer.closeArray()
    return (writer.text + "\n", ranges)
  }

  /// The record's object as `json(_:)` writes it among others (at the array's depth).
  package var object: [UInt8] {
    let text = Array(DocumentRecord.json([self]).utf8)
    return Array(text.dropFirst("[\n  ".utf8.count).dropLast("\n]\n".utf8.count))
  }

  /// The record as an object, keys in `JSONEncoder`'s sorted order.
  func write(to writer: inout PrettyJSONWriter) {
    writer.object { writer in
      writer.key("authors")
      writer.array(authors) { writer, author in
        writer.object { writer in
          writer.key("commits")
          writer.int(author.commits)
          writer.key("email")
          writer.string(author.email)
          writer.key("name")
          writer.string(author.name)
        }
      }
      writer.key("collection")
      writer.string(collection)
      writer.key("commits")
      writer.int(commits)
      writer.key("created")
      DocumentRecord.write(created, to: &writer)
      writer.key("date")
      writer.string(date)
      writer.key("draft")
      writer.bool(draft)
      writer.key("id")
      writer.string(id)
      writer.key("kind")
      writer.string(kind)
      writer.key("owner")
      writer.string(owner)
      writer.key("path")
      writer.string(path)
      writer.key("status")
      writer.string(status)
      writer.key("status_history")
      writer.array(statusHistory) { writer, change in
        writer.object { writer in
          DocumentRecord.writeMembers(
            author: change.author, commit: change.commit, date: change.date, to: &writer)
          writer.key("status")
          writer.string(change.status)
        }
      }
      writer.key("tags")
      writer.array(tags) { writer, tag in writer.string(tag) }
      writer.key("title")
      writer.string(title)
      writer.key("updated")
      DocumentRecord.write(updated, to: &writer)
    }
  }

  /// An event (`created`, `updated`) as an object, or null when there is none.
  static func write(_ event: Event?, to writer: inout PrettyJSONWriter) {
    guard let event else { return writer.null() }
    writer.object {
      writeMembers(author: event.author, commit: event.commit, date: event.date, to: &$0)
    }
  }

  /// The members every event has (a status change adds its status after them).
  static func writeMembers(
    author: String, commit: String, date: String, to writer: inout PrettyJSONWriter
  ) {
    writer.key("author")
    writer.string(author)
    writer.key("commit")
    writer.string(commit)
    writer.key("date")
    writer.string(date)
  }
}
