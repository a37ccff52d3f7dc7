import BatonConfig
import BatonCorpus
import BatonDocuments
import BatonSupport
import Foundation

/// A period and a group: the key of a metrics row.
struct PeriodGroup: Hashable, Comparable {
  var period: String
  var group: String

  static func < (lhs: PeriodGroup, rhs: PeriodGroup) -> Bool {
    (lhs.period, lhs.group) < (rhs.period, rhs.group)
  }
}

extension MetricsScope {
  /// Time to decision per quarter of the outcome and group.
  func decisionTimes() -> [Metrics.DecisionTime] {
    var samples: [PeriodGroup: [Double]] = [:]
    var outcomesByKind: [String: Set<String>] = [:]
    for (document, schema) in documents(where: { !$0.openStatuses.isEmpty }) {
      let outcomes = MetricsScope.outcomes(of: schema, kind: document.kind, known: &outcomesByKind)
      guard let timeline = corpus.history[document.path]?.statusTimeline,
        let (start, end) = MetricsScope.decisionSpan(timeline, schema: schema, outcomes: outcomes)
      else { continue }
      let day = MetricsScope.utcDay(of: end.date)
      guard counts(day), end.date <= asOf else { continue }
      let days = end.date.timeIntervalSince(start.date) / 86_400
      for group in groups(of: document) {
        samples[PeriodGroup(period: MetricsScope.quarter(of: day), group: group), default: []]
          .append(days)
      }
    }
    return MetricsScope.rows(samples).map {
      Metrics.DecisionTime(quarter: $0.0.period, group: $0.0.group, days: $0.1)
    }
  }

  /// The commit that first put a document in an open status, and the first one after it that
  /// gave it one of `outcomes` (its kind's, `outcomes(of:)`); nil when it has not had both.
  static func decisionSpan(
    _ timeline: [DocumentHistory.StatusChange], schema: KindSchema, outcomes: Set<String>
  ) -> (start: DocumentHistory.Event, end: DocumentHistory.Event)? {
    guard let open = timeline.firstIndex(where: { schema.openStatuses.contains($0.status) }),
      let end = timeline[(open + 1)...].first(where: { outcomes.contains($0.status) })
    else { return nil }
    return (timeline[open].event, end.event)
  }

  /// Open proposals (record kinds in an open status) by age, per group.
  func proposalAges() -> [Metrics.ProposalAges] {
    var rows: [String: Metrics.ProposalAges] = [:]
    let proposals = documents(where: { $0.listing == .record && !$0.openStatuses.isEmpty })
    for (document, schema) in proposals {
      guard let status = document.status?.value, schema.openStatuses.contains(status) else {
        continue
      }
      let age = openedAt(document, status: status).map {
        Int(asOf.timeIntervalSince($0) / 86_400)
      }
      let bucket = age.map { age in Metrics.ageBuckets.firstIndex { age <= $0.upTo } ?? 0 }
      for group in groups(of: document) {
        var row =
          rows[group]
          ?? Metrics.ProposalAges(
            group: group, open: 0, byAge: Array(repeating: 0, count: Metrics.ageBuckets.count))
        row.open += 1
        if let bucket { row.byAge[bucket] += 1 }
        rows[group] = row
      }
    }
    return rows.values.sorted { $0.group < $1.group }
  }

  /// When a document entered its current status: the commit of its last change to it, else
  /// the commit that added it, else its `date:`.
  func openedAt(_ document: Document, status: String) -> Date? {
    let history = corpus.history[document.path]
    if let change = history?.statusTimeline.last, change.status == status {
      return change.event.date
    }
    if let created = history?.created?.date { return created }
    return document.date.map { WorkingSchedule.standard.moment(on: $0, minutes: 0) }
  }

  /// Open calls to action, and those someone still owes past their due moment at `asOf`
  /// (`Corpus.overdueResponders`: each responder's window in their working hours, or the
  /// deadline day), per group.
  func overdueCalls() -> [Metrics.Share] {
    var rows: [String: Metrics.Share] = [:]
    for document in corpus.documents {
      let schema = corpus.schema(of: document)
      guard CallToAction.openSection(of: document, schema: schema) != nil else { continue }
      let overdue = !corpus.overdueResponders(of: document, at: asOf).isEmpty
      for group in groups(of: document) {
        var row = rows[group] ?? Metrics.Share(group: group, total: 0, count: 0)
        row.total += 1
        if overdue { row.count += 1 }
        rows[group] = row
      }
    }
    return rows.values.sorted { $0.group < $1.group }
  }

  /// Pages with a review date, and those past it, per group.
  func pastReview() -> [Metrics.Share] {
    var rows: [String: Metrics.Share] = [:]
    let period = corpus.configuration.reviewPeriodDays
    for (document, _) in documents(where: \.reviewable) {
      guard let due = document.reviewBy(periodDays: period)?.value else { continue }
      for group in groups(of: document) {
        var row = rows[group] ?? Metrics.Share(group: group, total: 0, count: 0)
        row.total += 1
        if due < today { row.count += 1 }
        rows[group] = row
      }
    }
    return rows.values.sorted { $0.group < $1.group }
  }
}
