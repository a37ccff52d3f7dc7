import BatonCorpus
import BatonDocuments
import BatonSupport

/// One document in full, as `baton show` prints it: metadata with where each value came from,
/// sections, links in, and history.
public struct DocumentDetail: Sendable, Encodable {
  public var path: String
  public var kind: String
  public var collection: String
  public var id: String
  public var title: String
  /// The normalised status, and where the raw value was read.
  @Nullable public var status: Value?
  /// Metadata by key, sorted, each with its origin; the title included.
  public var fields: [Value]
  public var sections: [SectionEntry]
  /// Documents linking to this one.
  public var backlinks: [String]
  /// Nil when history was not read.
  @Nullable public var history: HistoryDetail?
  /// Answers to the call to action; nil for a kind that takes none.
  @Nullable public var responses: ResponsesDetail?

  /// A value and the place it was read from.
  public struct Value: Sendable, Encodable, Hashable {
    public var key: String
    /// Text, or items joined with ", " for lists.
    public var value: String
    /// `front matter`, `status section`, `bullet list`, `date line`, `heading`, `file name`.
    public var origin: String
    public var line: Int
  }

  /// An H2 section.
  public struct SectionEntry: Sendable, Encodable, Hashable {
    public var title: String
    public var anchor: String
    public var line: Int
  }

  /// A commit that touched the document.
  public struct Commit: Sendable, Encodable, Hashable {
    public var commit: String
    public var author: String
    public var email: String
    public var date: String
    public var subject: String
  }

  /// What git knows of the document.
  public struct HistoryDetail: Sendable, Encodable {
    @Nullable public var created: DocumentRecord.Event?
    @Nullable public var updated: DocumentRecord.Event?
    public var authors: [DocumentRecord.Author]
    /// Newest first.
    public var commits: [Commit]
    @Nullable public var statusHistory: [DocumentRecord.StatusEvent]?
    public var draft: Bool
    /// Shallow clone: the creation date may be later than the truth.
    public var approximate: Bool

    enum CodingKeys: String, CodingKey {
      case created, updated, authors, commits, draft, approximate
      case statusHistory = "status_history"
    }
  }

  enum CodingKeys: String, CodingKey {
    case path, kind, collection, id, title, status, fields, sections, backlinks, history
    case responses
  }

  public init(_ document: Document, in corpus: Corpus) {
    let schema = corpus.schema(of: document)
    self.path = document.path
    self.kind = document.kind
    self.collection = document.collection
    self.id = document.identifier.text
    self.title = document.displayTitle
    self.status = document.status.map {
      Value(key: "status", value: $0.value, origin: $0.origin.rawValue, line: $0.line)
    }
    var fields = document.fields.map { key, field in
      Value(key: key, value: field.value.text, origin: field.origin.rawValue, line: field.line)
    }
    if let title = document.title {
      fields.append(
        Value(key: "title", value: title.value, origin: title.origin.rawValue, line: title.line))
    }
    self.fields = fields.sorted { ($0.key, $0.line) < ($1.key, $1.line) }
    self.sections = document.sections.map {
      SectionEntry(title: $0.title, anchor: $0.slug, line: $0.line)
    }
    self.backlinks = corpus.backlinks[document.path] ?? []
    self.responses = corpus.ledger(of: document).map(ResponsesDetail.init)
    guard corpus.repository.hasHistory, let history = corpus.history[document.path] else {
      return
    }
    let record = DocumentRecord(document, schema: schema, history: history)
    self.history = HistoryDetail(
      created: record.created, updated: record.updated, authors: record.authors ?? [],
      commits: history.commits.map {
        Commit(
          commit: $0.commit, author: $0.authorName, email: $0.authorEmail,
          date: ISODate.string($0.date, offsetMinutes: $0.timeZoneOffsetMinutes),
          subject: $0.subject)
      }, statusHistory: record.statusHistory, draft: history.isDraft,
      approximate: history.isApproximate)
  }

  /// The detail as JSON (sorted keys).
  public func json() -> String {
    JSONOutput.encode(self)
  }

  /// The detail as text for a terminal: every value read from the repository is escaped (see
  /// `TerminalText`).
  public func text() -> String {
    let e = TerminalText.escaped
    var out = "\(e(title))\n\(e(path))  (\(kind) in '\(e(collection))', id \(e(id)))\n"
    if let status {
      out += "status: \(e(status.value))  (\(status.origin), line \(status.line))\n"
    }
    out += "\nMetadata\n"
    let width = min(fields.map(\.key.count).max() ?? 0, 16)
    for field in fields {
      out +=
        "  " + e(field.key).padded(to: width) + "  " + e(field.value)
        + "  (\(field.origin), line \(field.line))\n"
    }
    out += "\nSections\n"
    for section in sections { out += "  line \(section.line)  \(e(section.title))\n" }
    if sections.isEmpty { out += "  (none)\n" }
    if !backlinks.isEmpty {
      out += "\nLinked from\n" + backlinks.map { "  \(e($0))\n" }.joined()
    }
    if let responses, !responses.answers.isEmpty || !responses.outstanding.isEmpty {
      out += "\nResponses\n" + responses.text()
    }
    guard let history else { return out }
    out += "\nHistory\n"
    if history.draft { out += "  uncommitted changes in the working tree (draft)\n" }
    func describe(_ event: DocumentRecord.Event) -> String {
      "\(event.date)  \(e(event.author))  \(event.commit.prefix(7))"
    }
    if let created = history.created {
      out +=
        "  created  " + describe(created) + (history.approximate ? "  (approximate)" : "")
        + "\n"
    }
    if let updated = history.updated { out += "  updated  " + describe(updated) + "\n" }
    if !history.authors.isEmpty {
      out +=
        "  authors  "
        + history.authors.map { "\(e($0.name)) <\(e($0.email))> (\($0.commits))" }.joined(
          separator: ", ") + "\n"
    }
    if let timeline = history.statusHistory, !timeline.isEmpty {
      out += "\nStatus\n"
      for change in timeline {
        out +=
          "  " + e(change.status).padded(to: 11) + "  \(change.date)  \(e(change.author))  "
          + "\(change.commit.prefix(7))\n"
      }
    }
    if !history.commits.isEmpty {
      out += "\nCommits (\(history.commits.count))\n"
      for commit in history.commits {
        out +=
          "  \(commit.commit.prefix(7))  \(commit.date)  \(e(commit.author))  \(e(commit.subject))\n"
      }
    }
    return out
  }
}

extension String {
  /// The string with spaces after it up to `width` characters.
  func padded(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
