import BatonChecks
import BatonCorpus
import BatonReport
import BatonSource
import BatonSupport
import BatonTestSupport
import Foundation
import Testing

/// "Overdue" in `baton metrics` and `baton digest` is each responder's due moment: the commit
/// that named them plus the document's response window in their working hours, or the end of
/// the deadline day; someone who answered owes nothing.
@Suite struct OverdueBySLATests {
  static let bob = GitFixture.Author(name: "Bob Stone", email: "bob@example.com")

  /// Two urgent calls without a date, named on Monday 2026-11-23 at 09:00 UTC: Bob's (his
  /// working day is 09:00-17:00 UTC, so 2 working hours end at 11:00) and Ada's (New York,
  /// 09:00-17:00 there: her two hours end at 16:00 UTC). A third asks Bob by a past date, and
  /// Bob answered it.
  static func make() throws -> GitFixture {
    let git = try GitFixture()
    try git.write(
      "baton.yml",
      """
      collections:
        decisions: { path: decisions, kind: decision }
      people: people.yml
      sla: { urgent: 2h, standard: 1d }

      """)
    try git.write(
      "people.yml",
      """
      people:
        - handle: bob
          email: bob@example.com
          timezone: UTC
          working-hours: 09:00-17:00
        - handle: ada
          email: ada@example.com
          timezone: America/New_York
          working-hours: 09:00-17:00

      """)
    for (number, who) in [("0001", "bob"), ("0002", "ada")] {
      try git.write(
        "decisions/\(number)-ask-\(who).md",
        "---\nstatus: proposed\nowner: '@carol'\nurgency: urgent\n---\n# Ask \(who)\n\n"
          + "## Context\n\nWhy.\n\n## Call to Action\n\n@\(who): please review.\n")
    }
    try git.write(
      "decisions/0003-answered.md",
      "---\nstatus: proposed\nowner: '@carol'\nrespond-by: 2026-11-01\n---\n# Answered\n\n"
        + "## Context\n\nWhy.\n\n## Call to Action\n\n@bob: please review by 2026-11-01.\n")
    try git.commit("Ask", date: "2026-11-23T09:00:00+00:00")
    let answered = try String(
      contentsOfFile: git.path + "/decisions/0003-answered.md", encoding: .utf8)
    try git.write("decisions/0003-answered.md", answered + "\n## Responses\n\n- @bob: approve\n")
    try git.commit("Answer", author: bob, date: "2026-11-23T09:00:00+00:00")
    return git
  }

  static func corpus(_ git: GitFixture) throws -> Corpus {
    try Workflow.corpus(
      SourceOptions(repositoryPath: git.path, startDirectory: git.path, includeHistory: true))
  }

  static func at(_ text: String) throws -> Date {
    try #require(ISO8601DateFormatter().date(from: text))
  }

  @Test(arguments: [
    ("2026-11-23T10:30:00Z", [String]()),
    ("2026-11-23T11:30:00Z", ["decisions/0001-ask-bob.md"]),
    ("2026-11-23T16:30:00Z", ["decisions/0001-ask-bob.md", "decisions/0002-ask-ada.md"]),
  ])
  func theDigestCountsEachRespondersWindow(moment: String, overdue: [String]) throws {
    let git = try Self.make()
    defer { git.cleanup() }
    let corpus = try Self.corpus(git)
    let until = try Self.at(moment)
    let digest = DigestReport(
      corpus: corpus, since: until.addingTimeInterval(-7 * 86_400), until: until)
    #expect(digest.overdue.map(\.path) == overdue, "at \(moment)")
    let metrics = Metrics(corpus: corpus, asOf: until)
    #expect(metrics.callsToAction.map { [$0.total, $0.count] } == [[3, overdue.count]])
  }

  @Test func theDueMomentIsTheWindowsEndInTheRespondersHours() throws {
    let git = try Self.make()
    defer { git.cleanup() }
    let corpus = try Self.corpus(git)
    let document = try #require(corpus.documents.first { $0.path.hasSuffix("ask-ada.md") })
    let late = corpus.overdueResponders(of: document, at: try Self.at("2026-11-24T00:00:00Z"))
    #expect(late.map(\.responder) == ["ada"])
    #expect(late.first?.due == (try Self.at("2026-11-23T16:00:00Z")))
    let answered = try #require(corpus.documents.first { $0.path.hasSuffix("answered.md") })
    #expect(corpus.overdueResponders(of: answered, at: try Self.at("2026-12-01T00:00:00Z")).isEmpty)
  }
}
