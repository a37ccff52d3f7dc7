import BatonSource
import BatonTestSupport
import Foundation
import Testing

@testable import BatonSite

/// The sign-off panel on a decision's page, against values worked out by hand from commits by
/// several people on set dates in several time zones.
@Suite struct SignoffPanelTests {
  /// The loop's three people in three zones, and Noor (infra, UTC).
  static let people =
    LoopFixture.people + """
        - handle: noor
          email: noor@example.com
          team: infra
          timezone: Etc/UTC

      """

  static func decision(_ responses: [String]) -> String {
    "---\nstatus: proposed\nowner: '@ada'\nrespond-by: 2026-11-24\n---\n# Pick a queue\n\n"
      + "## Context\n\nWhy.\n\n## Proposal\n\nWhat.\n\n## Call to Action\n\n"
      + "@grace and @infra: review.\n\n## Responses\n\n"
      + responses.map { "- " + $0 + "\n" }.joined()
  }

  static let path = "decisions/0001-pick-a-queue.md"
  static let page = "decisions/0001-pick-a-queue/index.html"

  /// Monday 2026-11-23 10:00 UTC Ada asks Grace and the infra team (quorum: all of it); Grace
  /// approves and raises a concern Tuesday 15:00 in New York; Ada commits Noor's approval
  /// Wednesday 12:00 UTC.
  static func make() throws -> GitFixture {
    let git = try GitFixture()
    try git.write(
      "baton.yml",
      "people: people.yml\nkinds:\n  decision: { team-quorum: all }\n"
        + "collections:\n  decisions: { path: decisions, kind: decision }\n")
    try git.write("people.yml", people)
    try git.write(".gitignore", "_site/\n.baton/\n")
    try git.write(path, decision([]))
    try git.commit("Propose", author: LoopFixture.ada, date: "2026-11-23T10:00:00+00:00")
    try git.write(path, decision(["@grace: approve", "@grace: concern \"rollback plan\""]))
    try git.commit("Approve", author: LoopFixture.grace, date: "2026-11-24T15:00:00-05:00")
    try git.write(
      path,
      decision(["@grace: approve", "@grace: concern \"rollback plan\"", "@noor: approve"]))
    try git.commit("For Noor", author: LoopFixture.ada, date: "2026-11-25T12:00:00+00:00")
    return git
  }

  static func render(_ git: GitFixture) throws -> RenderedSite {
    try SiteFixture.render(git, history: true)
  }

  @Test func thePanelShowsWhoAnsweredWhenHowLongAndWhatIsMissing() throws {
    let git = try Self.make()
    defer { git.cleanup() }
    let site = try Self.render(git)
    let html = SiteFixture.text(site, Self.page)
    let start = try #require(html.range(of: "<section class=\"signoff\""))
    let end = try #require(html.range(of: "</section>", range: start.upperBound..<html.endIndex))
    let text = String(html[start.lowerBound..<end.upperBound])
    // Grace: asked Monday 05:00 in New York, answered Tuesday 15:00 there: 8 + 6 working hours.
    #expect(
      text.contains(
        "<tr class=\"verdict-approve\"><th scope=\"row\"><a href=\"../../people/grace/index.html\">@grace</a></th><td><span class=\"verdict\">"
          + "Approves</span></td><td><time datetime=\"2026-11-24T15:00:00-05:00\">2026-11-24"
          + "</time></td><td>14 working hours</td></tr>"))
    // Noor, asked through her team Monday 10:00 UTC, answered Wednesday 12:00 UTC: 7 + 8 + 3,
    // through Ada's commit.
    #expect(
      text.contains(
        "<time datetime=\"2026-11-25T12:00:00+00:00\">2026-11-25</time> <span class=\"committed-by"
          + "\">committed by <a href=\"../../people/ada/index.html\">@ada</a></span></td><td>18 working hours</td>"
      ))
    // The concern has no duration; the team waits on Kenji: one of the two it needs.
    #expect(text.contains("Raises a concern</span> — rollback plan</td>"))
    #expect(
      text.contains(
        "<th scope=\"row\">@infra</th><td><span class=\"verdict\">Outstanding</span> — 1 of 2 "
          + "needed from 2 members</td><td></td><td></td>"))
    #expect(text.contains("<caption>2 answered, 1 outstanding</caption>"))
    #expect(
      text.contains(
        "“rollback plan”, raised by <a href=\"../../people/grace/index.html\">@grace</a>"))
    // As of the newest commit (Wednesday) the deadline (Tuesday) has passed with a concern open.
    #expect(
      text.contains(
        "<p class=\"decision-state state-stuck\"><strong>Stuck: deadline 2026-11-24 passed: open "
          + "concern &#39;rollback plan&#39; by @grace</strong> <span class=\"as-of\">(as of "
          + "<time datetime=\"2026-11-25\">2026-11-25</time>, the latest commit; rule: "
          + "lazy-consensus)</span></p>"))
  }

  @Test func everyAnswerInAndTheConcernResolvedIsReady() throws {
    let git = try Self.make()
    defer { git.cleanup() }
    try git.write(
      Self.path,
      Self.decision([
        "@grace: approve", "@grace: concern \"rollback plan\"", "@noor: approve",
        "@kenji: abstain", "@grace: resolved \"rollback plan\"",
      ]))
    try git.commit("Kenji", author: LoopFixture.kenji, date: "2026-11-26T11:00:00+09:00")
    let html = SiteFixture.text(try Self.render(git), Self.page)
    #expect(
      html.contains(
        "<p class=\"decision-state state-ready\"><strong>Ready to accept: every responder "
          + "answered with no objection</strong>"))
    #expect(html.contains("<caption>3 answered, 0 outstanding</caption>"))
    // Kenji: asked Monday 19:00 in Tokyo; 10:00–18:00 Tuesday and Wednesday, then Thursday
    // 10:00–11:00: 17 working hours.
    #expect(html.contains("Abstains</span></td><td><time"))
    #expect(html.contains("<td>17 working hours</td>"))
    #expect(!html.contains("Open concerns"))
  }

  @Test func aDocumentWithoutResponsesOrAnOpenCallHasNoPanel() throws {
    let git = try Self.make()
    defer { git.cleanup() }
    try git.write(
      Self.path,
      "---\nstatus: accepted\nowner: '@ada'\n---\n# Pick a queue\n\n## Context\n\nWhy.\n\n"
        + "## Proposal\n\nWhat.\n")
    try git.commit("Accept", author: LoopFixture.ada, date: "2026-11-26T11:00:00+00:00")
    let html = SiteFixture.text(try Self.render(git), Self.page)
    #expect(html.contains("<h1>Pick a queue</h1>"))
    #expect(!html.contains("class=\"signoff\""))
  }
}

/// The panel and the metrics page after one edit: `baton build` from its kept state and `baton
/// serve` from its memo give, byte for byte, the site a build from nothing gives.
@Suite struct SignoffIncrementalTests {
  @Test func aBodyEditKeepsThePanelAndTheMetricsOfAFullBuild() throws {
    let git = try SignoffPanelTests.make()
    defer { git.cleanup() }
    let first = try SiteStateTests.buildAndCompare(git, "the first build")
    #expect(first.updatedPages == nil)
    var memo = try SiteBuilder.render(SiteUpdateTests.source(git), options: SiteOptions()).memo
    let original = try SiteStateTests.read(git, SignoffPanelTests.path)
    // A body edit: the panel (answers, commits, working hours, the stuck state) is the kept one.
    try git.write(
      SignoffPanelTests.path,
      original.replacingOccurrences(of: "What.", with: "What, with a rollback plan."))
    let second = try SiteStateTests.buildAndCompare(git, "a body edit")
    #expect(second.updatedPages == 1)
    let served = try SiteUpdateTests.renderAndCompare(git, memo: memo, "served body edit")
    #expect(served.updatedPages == 1)
    memo = served.memo
    let page = try SiteStateTests.read(git, "_site/" + SignoffPanelTests.page)
    #expect(page.contains("rollback plan.</p>"))
    #expect(page.contains("<td>18 working hours</td>"))
    #expect(page.contains("state-stuck"))
    // A new answer changes the panel and the metrics: everything is rendered again.
    try git.write(SignoffPanelTests.path, original + "- @kenji: approve\n")
    let third = try SiteStateTests.buildAndCompare(git, "an answer")
    #expect(third.updatedPages == nil)
    let again = try SiteUpdateTests.renderAndCompare(git, memo: memo, "served answer")
    #expect(again.updatedPages == nil)
    let answered = try SiteStateTests.read(git, "_site/" + SignoffPanelTests.page)
    #expect(answered.contains("<caption>3 answered, 0 outstanding</caption>"))
    #expect(answered.contains("not committed"))
  }
}
