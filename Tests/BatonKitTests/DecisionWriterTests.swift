import BatonCorpus
import BatonReport
import BatonSource
import BatonSupport
import Foundation
import Testing

/// `baton decide`: the status written where each dialect keeps it, the outcome line, the diff,
/// and the refusals.
@Suite struct DecisionWriterTests {
  static let today = Day(year: 2026, month: 12, day: 2)

  static let responses = "## Responses\n\n- @grace: approve\n"

  /// Front matter status, responses in the body.
  static let frontMatter =
    "---\nstatus: proposed\nowner: '@linus'\nrespond-by: 2026-12-01\n---\n# Use Postgres\n\n"
    + "## Context\nx\n\n## Proposal\ny\n\n## Call to Action\n\n@grace, review.\n\n"
    + responses + "\n## Consequences\n\nz\n"

  /// adr-tools: a status section, no front matter.
  static let statusSection =
    "# 1. Use Postgres\n\nDate: 2026-11-20\n\n## Status\n\nProposed\n\n## Context\n\nx\n\n"
    + "## Decision\n\ny\n\n## Call to Action\n\n@grace, review by 2026-12-01.\n"

  /// MADR 2: a bullet header, responses in front matter... here none: the section is added.
  static let bulletHeader =
    "# Use Postgres\n\n* Status: proposed\n* Deciders: @linus\n* Date: 2026-11-20\n\n"
    + "## Context and Problem Statement\n\nx\n\n## Decision Outcome\n\ny\n\n"
    + "## Call to Action\n\n@grace, review by 2026-12-01.\n"

  static func write(
    _ text: String, path: String = "decisions/0001-use-postgres.md",
    _ outcome: DecisionState.Outcome = .accept, note: String? = nil, force: Bool = false,
    today: Day? = today
  ) throws -> DecisionWriter.Written {
    let corpus = try LoadedSource.inMemory(files: [(path, text)]).parse().assemble()
    let document = try #require(corpus.documents.first)
    let writer = DecisionWriter(
      outcome, decider: "linus", today: try #require(today), note: note, force: force)
    return try writer.write(document, text: text, in: corpus)
  }

  @Test func frontMatterStatusAndAnOutcomeLineInTheResponses() throws {
    let written = try Self.write(Self.frontMatter, note: "Ship it behind a flag.")
    #expect(written.status == "accepted")
    #expect(written.text.contains("---\nstatus: accepted\nowner"))
    #expect(
      written.text.contains(
        "- @grace: approve\n\nOutcome: accepted on 2026-12-02 by @linus (lazy-consensus: every "
          + "responder answered with no objection). Ship it behind a flag.\n\n## Consequences"))
    #expect(
      written.diff == """
        --- a/decisions/0001-use-postgres.md
        +++ b/decisions/0001-use-postgres.md
        @@ -1,5 +1,5 @@
         ---
        -status: proposed
        +status: accepted
         owner: '@linus'
         respond-by: 2026-12-01
         ---
        @@ -18,6 +18,8 @@
         ## Responses
         
         - @grace: approve
        +
        +Outcome: accepted on 2026-12-02 by @linus (lazy-consensus: every responder answered with no objection). Ship it behind a flag.
         
         ## Consequences
         

        """)
    // The written document reads back accepted, with its response and no problem.
    let corpus = try LoadedSource.inMemory(files: [("decisions/0001-a.md", written.text)])
      .parse().assemble()
    #expect(corpus.documents[0].status?.value == "accepted")
    #expect(corpus.documents[0].responses.count == 1)
    #expect(corpus.documents[0].responseProblems.isEmpty)
  }

  @Test func statusSectionKeepsItsCaseAndGetsAResponsesSection() throws {
    let written = try Self.write(Self.statusSection, path: "doc/adr/0001-use-postgres.md")
    #expect(written.text.contains("## Status\n\nAccepted\n\n## Context"))
    #expect(
      written.text.hasSuffix(
        "@grace, review by 2026-12-01.\n\n## Responses\n\nOutcome: accepted on 2026-12-02 by "
          + "@linus (lazy-consensus: no objection by 2026-12-01).\n"))
    #expect(written.diff.contains("-Proposed\n+Accepted\n"))
  }

  @Test func bulletHeaderIsEditedInPlace() throws {
    let written = try Self.write(Self.bulletHeader, .reject, force: true)
    #expect(written.text.contains("* Status: rejected\n* Deciders"))
    #expect(written.diff.contains("-* Status: proposed\n+* Status: rejected\n"))
    #expect(written.basis.hasPrefix("forced over lazy-consensus"))
  }

  @Test func frontMatterResponsesGetAnOutcomeKey() throws {
    let text =
      "---\nstatus: proposed\nowner: '@linus'\nrespond-by: 2026-12-01\nresponses:\n"
      + "  - \"@grace: approve\"\n---\n# A\n\n## Context\nx\n\n## Proposal\ny\n\n"
      + "## Call to Action\n\n@grace, review.\n"
    let written = try Self.write(text)
    #expect(
      written.text.contains(
        "  - \"@grace: approve\"\noutcome: \"accepted on 2026-12-02 by @linus (lazy-consensus: "
          + "every responder answered with no objection).\"\n---\n"))
  }

  @Test func refusesWhenTheRuleIsNotMetAndSaysWhy() throws {
    let early = Day(year: 2026, month: 11, day: 28)
    let text = Self.frontMatter.replacingOccurrences(
      of: "- @grace: approve", with: "- @grace: object — no rollback plan")
    #expect {
      try Self.write(text, today: early)
    } throws: { error in
      let refusal = error as? DecisionWriter.Refusal
      return refusal?.forceable == true
        && refusal?.message
          == "the lazy-consensus rule is not met for 'accept' (pending): objection by @grace: "
          + "no rollback plan; pass --force with --note saying why"
    }
    // Stuck past the deadline: rejecting is allowed, accepting is not.
    #expect(try Self.write(text, .reject).status == "rejected")
    #expect(throws: DecisionWriter.Refusal.self) { try Self.write(text, .accept) }
    #expect(try Self.write(text, .accept, force: true).status == "accepted")
  }

  @Test func anOpenConcernBlocksAcceptingEvenWithForce() throws {
    let text = Self.frontMatter.replacingOccurrences(
      of: "- @grace: approve", with: "- @grace: concern \"cost\"")
    #expect {
      try Self.write(text, force: true)
    } throws: { error in
      (error as? DecisionWriter.Refusal)?.message.hasPrefix(
        "cannot accept while a concern is open: 'cost' (@grace)") == true
    }
  }

  @Test func refusesADecidedDocumentAndAKindWithoutARule() throws {
    let accepted = Self.frontMatter.replacingOccurrences(
      of: "status: proposed", with: "status: accepted")
    #expect(throws: DecisionWriter.Refusal.self) { try Self.write(accepted) }
    let update =
      "---\nstatus: blocked\nauthor: '@linus'\n---\n# U\n## Summary\nx\n## Progress\nx\n"
      + "## Blockers\nx\n## Next Steps\nx\n## Call to Action\n@grace help by 2026-12-01\n"
    #expect {
      try Self.write(update, path: "updates/2026-11-20-u.md")
    } throws: { error in
      (error as? DecisionWriter.Refusal)?.message.hasPrefix("kind 'update' has no decision rule")
        == true
    }
  }
}
