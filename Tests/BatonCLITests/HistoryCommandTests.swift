import BatonTestSupport
import Foundation
import Testing

/// The binary's history commands: `list --format json`, `show`, `inbox`, `check --since`,
/// `debug history`.
@Suite(.serialized) struct HistoryCommandTests {
  static let proposed =
    "---\nstatus: proposed\nowner: '@ada'\n---\n# Use Postgres\n\n## Context\nx\n\n"
    + "## Proposal\ny\n\n## Call to Action\n\n@grace, review by 2026-12-01.\n"

  /// A decision proposed by Alice (UTC+2) and accepted by Bob (UTC-5), and a handbook page.
  func repository() throws -> (GitFixture, proposedAt: String, acceptedAt: String) {
    let fixture = try GitFixture()
    try fixture.write("decisions/0001-use-postgres.md", Self.proposed)
    try fixture.write(
      "handbook/onboarding.md", "---\nowner: '@ada'\n---\n# Onboarding\n\n## Summary\nx\n")
    try fixture.write(
      "people.yml",
      "- handle: ada\n- handle: grace\n  team: platform\n  timezone: Europe/Berlin\n")
    let proposedAt = try fixture.commit("Propose", date: "2024-03-01T10:00:00+02:00")
    try fixture.write(
      "decisions/0001-use-postgres.md",
      Self.proposed.replacingOccurrences(of: "status: proposed", with: "status: accepted"))
    let acceptedAt = try fixture.commit(
      "Accept", author: .bob, date: "2024-03-05T10:00:00-05:00")
    return (fixture, proposedAt, acceptedAt)
  }

  func json(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8))
  }

  @Test func listJSONHasHistoryFields() throws {
    let (fixture, proposedAt, acceptedAt) = try repository()
    defer { fixture.cleanup() }
    let result = try BatonBinary.run(["list", "--format", "json"], in: fixture.path)
    #expect(result.status == 0, "\(result.standardError)")
    let records = try #require(try json(result.standardOutput) as? [[String: Any]])
    let decision = try #require(records.first { $0["kind"] as? String == "decision" })
    let created = try #require(decision["created"] as? [String: Any])
    #expect(created["commit"] as? String == proposedAt)
    #expect(created["author"] as? String == "Alice Example")
    #expect(created["date"] as? String == "2024-03-01T10:00:00+02:00")
    let updated = try #require(decision["updated"] as? [String: Any])
    #expect(updated["commit"] as? String == acceptedAt)
    #expect(updated["date"] as? String == "2024-03-05T10:00:00-05:00")
    #expect(decision["commits"] as? Int == 2)
    let authors = try #require(decision["authors"] as? [[String: Any]])
    #expect(Set(authors.compactMap { $0["email"] as? String }).count == 2)
    #expect(authors.allSatisfy { $0["commits"] as? Int == 1 })
    let timeline = try #require(decision["status_history"] as? [[String: Any]])
    #expect(timeline.map { $0["status"] as? String } == ["proposed", "accepted"])
    #expect(timeline.last?["author"] as? String == "Bob Example")
    #expect(timeline.last?["commit"] as? String == acceptedAt)
    let page = try #require(records.first { $0["kind"] as? String == "page" })
    #expect(page["status_history"] is NSNull)
    #expect(page["commits"] as? Int == 1)
    // The text table does not walk history, so it leaves no history cache behind (only the
    // documents it parsed).
    let fresh = try repository().0
    defer { fresh.cleanup() }
    #expect(try BatonBinary.run(["list"], in: fresh.path).status == 0)
    #expect(!FileManager.default.fileExists(atPath: fresh.path + "/.baton/cache/history-v2.bin"))
    #expect(FileManager.default.fileExists(atPath: fresh.path + "/.baton/cache/documents-v1.bin"))
  }

  @Test func showPrintsOriginsSectionsAndHistory() throws {
    let (fixture, _, acceptedAt) = try repository()
    defer { fixture.cleanup() }
    let text = try BatonBinary.run(["show", "1"], in: fixture.path)
    #expect(text.status == 0, "\(text.standardError)")
    #expect(text.standardOutput.contains("status: accepted  (front matter, line 2)"))
    #expect(text.standardOutput.contains("title   Use Postgres  (heading, line 5)"))
    #expect(text.standardOutput.contains("Call to Action"))
    #expect(text.standardOutput.contains("accepted     2024-03-05T10:00:00-05:00  Bob Example"))
    let byPath = try BatonBinary.run(
      ["show", "decisions/0001-use-postgres.md", "--format", "json"], in: fixture.path)
    let detail = try #require(try json(byPath.standardOutput) as? [String: Any])
    #expect(detail["path"] as? String == "decisions/0001-use-postgres.md")
    let fields = try #require(detail["fields"] as? [[String: Any]])
    let owner = try #require(fields.first { $0["key"] as? String == "owner" })
    #expect(owner["origin"] as? String == "front matter")
    #expect(owner["line"] as? Int == 3)
    let sections = try #require(detail["sections"] as? [[String: Any]])
    #expect(sections.map { $0["title"] as? String } == ["Context", "Proposal", "Call to Action"])
    let history = try #require(detail["history"] as? [String: Any])
    let commits = try #require(history["commits"] as? [[String: Any]])
    #expect(commits.first?["commit"] as? String == acceptedAt)
    #expect(commits.first?["subject"] as? String == "Accept")
    let missing = try BatonBinary.run(["show", "42"], in: fixture.path)
    #expect(missing.status == 2)
    #expect(missing.standardError.contains("no document '42'"))
  }

  @Test func inboxInTheRespondersZone() throws {
    let (fixture, _, _) = try repository()
    defer { fixture.cleanup() }
    try fixture.write("decisions/0001-use-postgres.md", Self.proposed)
    let text = try BatonBinary.run(["inbox", "@grace", "--today", "2026-12-03"], in: fixture.path)
    #expect(text.status == 0, "\(text.standardError)")
    #expect(text.standardOutput.contains("OVERDUE by 2 days (due 2026-12-01 23:59:59+01:00)"))
    #expect(text.standardOutput.contains("0001  Use Postgres"))
    let json = try BatonBinary.run(
      ["inbox", "grace", "--today", "2026-11-24", "--format", "json"], in: fixture.path)
    let inbox = try #require(try self.json(json.standardOutput) as? [String: Any])
    #expect(inbox["time_zone"] as? String == "Europe/Berlin")
    let items = try #require(inbox["items"] as? [[String: Any]])
    #expect(items.first?["days_left"] as? Int == 7)
    #expect(items.first?["overdue"] as? Bool == false)
  }

  @Test func checkSinceScopesToTheBranch() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("decisions/0001-legacy.md", "---\nstatus: proposed\n---\n# Legacy\n")
    try fixture.commit("Legacy")
    try fixture.branch("feature")
    try fixture.checkout("feature")
    try fixture.write(
      "decisions/0002-new.md", "---\nstatus: accepted\n---\n# New\n## Context\nx\n## Proposal\ny\n")
    try fixture.commit("New")
    let scoped = try BatonBinary.run(["check", "--since", "main"], in: fixture.path)
    #expect(scoped.status == 0, "\(scoped.standardError)")
    #expect(scoped.standardError.contains("in 1 document"))
    let all = try BatonBinary.run(["check"], in: fixture.path)
    #expect(all.status == 1)
    let unknown = try BatonBinary.run(["check", "--since", "origin/main"], in: fixture.path)
    #expect(unknown.status == 2)
    #expect(unknown.standardError.contains("git fetch"))
  }

  @Test func shallowCloneNoteOnStandardError() throws {
    let (fixture, _, acceptedAt) = try repository()
    defer { fixture.cleanup() }
    let clone = try fixture.clone(depth: 1)
    defer { clone.cleanup() }
    let result = try BatonBinary.run(["list", "--format", "json"], in: clone.path)
    #expect(result.status == 0)
    #expect(
      result.standardError.contains(
        "history is truncated at \(acceptedAt.prefix(7)): dates are approximate; "
          + "in GitHub Actions set `fetch-depth: 0`, in GitLab CI `GIT_DEPTH: 0`"))
    // Not a terminal: no progress line.
    #expect(!result.standardError.contains("reading history"))
  }

  @Test func debugHistoryReportsTheWalk() throws {
    let (fixture, _, _) = try repository()
    defer { fixture.cleanup() }
    let cold = try BatonBinary.run(["debug", "history", "--repo", fixture.path], in: fixture.root)
    #expect(cold.status == 0, "\(cold.standardError)")
    #expect(cold.standardOutput.contains("walked commits: 2"))
    #expect(cold.standardOutput.contains("documents with history: 2"))
    #expect(cold.standardOutput.contains("elapsed: "))
    let warm = try BatonBinary.run(["debug", "history", "--repo", fixture.path], in: fixture.root)
    #expect(warm.standardOutput.contains("walked commits: 0"))
    let help = try BatonBinary.run(["--help"], in: fixture.root)
    #expect(!help.standardOutput.contains("debug"))
  }
}
