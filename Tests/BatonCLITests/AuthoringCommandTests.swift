import BatonTestSupport
import Foundation
import Testing

@Suite(.serialized) struct AuthoringCommandTests {
  @Test func initWritesAHandbookThatChecksClean() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    let result = try BatonBinary.run(["init"], in: fixture.path)
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("created baton.yml"))
    try fixture.commit("Init")
    let check = try BatonBinary.run(["check", "--strict"], in: fixture.path)
    #expect(check.status == 0, "\(check.standardError)")
    #expect(check.standardError.contains("in 3 documents"))
    let again = try BatonBinary.run(["init"], in: fixture.path)
    #expect(again.standardError.contains("already set up, nothing changed"))
  }

  @Test func newContinuesTheCollectionsNumbering() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    let body = "\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n## Decision\n\ny\n"
    try fixture.write("doc/adr/ADR-007-old.md", "# 7. Old" + body)
    try fixture.write("doc/adr/ADR-012-older.md", "# 12. Older" + body)
    try fixture.commit("Log")
    try fixture.run(["config", "user.name", "Alice Example"])
    let result = try BatonBinary.run(
      ["new", "decision", "Use Postgres!", "--today", "2026-11-24"], in: fixture.path)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput == "doc/adr/ADR-013-use-postgres.md\n")
    let text = try String(
      contentsOfFile: fixture.path + "/doc/adr/ADR-013-use-postgres.md", encoding: .utf8)
    #expect(text.contains("# Use Postgres!"))
    #expect(text.contains("date: 2026-11-24"))
    #expect(text.contains("owner: \"@alice-example\""))
    // Left as written, the template's lines fail the check; the kind's own rules pass.
    let check = try BatonBinary.run(["check", "--today", "2026-11-24"], in: fixture.path)
    #expect(check.status == 1, "\(check.standardError)")
    #expect(check.standardError.contains("[unedited-template]"))
    #expect(!check.standardError.contains("[required-section]"))
  }

  @Test func aHandbooksOwnTemplateLeftInFailsTheCheck() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write(
      "templates/new/decision.md",
      """
      ---
      status: proposed
      owner: "{{owner}}"
      respond-by: {{respond_by}}
      ---
      # {{title}}

      ## Context

      Describe the forces at play in the platform team's own words.

      ## Proposal

      State the change we will make and how far it reaches.

      ## Call to Action

      @ada: please review by {{respond_by}}.

      """)
    try fixture.write("decisions/.keep", "")
    try fixture.commit("Template")
    try fixture.run(["config", "user.name", "Alice Example"])
    let made = try BatonBinary.run(
      ["new", "decision", "Use Postgres", "--today", "2026-11-24"], in: fixture.path)
    #expect(made.status == 0, "\(made.standardError)")
    let path = fixture.path + "/decisions/0001-use-postgres.md"
    let check = try BatonBinary.run(["check", "--today", "2026-11-24"], in: fixture.path)
    #expect(check.status == 1, "\(check.standardError)")
    let unedited = check.standardError.split(separator: "\n").filter {
      $0.contains("[unedited-template]")
    }
    #expect(unedited.count == 2, "\(check.standardError)")
    #expect(unedited.contains { $0.contains("section 'Context'") })
    #expect(unedited.contains { $0.contains("section 'Proposal'") })
    // Written over, the sections are the author's own.
    var text = try String(contentsOfFile: path, encoding: .utf8)
    text = text.replacingOccurrences(
      of: "Describe the forces at play in the platform team's own words.",
      with: "Our queue loses jobs on restart.")
    text = text.replacingOccurrences(
      of: "State the change we will make and how far it reaches.", with: "Use Postgres.")
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let again = try BatonBinary.run(["check", "--today", "2026-11-24"], in: fixture.path)
    #expect(!again.standardError.contains("[unedited-template]"), "\(again.standardError)")
  }

  @Test func newUpdateAndPage() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    _ = try BatonBinary.run(["init"], in: fixture.path)
    let update = try BatonBinary.run(
      ["new", "update", "Week 48", "--today", "2026-11-24"], in: fixture.path)
    #expect(update.standardOutput == "updates/2026-11-24-week-48.md\n")
    let page = try BatonBinary.run(["new", "page", "On-call rota"], in: fixture.path)
    #expect(page.standardOutput == "handbook/on-call-rota.md\n")
    let unknown = try BatonBinary.run(["new", "memo", "X"], in: fixture.path)
    #expect(unknown.status == 64)
    #expect(unknown.standardError.contains("unknown kind 'memo': the kinds here are"))
  }

  @Test func listFiltersAndJSON() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write(
      "decisions/0001-a.md", "---\nstatus: accepted\nowner: '@ada'\ntags: [db]\n---\n# A\n")
    try fixture.write("decisions/0002-b.md", "---\nstatus: proposed\nowner: '@bob'\n---\n# B\n")
    try fixture.write("handbook/p.md", "---\nowner: '@ada'\n---\n# P\n")
    try fixture.commit("Docs")
    let all = try BatonBinary.run(["list", "--format", "json"], in: fixture.path)
    let records = try #require(
      try JSONSerialization.jsonObject(with: Data(all.standardOutput.utf8)) as? [[String: Any]])
    #expect(
      records.map { $0["path"] as? String } == [
        "decisions/0001-a.md", "decisions/0002-b.md", "handbook/p.md",
      ])
    #expect(records[2]["status"] is NSNull)
    #expect(records[0]["tags"] as? [String] == ["db"])
    for key in ["path", "kind", "id", "title", "status", "owner", "date", "tags"] {
      #expect(records[0].keys.contains(key), "\(key)")
    }
    let proposed = try BatonBinary.run(
      ["list", "decisions", "--status", "proposed"], in: fixture.path)
    #expect(proposed.standardOutput.contains("0002") && !proposed.standardOutput.contains("0001"))
    let owned = try BatonBinary.run(
      ["list", "--owner", "@ada", "--format", "json"], in: fixture.path)
    #expect(owned.standardOutput.components(separatedBy: "\"path\"").count == 3)
  }

  @Test func rulesListsAndExplains() throws {
    let folder = FileManager.default.temporaryDirectory.path
    let list = try BatonBinary.run(["rules"], in: folder)
    #expect(list.standardOutput.contains("call-to-action-deadline"))
    let one = try BatonBinary.run(["rules", "call-to-action-deadline"], in: folder)
    #expect(one.standardOutput.contains("Fix:"))
    #expect(one.standardOutput.contains("Triggers:"))
    #expect(try BatonBinary.run(["rules", "nope"], in: folder).status == 64)
  }
}
