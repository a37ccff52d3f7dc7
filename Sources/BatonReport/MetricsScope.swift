import BatonConfig
import BatonCorpus
import BatonDocuments
import BatonSupport
import Foundation

/// What one metrics run reads: the corpus, the period and the grouping, with the helpers every
/// metric shares.
struct MetricsScope {
  let corpus: Corpus
  let since: Day?
  let grouping: MetricsGrouping?
  let asOf: Date
  /// The day of `asOf` in UTC: deadlines and review dates are whole days.
  let today: Day

  init(corpus: Corpus, since: Day?, grouping: MetricsGrouping?, asOf: Date) {
    self.corpus = corpus
    self.since = since
    self.grouping = grouping
    self.asOf = asOf
    self.today = MetricsScope.utcDay(of: asOf)
  }

  static let allGroup = "all"
  static let noGroup = "none"

  /// The day a moment falls on in UTC.
  static func utcDay(of date: Date) -> Day {
    WorkingSchedule.standard.localDay(of: date)
  }

  /// `2026-Q4`.
  static func quarter(of day: Day) -> String {
    "\(day.year)-Q\((day.month - 1) / 3 + 1)"
  }

  /// `2026-11`.
  static func month(of day: Day) -> String {
    String(day.description.prefix(7))
  }

  /// Whether an event on `day` is inside the period.
  func counts(_ day: Day) -> Bool {
    (since.map { day >= $0 } ?? true) && day <= today
  }

  /// The groups a document counts in: one, or one per tag (`none` without any).
  func groups(of document: Document) -> [String] {
    guard let grouping else { return [MetricsScope.allGroup] }
    let value: [String]
    switch grouping {
    case .kind: value = [document.kind]
    case .owner: value = document.owner.map { [$0.value] } ?? []
    case .team: value = team(of: document).map { [$0] } ?? []
    case .tag: value = document.tags
    }
    return value.isEmpty ? [MetricsScope.noGroup] : value
  }

  /// A document's team: its `team:`, else its owner's team in `people.yml`.
  func team(of document: Document) -> String? {
    if let team = document.team, !team.isEmpty { return team }
    guard let owner = document.owner?.value else { return nil }
    return corpus.people?.person(owner)?.team.flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The documents of kinds whose schema passes `test`, with their schema.
  func documents(where test: (KindSchema) -> Bool) -> [(Document, KindSchema)] {
    corpus.documents.compactMap { document in
      let schema = corpus.schema(of: document)
      return test(schema) ? (document, schema) : nil
    }
  }

  /// The outcomes of a kind with statuses: the statuses after its first open one that are not
  /// open themselves (for the default decision kind: accepted, rejected, superseded,
  /// deprecated).
  static func outcomes(of schema: KindSchema) -> Set<String> {
    guard let first = schema.statuses.firstIndex(where: schema.openStatuses.contains) else {
      return []
    }
    return Set(schema.statuses[(first + 1)...].filter { !schema.openStatuses.contains($0) })
  }

  /// `outcomes(of:)` of a kind, worked out once per kind in `known`.
  static func outcomes(
    of schema: KindSchema, kind: String, known: inout [String: Set<String>]
  ) -> Set<String> {
    if let outcomes = known[kind] { return outcomes }
    let outcomes = outcomes(of: schema)
    known[kind] = outcomes
    return outcomes
  }

  /// Rows of statistics per key, sorted by key.
  static func rows<Key: Comparable>(_ samples: [Key: [Double]]) -> [(Key, Statistics)] {
    samples.sorted { $0.key < $1.key }.compactMap { key, values in
      Statistics(values).map { (key, $0) }
    }
  }
}
