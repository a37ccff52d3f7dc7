import BatonReport
import BatonSupport
import Foundation
import Testing

/// `baton metrics` against values worked out by hand from `LoopFixture`'s commits.
@Suite struct MetricsTests {
  @Test func timeToDecisionPerQuarterFromTheStatusHistory() throws {
    let git = try LoopFixture.make()
    let metrics = Metrics(corpus: try LoopFixture.corpus(git), asOf: LoopFixture.asOf)
    // Q3: 2, 10.5 and 4 days; Q4: 54 days and 5 hours.
    #expect(metrics.timeToDecision.map(\.quarter) == ["2026-Q3", "2026-Q4"])
    #expect(metrics.timeToDecision.map(\.days.count) == [3, 1])
    #expect(metrics.timeToDecision.map(\.days.median) == [4, 54.2])
    #expect(metrics.timeToDecision.map(\.days.p90) == [10.5, 54.2])
  }

  @Test func groupedByTeamThroughTheOwnersTeam() throws {
    let git = try LoopFixture.make()
    let corpus = try LoopFixture.corpus(git)
    let metrics = Metrics(corpus: corpus, grouping: .team, asOf: LoopFixture.asOf)
    let rows = metrics.timeToDecision.map {
      "\($0.quarter) \($0.group) \($0.days.median) \($0.days.p90)"
    }
    #expect(rows == ["2026-Q3 core 3.0 4.0", "2026-Q3 infra 10.5 10.5", "2026-Q4 core 54.2 54.2"])
    let since = Metrics(
      corpus: corpus, since: Day(year: 2026, month: 8, day: 1), asOf: LoopFixture.asOf)
    #expect(since.timeToDecision.map(\.days.count) == [1, 1])
  }

  @Test func openProposalsOverdueCallsAndPagesPastReview() throws {
    let git = try LoopFixture.make()
    let metrics = Metrics(corpus: try LoopFixture.corpus(git), asOf: LoopFixture.asOf)
    // 0005 has been open 10 days, 0006 two.
    #expect(metrics.openProposals.map(\.byAge) == [[1, 1, 0, 0]])
    // 0005 and the infra update are past their dates; 0006 and the core update are not.
    #expect(metrics.callsToAction.map { [$0.total, $0.count] } == [[4, 2]])
    #expect(metrics.reviews.map { [$0.total, $0.count] } == [[2, 1]])
  }

  @Test func updateCadenceAndStatusesOverTime() throws {
    let git = try LoopFixture.make()
    let metrics = Metrics(corpus: try LoopFixture.corpus(git), asOf: LoopFixture.asOf)
    // core: 3 updates over the 25 days from 11-06 to 11-30, 7 and 14 days apart.
    #expect(metrics.updateCadence.map(\.team) == ["core", "infra"])
    #expect(metrics.updateCadence.map(\.perWeek) == [0.8, 0.6])
    #expect(metrics.updateCadence.map(\.medianGapDays) == [10.5, nil])
    #expect(
      metrics.updateStatuses.map(\.counts) == [["on-track": 1, "at-risk": 1, "blocked": 2]])
  }

  @Test func textJSONAndCSVCarryTheSameFigures() throws {
    let git = try LoopFixture.make()
    let metrics = Metrics(corpus: try LoopFixture.corpus(git), asOf: LoopFixture.asOf)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(metrics.json().utf8)) as? [String: Any])
    #expect(json["as_of"] as? String == "2026-11-30T23:59:59+00:00")
    let rows = try #require(json["time_to_decision"] as? [[String: Any]])
    #expect((rows.first?["days"] as? [String: Any])?["p90"] as? Double == 10.5)
    let csv = metrics.csv()
    #expect(csv.hasPrefix("metric,period,group,measure,value\r\n"))
    #expect(csv.contains("time_to_decision,2026-Q3,all,median_days,4\r\n"))
    #expect(csv.contains("calls_to_action,,all,overdue,2\r\n"))
    let text = metrics.text()
    #expect(text.contains("  2026-Q3  all    3        4       10.5\n"))
  }
}
