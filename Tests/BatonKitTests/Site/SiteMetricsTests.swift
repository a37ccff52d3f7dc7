import BatonSource
import BatonTestSupport
import Foundation
import Testing

@testable import BatonSite

/// The site's metrics page and `metrics.json`, from `LoopFixture`'s commits, measured at its
/// newest commit (Saturday 2026-11-28 10:00 UTC), worked out by hand.
@Suite struct SiteMetricsTests {
  static func render(_ git: GitFixture) throws -> RenderedSite {
    try SiteFixture.render(git, history: true)
  }

  static func json(_ site: RenderedSite) throws -> [String: Any] {
    let bytes = try #require(site.file("metrics.json")?.bytes)
    return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
  }

  @Test func metricsJSONHasTheNumbersAsOfTheNewestCommit() throws {
    let git = try LoopFixture.make()
    defer { git.cleanup() }
    let json = try Self.json(try Self.render(git))
    #expect(json["as_of"] as? String == "2026-11-28T10:00:00+00:00")
    // Q3: 2, 10.5 and 4 days; Q4: 54 days and 5 hours.
    let decisions = try #require(json["time_to_decision"] as? [[String: Any]])
    #expect(decisions.map { $0["quarter"] as? String } == ["2026-Q3", "2026-Q4"])
    let days = decisions.compactMap { $0["days"] as? [String: Any] }
    #expect(days.map { $0["median"] as? Double } == [4, 54.2])
    #expect(days.map { $0["p90"] as? Double } == [10.5, 54.2])
    // 0005 open since 11-20 (8 days), 0006 since the newest commit (0 days).
    let open = try #require(json["open_proposals"] as? [[String: Any]])
    #expect(open.first?["by_age"] as? [Int] == [1, 1, 0, 0])
    // Overdue on 11-28: 0005 (11-25) and the infra update (11-22); not 0006 nor core's (12-02).
    let calls = try #require(json["calls_to_action"] as? [[String: Any]])
    #expect(calls.first?["total"] as? Int == 4)
    #expect(calls.first?["count"] as? Int == 2)
    let reviews = try #require(json["reviews"] as? [[String: Any]])
    #expect(reviews.first?["count"] as? Int == 1)
    // core: 3 updates over the 23 days from 11-06 to 11-28; infra: 1 over 9 days.
    let cadence = try #require(json["update_cadence"] as? [[String: Any]])
    #expect(cadence.map { $0["team"] as? String } == ["core", "infra"])
    #expect(cadence.map { $0["per_week"] as? Double } == [0.9, 0.8])
    #expect(cadence.first?["median_gap_days"] as? Double == 10.5)
    let statuses = try #require(json["update_statuses"] as? [[String: Any]])
    #expect(
      statuses.first?["counts"] as? [String: Int] == ["on-track": 1, "at-risk": 1, "blocked": 2])
  }

  @Test func thePageDrawsEachMetricWithItsTable() throws {
    let git = try LoopFixture.make()
    defer { git.cleanup() }
    let site = try Self.render(git)
    let html = SiteFixture.text(site, "metrics/index.html")
    #expect(html.contains("<h1>Metrics</h1>"))
    #expect(html.contains("<time datetime=\"2026-11-28\">2026-11-28</time>"))
    // Charts with accessible names, and a table for each.
    #expect(html.components(separatedBy: "<svg class=\"chart-svg\"").count - 1 == 6)
    #expect(html.contains("role=\"img\" aria-labelledby=\"chart-time-to-decision-title"))
    #expect(!html.contains("style="))
    #expect(html.components(separatedBy: "<table class=\"metric-table\">").count - 1 == 6)
    #expect(
      html.contains("<tr><th scope=\"row\">2026-Q3</th><td>3</td><td>4</td><td>10.5</td></tr>"))
    #expect(html.contains("<tr><th scope=\"row\">all</th><td>4</td><td>2</td><td>50%</td></tr>"))
    #expect(
      html.contains(
        "<tr><th scope=\"row\">2026-11</th><td>1 (25%)</td><td>1 (25%)</td><td>2 (50%)</td>"
          + "<td>4</td></tr>"))
    // No answer is committed in this history: both response sections say so.
    #expect(html.components(separatedBy: "No answer has been committed yet.").count - 1 == 2)
    // Linked from every page's navigation.
    #expect(SiteFixture.text(site, "index.html").contains("href=\"metrics/index.html\""))
  }

  @Test func twoBuildsOfOneCommitAreByteIdentical() throws {
    let git = try LoopFixture.make()
    defer { git.cleanup() }
    let first = try Self.render(git)
    let second = try Self.render(git)
    for path in ["metrics.json", "metrics/index.html", "decisions/0006-six/index.html"] {
      let bytes = try #require(first.file(path)?.bytes, "\(path) is missing")
      #expect(bytes == second.file(path)?.bytes, "\(path) differs")
    }
  }
}
