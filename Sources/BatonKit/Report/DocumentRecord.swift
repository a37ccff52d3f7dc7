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

  /// The records as a JSON array, sorted by path.
  public static func json(_ records: [DocumentRecord]) -> String {
    JSONOutput.encodeArray(records.sorted { $0.path < $1.path })
  }
}
