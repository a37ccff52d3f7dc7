/// One document as `baton list --format json` and the site's `documents.json` show it.
///
/// Every field is always present (null when unknown), keys sorted, so integrations can rely on
/// the shape.
public struct DocumentRecord: Sendable, Encodable {
  public var path: String
  public var kind: String
  public var collection: String
  public var id: String
  public var title: String
  public var status: String?
  public var owner: String?
  public var date: String?
  public var tags: [String]

  public init(_ document: Document, schema: KindSchema) {
    self.path = document.path
    self.kind = document.kind
    self.collection = document.collection
    self.id = document.identifier.text
    self.title = document.displayTitle
    self.status = document.status?.value ?? (schema.statuses.isEmpty ? nil : "unknown")
    self.owner = (document.fields["owner"] ?? document.fields["author"])?.value.text
    self.date = document.date?.description
    self.tags = document.tags
  }

  enum CodingKeys: String, CodingKey {
    case path, kind, collection, id, title, status, owner, date, tags
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(path, forKey: .path)
    try container.encode(kind, forKey: .kind)
    try container.encode(collection, forKey: .collection)
    try container.encode(id, forKey: .id)
    try container.encode(title, forKey: .title)
    try container.encode(status, forKey: .status)
    try container.encode(owner, forKey: .owner)
    try container.encode(date, forKey: .date)
    try container.encode(tags, forKey: .tags)
  }

  /// The records as a JSON array, sorted by path.
  public static func json(_ records: [DocumentRecord]) -> String {
    JSONOutput.encode(records.sorted { $0.path < $1.path })
  }
}
