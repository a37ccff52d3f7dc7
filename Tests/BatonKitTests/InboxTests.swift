import BatonCorpus
import BatonReport
import BatonSource
import BatonSupport
import Foundation
import Testing

/// `baton inbox`: which calls to action a person owes, in which order, in which time zone.
@Suite struct InboxTests {
  static let people = """
    people:
      - handle: grace
        team: platform
        timezone: Asia/Tokyo
      - handle: ada
        timezone: America/Los_Angeles
      - handle: linus
    teams:
      - handle: reviewers
        members: [ada, grace]
    """

  static func decision(_ title: String, status: String = "proposed", ask: String) -> String {
    "---\nstatus: \(status)\nowner: '@linus'\n---\n# \(title)\n\n## Context\nx\n\n"
      + "## Proposal\ny\n\n## Call to Action\n\n\(ask)\n"
  }

  static func corpus() throws -> Corpus {
    try LoadedSource.inMemory(
      files: [
        ("decisions/0001-soon.md", decision("Soon", ask: "@grace please review by 2026-11-28.")),
        ("decisions/0002-overdue.md", decision("Overdue", ask: "@grace, decide by 2026-11-01.")),
        (
          "decisions/0003-team.md",
          decision("Team", ask: "The platform team must sign off by 2026-11-26.")
        ),
        ("decisions/0004-no-date.md", decision("Undated", ask: "@reviewers, have a look.")),
        (
          "decisions/0005-closed.md",
          decision("Closed", status: "accepted", ask: "@grace review by 2026-11-20.")
        ),
        ("decisions/0006-other.md", decision("Other", ask: "@linus review by 2026-11-20.")),
        (
          "updates/2026-11-20-blocked.md",
          "---\nauthor: '@linus'\nstatus: blocked\n---\n# Blocked\n## Summary\nx\n## Progress\nx\n"
            + "## Blockers\nx\n## Next Steps\nx\n## Call to Action\n@ada unblock by 2026-11-25\n"
        ),
      ], people: people
    ).parse().assemble()
  }

  static let today = Day(year: 2026, month: 11, day: 24)

  @Test func overdueFirstThenSoonestThenUndated() throws {
    let inbox = Inbox(for: "@grace", in: try Self.corpus(), today: Self.today)
    #expect(
      inbox.items.map(\.path) == [
        "decisions/0002-overdue.md", "decisions/0003-team.md", "decisions/0001-soon.md",
        "decisions/0004-no-date.md",
      ])
    #expect(inbox.items.map(\.overdue) == [true, false, false, false])
    #expect(inbox.items.map(\.daysLeft) == [-23, 2, 4, nil])
    #expect(inbox.items.first?.ask == "@grace, decide by 2026-11-01.")
  }

  @Test func teamMembershipFromPersonAndTeamsList() throws {
    let inbox = Inbox(for: "grace", in: try Self.corpus(), today: Self.today)
    #expect(inbox.teams == ["platform", "reviewers"])
    #expect(inbox.items.first { $0.path == "decisions/0003-team.md" }?.via == "platform")
    #expect(inbox.items.first { $0.path == "decisions/0004-no-date.md" }?.via == "reviewers")
    let linus = Inbox(for: "@linus", in: try Self.corpus(), today: Self.today)
    // linus owns every decision: the two past their date with no objection are his to decide
    // (lazy consensus), which takes the place of answering 0006 himself.
    #expect(linus.items.map(\.path) == ["decisions/0002-overdue.md", "decisions/0006-other.md"])
    #expect(linus.items.map(\.action) == [.decide, .decide])
    #expect(linus.timeZone == nil)
    #expect(linus.items.last?.due == "2026-11-20T23:59:59+00:00")
  }

  @Test func deadlinesAreTheEndOfTheDayInTheResponsersZone() throws {
    let grace = Inbox(for: "grace", in: try Self.corpus(), today: Self.today)
    #expect(grace.timeZone == "Asia/Tokyo")
    #expect(
      grace.items.first { $0.path == "decisions/0001-soon.md" }?.due
        == "2026-11-28T23:59:59+09:00")
    let ada = Inbox(for: "ada", in: try Self.corpus(), today: Self.today)
    #expect(
      ada.items.map(\.path) == ["updates/2026-11-20-blocked.md", "decisions/0004-no-date.md"])
    #expect(ada.items.first?.due == "2026-11-25T23:59:59-08:00")
    #expect(ada.text().contains("due in 1 day"))
  }

  @Test func withoutTodayTheDayIsTodayInTheirZone() throws {
    // 2026-11-24 20:00 UTC is already the 25th in Tokyo: the 0003 deadline (26th) is 1 day off.
    let now = Date(timeIntervalSince1970: 1_795_478_400 + 72_000)
    let inbox = Inbox(for: "grace", in: try Self.corpus(), now: now)
    #expect(inbox.today == "2026-11-25")
    #expect(inbox.items.first { $0.path == "decisions/0003-team.md" }?.daysLeft == 1)
  }

  @Test func textMarksOverdueAndJSONHasTheShape() throws {
    let inbox = Inbox(for: "grace", in: try Self.corpus(), today: Self.today)
    let text = inbox.text()
    #expect(text.contains("owes 4 calls to action, 1 overdue"))
    #expect(text.contains("OVERDUE by 23 days"))
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(inbox.json().utf8)) as? [String: Any])
    #expect(json["handle"] as? String == "grace")
    #expect(json["time_zone"] as? String == "Asia/Tokyo")
    let items = try #require(json["items"] as? [[String: Any]])
    #expect(items.first?["days_left"] as? Int == -23)
    #expect(items.last?["deadline"] is NSNull)
    #expect(Inbox(for: "nobody", in: try Self.corpus(), today: Self.today).items.isEmpty)
  }

  @Test func answeredCallsDropOutAndTheOwnerIsToldWhatIsReady() throws {
    let answered =
      Self.decision("Soon", ask: "@grace and @ada, please review by 2026-11-28.")
      + "\n## Responses\n\n- @grace: approve\n"
    let team =
      Self.decision("Team", ask: "The platform team and @linus must sign off by 2026-11-20.")
      + "\n## Sign-offs\n\n- @grace: approve\n"
    let objected =
      Self.decision("Objected", ask: "@ada, review by 2026-11-20.")
      + "\n## Responses\n\n- @ada: object — no rollback plan\n"
    let corpus = try LoadedSource.inMemory(
      files: [
        ("decisions/0001-soon.md", answered), ("decisions/0003-team.md", team),
        ("decisions/0007-objected.md", objected),
      ], people: Self.people
    ).parse().assemble()
    #expect(Inbox(for: "grace", in: corpus, today: Self.today).items.isEmpty)
    #expect(
      Inbox(for: "ada", in: corpus, today: Self.today).items.map(\.path) == [
        "decisions/0001-soon.md"
      ])
    let linus = Inbox(for: "linus", in: corpus, today: Self.today)
    #expect(linus.items.map(\.path) == ["decisions/0003-team.md", "decisions/0007-objected.md"])
    #expect(
      linus.items.map(\.state) == [
        "ready to accept: no objection by 2026-11-20",
        "stuck: deadline 2026-11-20 passed: objection by @ada: no rollback plan",
      ])
    #expect(linus.text().contains("DECIDE: ready to accept: no objection by 2026-11-20"))
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(linus.json().utf8)) as? [String: Any])
    let items = try #require(json["items"] as? [[String: Any]])
    #expect(items.map { $0["action"] as? String } == ["decide", "decide"])
  }
}
