import BatonTestSupport
import Foundation
import Testing

/// `baton new` with response windows, `baton metrics` and `baton digest` as a user runs them.
@Suite(.serialized) struct LoopCommandTests {
  static func handbook() throws -> GitFixture {
    let fixture = try GitFixture()
    try fixture.write(
      "baton.yml",
      "collections:\n  decisions: { path: decisions, kind: decision }\npeople: people.yml\n"
        + "sla: { urgent: 2h, standard: 3d }\n")
    try fixture.write(
      "people.yml",
      "people:\n  - handle: kenji\n    timezone: Asia/Tokyo\n    working-hours: 10:00-18:00\n"
        + "  - handle: grace\n    timezone: America/New_York\n")
    try fixture.write(
      "decisions/0001-one.md",
      "---\nstatus: proposed\nowner: '@grace'\nrespond-by: 2026-11-20\n---\n# One\n\n"
        + "## Context\n\nWhy.\n\n## Proposal\n\nWhat.\n\n## Call to Action\n\n@kenji: review.\n")
    try fixture.commit("One", date: "2026-11-16T10:00:00+00:00")
    return fixture
  }

  @Test func newFillsRespondByFromTheWindowOfTheRespondersAsked() throws {
    let fixture = try Self.handbook()
    defer { fixture.cleanup() }
    // Named on Saturday 2026-11-28: two working hours on Monday in Tokyo and New York alike.
    let urgent = try BatonBinary.run(
      [
        "new", "decision", "Urgent", "--ask", "@kenji", "--ask", "grace", "--urgency", "urgent",
        "--today", "2026-11-28",
      ], in: fixture.path)
    #expect(urgent.status == 0, "\(urgent.standardError)")
    let text = try String(
      contentsOfFile: fixture.path + "/decisions/0002-urgent.md", encoding: .utf8)
    #expect(text.contains("respond-by: 2026-11-30\n"))
    #expect(text.contains("urgency: urgent\n"))
    #expect(text.contains("## Call to Action\n\nAsking @kenji, @grace.\n"))
    // Three working days from Friday 00:00 UTC: Grace's Tuesday ends at 22:00 UTC; Kenji's
    // began the window on Friday at 10:00 in Tokyo and ends on Tuesday too.
    let standard = try BatonBinary.run(
      ["new", "decision", "Standard", "--ask", "grace", "--today", "2026-11-27"], in: fixture.path)
    #expect(standard.status == 0, "\(standard.standardError)")
    let second = try String(
      contentsOfFile: fixture.path + "/decisions/0003-standard.md", encoding: .utf8)
    #expect(second.contains("respond-by: 2026-12-01\n"))
    let unknown = try BatonBinary.run(
      ["new", "decision", "X", "--urgency", "critical"], in: fixture.path)
    #expect(unknown.status == 64)
    #expect(unknown.standardError.contains("use one of standard, urgent"))
  }

  @Test func metricsAndDigestRunOnARepository() throws {
    let fixture = try Self.handbook()
    defer { fixture.cleanup() }
    let metrics = try BatonBinary.run(
      ["metrics", "--format", "json", "--today", "2026-11-30"], in: fixture.path)
    #expect(metrics.status == 0, "\(metrics.standardError)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(metrics.standardOutput.utf8)) as? [String: Any])
    let calls = try #require(json["calls_to_action"] as? [[String: Any]])
    #expect(calls.first?["count"] as? Int == 1)
    let digest = try BatonBinary.run(
      ["digest", "--since", "2026-11-10", "--today", "2026-11-30", "--for", "kenji"],
      in: fixture.path)
    #expect(digest.status == 0, "\(digest.standardError)")
    #expect(
      digest.standardOutput.contains(
        "## Overdue calls to action\n\n- [0001 One](<decisions/0001-one/>) — due 2026-11-20"))
    #expect(digest.standardError.contains("no base-url"))
    let bad = try BatonBinary.run(["digest", "--since", "last week"], in: fixture.path)
    #expect(bad.status == 64)
  }
}
