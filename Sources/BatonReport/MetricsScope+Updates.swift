import BatonDocuments
import BatonSupport
import Foundation

extension MetricsScope {
  /// An update in the period, with its day and team.
  typealias Update = (document: Document, day: Day, team: String)

  /// The updates in the period (documents of report kinds), each with its day and team.
  func updates() -> [Update] {
    documents(where: { $0.listing == .report }).compactMap { document, _ in
      let created = (corpus.history[document.path]?.created?.date).map(MetricsScope.utcDay(of:))
      guard let day = document.date ?? created, counts(day) else { return nil }
      return (document, day, team(of: document) ?? MetricsScope.noGroup)
    }
  }

  /// How often each team posts, from `updates()`: updates per week and the median gap between
  /// them.
  func cadence(of updates: [Update]) -> [Metrics.Cadence] {
    var days: [String: [Day]] = [:]
    for update in updates { days[update.team, default: []].append(update.day) }
    return days.sorted { $0.key < $1.key }.map { team, list in
      let sorted = list.sorted()
      let first = since ?? sorted[0]
      let weeks = max(1, Double(today.ordinal - first.ordinal + 1) / 7)
      let gaps = zip(sorted, sorted.dropFirst()).map { Double($1.ordinal - $0.ordinal) }
      return Metrics.Cadence(
        team: team, updates: sorted.count,
        perWeek: Statistics.tenth(Double(sorted.count) / weeks),
        medianGapDays: Statistics(gaps)?.median, last: sorted.last?.description)
    }
  }

  /// Updates per month and group, by status, from `updates()`.
  func updateStatuses(of updates: [Update]) -> [Metrics.StatusCounts] {
    var counts: [PeriodGroup: [String: Int]] = [:]
    for update in updates {
      let status = update.document.status?.value ?? MetricsScope.noGroup
      for group in groups(of: update.document) {
        counts[PeriodGroup(period: MetricsScope.month(of: update.day), group: group), default: [:]][
          status, default: 0] += 1
      }
    }
    return counts.sorted { $0.key < $1.key }.map {
      Metrics.StatusCounts(month: $0.key.period, group: $0.key.group, counts: $0.value)
    }
  }
}
