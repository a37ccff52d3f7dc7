import BatonTestSupport
import Foundation
import Testing

/// `baton decide`, `baton inbox` and `baton check` on a decision answered through commits by
/// several people.
@Suite struct DecideCommandTests {
  static let people = """
    people:
      - { handle: linus, name: Linus Owner, email: linus@example.com }
      - { handle: grace, name: Grace Hopper, email: grace@example.com }
      - { handle: kenji, name: Kenji Sato, email: kenji@example.com }
    """

  static func decision(_ responses: [String]) -> String {
    "---\nstatus: proposed\nowner: '@linus'\nrespond-by: 2026-12-01\n---\n# Use Postgres\n\n"
      + "## Context\n\nx\n\n## Proposal\n\ny\n\n## Call to Action\n\n@grace and @kenji, "
      + "please review.\n\n## Responses\n\n" + responses.map { "- \($0)\n" }.joined()
  }

  func repository() throws -> GitFixture {
    let fixture = try GitFixture()
    try fixture.write("people.yml", Self.people)
    try fixture.write("decisions/0001-use-postgres.md", Self.decision([]))
    try fixture.commit(
      "Propose", author: .init(name: "Linus Owner", email: "linus@example.com"),
      date: "2026-11-20T09:00:00+00:00")
    try fixture.write("decisions/0001-use-postgres.md", Self.decision(["@grace: approve"]))
    // Kenji commits grace's line: the answer is hers, the commit his.
    try fixture.commit(
      "Grace approves", author: .init(name: "Kenji Sato", email: "kenji@example.com"),
      date: "2026-11-21T09:00:00+00:00")
    return fixture
  }

  @Test func refusesUntilTheRuleIsMetThenWritesAndPrintsTheDiff() throws {
    let fixture = try repository()
    defer { fixture.cleanup() }
    let early = try BatonBinary.run(
      ["decide", "0001", "accept", "--today", "2026-11-25"], in: fixture.path)
    #expect(early.status == 1)
    #expect(
      early.standardError.contains(
        "not deciding 0001: the lazy-consensus rule is not met for 'accept' (pending): "
          + "no objection until 2026-12-01 passes"))
    #expect(try fixture.run(["status", "--porcelain"]).isEmpty)

    let inbox = try BatonBinary.run(["inbox", "@linus", "--today", "2026-12-02"], in: fixture.path)
    #expect(inbox.standardOutput.contains("DECIDE: ready to accept: no objection by 2026-12-01"))
    let kenji = try BatonBinary.run(["inbox", "kenji", "--today", "2026-11-25"], in: fixture.path)
    #expect(kenji.standardOutput.contains("0001"))
    let grace = try BatonBinary.run(["inbox", "grace", "--today", "2026-11-25"], in: fixture.path)
    #expect(grace.standardOutput.contains("owes no open calls to action"))

    let decided = try BatonBinary.run(
      [
        "decide", "decisions/0001-use-postgres.md", "accept", "--today", "2026-12-02", "--note",
        "Ship it.",
      ], in: fixture.path)
    #expect(decided.status == 0, "\(decided.standardError)")
    let gitDiff = try fixture.run(["diff"])
    // git adds the enclosing line after a hunk's range (`@@ -20,3 +20,5 @@ y`); Baton does not.
    let hunks = gitDiff.split(separator: "\n", omittingEmptySubsequences: false)
      .drop { !$0.hasPrefix("--- ") }
      .map(String.init)
      .map { line in
        guard line.hasPrefix("@@ "), let end = line.range(of: " @@", options: .backwards) else {
          return line
        }
        return String(line[..<end.upperBound])
      }
      .joined(separator: "\n")
    #expect(decided.standardOutput == hunks)
    #expect(decided.standardOutput.contains("+status: accepted"))
    #expect(
      decided.standardOutput.contains(
        "+Outcome: accepted on 2026-12-02 by @linus (lazy-consensus: no objection by "
          + "2026-12-01). Ship it."))
    #expect(decided.standardError.contains("decisions/0001-use-postgres.md is accepted"))
    let again = try BatonBinary.run(["decide", "0001", "reject"], in: fixture.path)
    #expect(again.status == 1)
    #expect(again.standardError.contains("is 'accepted', not open for a decision"))
  }

  @Test func checkNamesBothPeopleWhenAnAnswerIsCommittedForSomeoneElse() throws {
    let fixture = try repository()
    defer { fixture.cleanup() }
    let check = try BatonBinary.run(["check", "--today", "2026-11-25"], in: fixture.path)
    #expect(check.status == 0, "\(check.standardError)")
    #expect(
      check.standardError.contains(
        "warning: @kenji committed @grace's answer ('approve') in "))
    #expect(check.standardError.contains("[response-author]"))
  }

  @Test func showListsWhoAnsweredWhatWhenAndWhoIsOutstanding() throws {
    let fixture = try repository()
    defer { fixture.cleanup() }
    let text = try BatonBinary.run(["show", "0001"], in: fixture.path)
    #expect(text.status == 0, "\(text.standardError)")
    let commit = try fixture.revParse("HEAD").prefix(7)
    #expect(
      text.standardOutput.contains(
        "Responses\n  @grace: approve  2026-11-21T09:00:00+00:00  \(commit) by @kenji\n"
          + "  outstanding: @kenji\n"))
    let json = try BatonBinary.run(["show", "0001", "--format", "json"], in: fixture.path)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    let responses = try #require(object["responses"] as? [String: Any])
    let answers = try #require(responses["answers"] as? [[String: Any]])
    #expect(answers.first?["committed_by"] as? String == "kenji")
    #expect(answers.first?["verdict"] as? String == "approve")
    #expect(responses["outstanding"] as? [String] == ["kenji"])
  }
}
