import BatonConfig
import BatonDocuments

/// How one log writes its documents, read from the documents themselves: where metadata
/// lives, the names of its fields, the statuses used and how often, and the sections written
/// and at which heading level. `schema` is the kind that reads the log as written.
public struct DialectSurvey: Sendable {
  /// A count of something in the log, in descending order of count.
  public struct Count: Sendable, Hashable {
    public var name: String
    public var count: Int
  }

  public var documents: Int
  /// Where metadata lives (`front matter`, `bullet header`, `Key: value lines`, `status
  /// section`, `meta file`) and in how many documents.
  public var places: [Count]
  /// Field aliases proposed: Baton's field and the names the log writes it under.
  public var aliases: [String: [String]]
  /// Statuses found (normalised) and how often; `withoutStatus` documents give none.
  public var statuses: [Count]
  public var withoutStatus: Int
  /// Status texts that are no status (`for prototyping only`), reported by `unknown-status`.
  public var unreadableStatuses: Int
  /// The status a document without one is given (a log where nearly none gives one).
  public var defaultStatus: String?
  /// Section headings as written and how many documents use each.
  public var sections: [Count]
  /// 1 when the documents write their sections as H1s (`# Summary`), else 2.
  public var sectionLevel: Int
  /// The kind proposed for the log: the base with the log's statuses, sections and aliases.
  public var schema: KindSchema

  /// The names a field is written under, in order of preference.
  static let fieldCandidates: [(field: String, names: [String])] = [
    ("status", ["status", "state", "stage", "decision-status"]),
    (
      "date",
      [
        "date", "created", "creation-date", "start-date", "date-created", "created-at",
        "proposed", "last-updated", "updated", "last-modified",
      ]
    ),
    ("owner", ["owner", "owners", "author", "authors", "author(s)", "champion", "proposer"]),
    ("deciders", ["deciders", "decision-makers", "approvers", "decided-by"]),
    ("tags", ["tags", "tag", "labels", "keywords", "categories", "topics"]),
    ("supersedes", ["supersedes", "replaces", "obsoletes"]),
    ("superseded-by", ["superseded-by", "replaced-by", "obsoleted-by"]),
    ("respond-by", ["respond-by", "deadline", "due", "due-date", "feedback-by"]),
  ]

  public init(_ files: [SourceFile], collection: Collection, base: KindSchema) {
    documents = files.count
    let raw = files.map { DialectSurvey.rawFields(of: $0, metaFile: collection.metaFile) }
    aliases = DialectSurvey.aliases(raw.map { $0.map(\.written) }, base: base)
    var schema = base
    for (field, names) in aliases {
      for name in names { schema.fieldAliases[KindSchema.foldFieldName(name)] = field }
    }
    let parser = DocumentParser(collection: collection, schema: schema, keepsBody: false)
    let parsed = files.parallelMap(parser.parse)
    places = DialectSurvey.counts(
      zip(raw, parsed).map { fields, document in
        var places = Set(fields.map(\.place))
        if document.fields["status"]?.origin == .statusSection { places.insert("status section") }
        return places
      })
    (statuses, withoutStatus, unreadableStatuses) = DialectSurvey.statuses(parsed, base: base)
    if base.statuses.contains("accepted"), documents > 0, withoutStatus * 10 >= documents * 9 {
      defaultStatus = "accepted"
    }
    let found = statuses.map(\.name).filter { !base.statuses.contains($0) }
    schema.statuses = base.statuses + found
    let h1 = files.filter { DialectSurvey.writesH1Sections($0, parser: parser) }.count
    sectionLevel = h1 * 2 > documents ? 1 : 2
    sections = DialectSurvey.counts(parsed.map { Set($0.sections.map(\.title)) })
    schema.sections = DialectSurvey.sections(parsed, base: base)
    if !DialectSurvey.mostHave(parsed, base.ownerRequired, { $0.owner != nil }) {
      schema.ownerRequired = .never
    }
    self.schema = schema
  }

  /// Counts of names over documents, most frequent first (ties by name).
  static func counts(_ sets: [Set<String>]) -> [Count] {
    var counts: [String: Int] = [:]
    for set in sets { for name in set { counts[name, default: 0] += 1 } }
    return counts.map { Count(name: $0.key, count: $0.value) }.sorted {
      ($0.count, $1.name) > ($1.count, $0.name)
    }
  }
}
