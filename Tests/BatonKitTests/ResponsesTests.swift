import BatonTestSupport
import Foundation
import Testing

@testable import BatonChecks
@testable import BatonCorpus
@testable import BatonSource
@testable import BatonSupport

/// Responses in the document (`## Responses`, front matter), their attribution from git, team
/// quorums and the decision rules.
@Suite struct ResponsesTests {
  static let people = """
    people:
      - handle: linus
        name: Linus Owner
        email: linus@example.com
      - handle: grace
        name: Grace Hopper
        email: grace@example.com
        team: platform
      - handle: kenji
        name: Kenji Sato
        email: kenji@example.com
        team: platform
      - handle: noor
        name: Noor Ali
        email: noor@example.com
        team: platform
      - handle: ada
        name: Ada Lovelace
        email: ada@example.com
    """

  static let grace = GitFixture.Author(name: "Grace Hopper", email: "grace@example.com")
  static let kenji = GitFixture.Author(name: "Kenji Sato", email: "kenji@example.com")
  static let noor = GitFixture.Author(name: "Noor Ali", email: "noor@example.com")
  static let linus = GitFixture.Author(name: "Linus Owner", email: "linus@example.com")

  static func decision(
    ask: String = "@grace and @kenji, please review by 2026-12-01.", responses: [String] = [],
    status: String = "proposed", frontMatter: String = ""
  ) -> String {
    var text =
      "---\nstatus: \(status)\nowner: '@linus'\n\(frontMatter)---\n# Use Postgres\n\n"
      + "## Context\nx\n\n## Proposal\ny\n\n## Call to Action\n\n\(ask)\n"
    if !responses.isEmpty {
      text += "\n## Responses\n\n" + responses.map { "- " + $0 }.joined(separator: "\n") + "\n"
    }
    return text
  }

  static func corpus(_ files: [(String, String)], config: String? = nil) throws -> Corpus {
    var all = files
    if let config { all.append(("baton.yml", config)) }
    return try LoadedSource.inMemory(files: all, people: people).parse().assemble()
  }

  // MARK: - Parsing

  @Test func sectionLinesBecomeResponses() throws {
    let text = Self.decision(responses: [
      "@grace: approve", "@kenji: object — no rollback plan", "@noor: abstain",
      "@kenji: concern \"rollback plan\" — what if the migration fails?",
      "@kenji: resolved “rollback plan”",
    ])
    let corpus = try Self.corpus([("decisions/0001-a.md", text)])
    let document = try #require(corpus.documents.first)
    #expect(document.responseProblems.isEmpty)
    #expect(document.responses.map(\.handle) == ["grace", "kenji", "noor", "kenji", "kenji"])
    #expect(
      document.responses.map(\.verdict) == [.approve, .object, .abstain, .concern, .resolved])
    #expect(
      document.responses.map(\.text) == [
        "", "no rollback plan", "", "rollback plan", "rollback plan",
      ])
    #expect(document.responses.first?.line == 19)
  }

  @Test func malformedLinesAreProblemsWithTheirLine() throws {
    let text = Self.decision(responses: [
      "@grace: approve", "grace approves", "@kenji: maybe", "@noor: object", "@ada: concern",
    ])
    let corpus = try Self.corpus([("decisions/0001-a.md", text)])
    let document = try #require(corpus.documents.first)
    #expect(document.responses.count == 1)
    #expect(document.responseProblems.map(\.line) == [20, 21, 22, 23])
    #expect(document.responseProblems[1].message.contains("'maybe' is not an answer"))
    #expect(document.responseProblems[2].message.contains("needs its reason"))
    #expect(document.responseProblems[3].message.contains("concern's name"))
  }

  @Test func frontMatterHoldsResponsesToo() throws {
    let text = Self.decision(
      frontMatter:
        "responses:\n  - \"@grace: approve\"\n  - kenji: object — no rollback plan\n"
        + "  - noor: [concern \"cost\", resolved \"cost\"]\n")
    let corpus = try Self.corpus([("decisions/0001-a.md", text)])
    let document = try #require(corpus.documents.first)
    #expect(document.responseProblems.isEmpty)
    #expect(document.responses.map(\.key).count == 4)
    #expect(document.responses.map(\.line) == [5, 6, 7, 7])
    #expect(document.responsesPlace?.origin == .frontMatter)
    #expect(document.field("responses") == nil)
  }

  @Test func aliasesAreConfigurablePerKind() throws {
    let config = """
      kinds:
        decision:
          sections:
            - { name: Context, required: true }
            - { name: Proposal, required: true }
            - { name: Call to Action, role: call-to-action }
            - { name: Votes, aliases: [Ballot], role: responses }
      """
    let text = Self.decision() + "\n## Ballot\n\n- @grace: yes\n"
    let corpus = try Self.corpus([("decisions/0001-a.md", text)], config: config)
    #expect(corpus.documents.first?.responses.map(\.verdict) == [.approve])
  }

  // MARK: - Outstanding, teams, concerns

  @Test func outstandingIsRespondersMinusAnswers() throws {
    let text = Self.decision(
      ask: "@grace, @ada and the platform team, please review by 2026-12-01.",
      responses: ["@grace: approve"])
    let corpus = try Self.corpus([("decisions/0001-a.md", text)])
    let ledger = try #require(corpus.ledger(of: corpus.documents[0]))
    #expect(ledger.responders.map(\.handle) == ["grace", "ada", "platform"])
    // The team's quorum is any member by default: grace's answer covers it.
    #expect(ledger.outstanding.map(\.handle) == ["ada"])
    #expect(ledger.owes("ada"))
    #expect(!ledger.owes("kenji"))
  }

  @Test func teamQuorumCountsMembers() throws {
    let config = "kinds:\n  decision:\n    team-quorum: 2\n"
    let text = Self.decision(ask: "platform, review by 2026-12-01.", responses: ["@grace: approve"])
    var corpus = try Self.corpus([("decisions/0001-a.md", text)], config: config)
    var ledger = try #require(corpus.ledger(of: corpus.documents[0]))
    #expect(ledger.responders.first?.required == 2)
    #expect(ledger.outstanding.map(\.handle) == ["platform"])
    #expect(ledger.owes("kenji") && ledger.owes("noor") && !ledger.owes("grace"))
    let both = Self.decision(
      ask: "platform, review by 2026-12-01.", responses: ["@grace: approve", "@noor: abstain"])
    corpus = try Self.corpus([("decisions/0001-a.md", both)], config: config)
    ledger = try #require(corpus.ledger(of: corpus.documents[0]))
    #expect(ledger.outstanding.isEmpty)
    let all = "kinds:\n  decision:\n    team-quorum: all\n"
    corpus = try Self.corpus([("decisions/0001-a.md", both)], config: all)
    ledger = try #require(corpus.ledger(of: corpus.documents[0]))
    #expect(ledger.outstanding.first?.answeredBy == ["grace", "noor"])
  }

  @Test func concernsPairWithTheirResolution() throws {
    let text = Self.decision(responses: [
      "@kenji: concern \"rollback plan\"", "@grace: concern \"cost\"",
      "@grace: resolved \"rollback plan\"", "@ada: resolved \"nothing\"",
    ])
    let corpus = try Self.corpus([("decisions/0001-a.md", text)])
    let ledger = try #require(corpus.ledger(of: corpus.documents[0]))
    #expect(ledger.concerns.map(\.name) == ["rollback plan", "cost"])
    #expect(ledger.openConcerns.map(\.name) == ["cost"])
    #expect(ledger.concerns[0].isResolvedByOther)
    #expect(ledger.strayResolutions.map(\.response.handle) == ["ada"])
  }

  // MARK: - Attribution from git

  /// A repository where the owner proposes on 2026-11-20, grace approves on 11-21, kenji raises
  /// a concern on 11-22, and noor commits kenji's resolution on 11-24.
  static func answeredRepository() throws -> GitFixture {
    let fixture = try GitFixture()
    try fixture.write("people.yml", people)
    try fixture.write("decisions/0001-use-postgres.md", decision())
    try fixture.commit("Propose Postgres", author: linus, date: "2026-11-20T09:00:00+01:00")
    try fixture.write("decisions/0001-use-postgres.md", decision(responses: ["@grace: approve"]))
    try fixture.commit("Approve", author: grace, date: "2026-11-21T10:00:00+09:00")
    try fixture.write(
      "decisions/0001-use-postgres.md",
      decision(responses: ["@grace: approve", "@kenji: concern \"rollback plan\""]))
    try fixture.commit("Concern", author: kenji, date: "2026-11-22T11:00:00+00:00")
    try fixture.write(
      "decisions/0001-use-postgres.md",
      decision(responses: [
        "@grace: approve", "@kenji: concern \"rollback plan\"",
        "@kenji: resolved \"rollback plan\"",
      ]))
    try fixture.commit("Resolve for kenji", author: noor, date: "2026-11-24T12:00:00+00:00")
    return fixture
  }

  static func load(_ fixture: GitFixture, history: Bool = true) throws -> Corpus {
    var options = SourceOptions(
      repositoryPath: fixture.path, startDirectory: fixture.path, includeHistory: history)
    options.useHistoryCache = false
    return try Workflow.corpus(options, keepingBodies: false)
  }

  @Test func eachAnswerIsTheCommitThatAddedIt() throws {
    let fixture = try Self.answeredRepository()
    defer { fixture.cleanup() }
    let corpus = try Self.load(fixture)
    let ledger = try #require(corpus.ledger(of: corpus.documents[0]))
    #expect(
      ledger.answers.map { $0.commit?.subject } == ["Approve", "Concern", "Resolve for kenji"])
    #expect(ledger.answers.map(\.committedBy) == ["grace", "kenji", "noor"])
    #expect(
      ledger.answers.map { $0.date.map { ISO8601DateFormatter().string(from: $0) } } == [
        "2026-11-21T01:00:00Z", "2026-11-22T11:00:00Z", "2026-11-24T12:00:00Z",
      ])
    #expect(ledger.answers.map(\.isCommittedByOther) == [false, false, true])
  }

  @Test func anEditedAnswerIsDatedByTheEdit() throws {
    let fixture = try Self.answeredRepository()
    defer { fixture.cleanup() }
    try fixture.write(
      "decisions/0001-use-postgres.md",
      Self.decision(responses: ["@grace: object — too costly", "@kenji: approve"]))
    try fixture.commit("Change of mind", author: Self.grace, date: "2026-11-25T08:00:00+00:00")
    // An uncommitted answer has no commit yet.
    try fixture.write(
      "decisions/0001-use-postgres.md",
      Self.decision(responses: ["@grace: object — too costly", "@kenji: approve", "@noor: abstain"])
    )
    let corpus = try Self.load(fixture)
    let ledger = try #require(corpus.ledger(of: corpus.documents[0]))
    #expect(ledger.answers.map { $0.commit?.subject } == ["Change of mind", "Change of mind", nil])
    #expect(ledger.answers[1].isCommittedByOther)
  }

  @Test func checkReadsHistoryOnlyWhenADocumentHoldsResponses() throws {
    let fixture = try Self.answeredRepository()
    defer { fixture.cleanup() }
    var options = SourceOptions(repositoryPath: fixture.path, startDirectory: fixture.path)
    options.useHistoryCache = false
    options.includeHistoryForResponses = true
    var corpus = try Workflow.corpus(options, keepingBodies: false)
    #expect(corpus.repository.hasHistory)
    #expect(corpus.ledger(of: corpus.documents[0])?.answers.first?.commit != nil)
    try fixture.write("decisions/0001-use-postgres.md", Self.decision())
    corpus = try Workflow.corpus(options, keepingBodies: false)
    #expect(!corpus.repository.hasHistory)
  }

  // MARK: - Decision rules

  static func state(
    _ rule: String, responses: [String], today: String = "2026-11-28",
    ask: String = "@grace, @kenji and @noor, please review by 2026-12-01."
  ) throws -> DecisionState? {
    let config = "kinds:\n  decision:\n    decision-rule: \(rule)\n"
    let text = decision(ask: ask, responses: responses)
    let corpus = try corpus([("decisions/0001-a.md", text)], config: config)
    return corpus.decisionState(of: corpus.documents[0], today: try #require(Day(parsing: today)))
  }

  @Test func lazyConsensusIsReadyWhenTheDeadlinePassesWithoutObjection() throws {
    let before = try #require(try Self.state("lazy-consensus", responses: ["@grace: approve"]))
    #expect(before.phase == .pending)
    let after = try #require(
      try Self.state("lazy-consensus", responses: ["@grace: approve"], today: "2026-12-02"))
    #expect(after.phase == .ready && after.outcome == .accept)
    #expect(after.reason == "no objection by 2026-12-01")
    let everyone = try #require(
      try Self.state(
        "lazy-consensus", responses: ["@grace: approve", "@kenji: abstain", "@noor: approve"]))
    #expect(everyone.phase == .ready)
    let objected = try #require(
      try Self.state(
        "lazy-consensus", responses: ["@kenji: object — no rollback plan"], today: "2026-12-02"))
    #expect(objected.phase == .stuck)
    #expect(objected.missing == ["objection by @kenji: no rollback plan"])
    let concern = try #require(
      try Self.state(
        "lazy-consensus", responses: ["@kenji: concern \"cost\""], today: "2026-12-02"))
    #expect(concern.phase == .stuck && concern.missing == ["open concern 'cost' by @kenji"])
    let resolved = try #require(
      try Self.state(
        "lazy-consensus", responses: ["@kenji: concern \"cost\"", "@kenji: resolved \"cost\""],
        today: "2026-12-02"))
    #expect(resolved.phase == .ready)
  }

  @Test func majorityNeedsItsQuorumThenCounts() throws {
    let one = try #require(try Self.state("majority", responses: ["@grace: approve"]))
    #expect(
      one.phase == .pending && one.missing == ["1 of 2 answers needed; waiting on @kenji, @noor"])
    let two = try #require(
      try Self.state("majority", responses: ["@grace: approve", "@kenji: object — risky"]))
    #expect(two.phase == .pending && two.missing.last == "a tie: 1 approve, 1 object")
    let three = try #require(
      try Self.state(
        "majority", responses: ["@grace: approve", "@kenji: object — risky", "@noor: approve"]))
    #expect(
      three.phase == .ready && three.outcome == .accept && three.reason == "2 approve, 1 object")
    let against = try #require(
      try Self.state(
        "{ rule: majority, quorum: 2 }",
        responses: ["@grace: object — costly", "@kenji: object — risky"]))
    #expect(against.phase == .ready && against.outcome == .reject)
    let late = try #require(
      try Self.state("majority", responses: ["@grace: approve"], today: "2026-12-05"))
    #expect(late.phase == .stuck)
    #expect(late.reason.hasPrefix("deadline 2026-12-01 passed: 1 of 2 answers needed"))
  }

  @Test func unanimousNeedsEveryoneAndNoObjection() throws {
    let partial = try #require(
      try Self.state("unanimous", responses: ["@grace: approve", "@kenji: approve"]))
    #expect(
      partial.phase == .pending && partial.missing == ["2 of 3 answers needed; waiting on @noor"])
    let all = try #require(
      try Self.state(
        "unanimous", responses: ["@grace: approve", "@kenji: approve", "@noor: abstain"]))
    #expect(all.phase == .ready)
    let vetoed = try #require(
      try Self.state(
        "unanimous", responses: ["@grace: approve", "@kenji: approve", "@noor: object — no"],
        today: "2026-12-02"))
    #expect(vetoed.phase == .stuck && vetoed.missing == ["objection by @noor: no"])
  }

  @Test func consentAndOwnerRules() throws {
    let consent = try #require(
      try Self.state("consent", responses: ["@grace: approve", "@kenji: abstain"]))
    #expect(consent.phase == .pending)
    let quorum = try #require(
      try Self.state(
        "{ rule: consent, quorum: 2 }", responses: ["@grace: approve", "@kenji: abstain"]))
    #expect(quorum.phase == .ready)
    let owner = try #require(try Self.state("owner", responses: ["@kenji: object — no"]))
    #expect(owner.phase == .ready)
    let blocked = try #require(try Self.state("owner", responses: ["@kenji: concern \"x\""]))
    #expect(blocked.phase == .pending && blocked.missing.contains("open concern 'x' by @kenji"))
    #expect(try Self.state("none", responses: []) == nil)
  }

  // MARK: - Rules on a real repository

  @Test func answersCommittedForSomeoneElseAreWarnedWithBothNames() throws {
    let fixture = try Self.answeredRepository()
    defer { fixture.cleanup() }
    let corpus = try Self.load(fixture)
    let today = try #require(Day(parsing: "2026-11-25"))
    let found = Checker().check(corpus, today: today, paths: nil)
    let authors = found.filter { $0.ruleID == "response-author" }
    #expect(authors.count == 1)
    #expect(
      authors.first?.message.hasPrefix("@noor committed @kenji's answer ('resolved')") == true)
    #expect(authors.first?.location.line == 21)
    #expect(!found.contains { $0.ruleID == "concern-resolved-by-other" || $0.severity == .error })
    // Both responders answered and the concern is resolved: lazy consensus is met early.
    let ready = found.first { $0.ruleID == "decision-ready" }
    #expect(
      ready?.message
        == "ready to accept (lazy-consensus): every responder answered with no objection; "
        + "decide with 'baton decide 0001 accept'")
  }
}
