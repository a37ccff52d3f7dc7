import BatonReport
import BatonSupport
import BatonTestSupport
import Foundation
import Testing

/// Response times from the commits that named each responder and added each answer, counted
/// in the answerer's working hours; worked out by hand from the commits below.
@Suite struct ResponseTimeTests {
  /// Ada in London, Grace in New York, Kenji in Tokyo (10:00-18:00).
  static let people = LoopFixture.people

  static func decision(ask: String, responses: [String]) -> String {
    "---\nstatus: proposed\nowner: '@ada'\n---\n# Pick a queue\n\n## Context\n\nWhy.\n\n"
      + "## Proposal\n\nWhat.\n\n## Call to Action\n\n\(ask)\n\n## Responses\n\n"
      + responses.map { "- " + $0 + "\n" }.joined()
  }

  static func make() throws -> GitFixture {
    let git = try GitFixture()
    try git.write("baton.yml", "people: people.yml\nsla: { urgent: 2h, standard: 1d }\n")
    try git.write("people.yml", people)
    try git.write("decisions/0001-queue.md", decision(ask: "@grace: review.", responses: []))
    try git.commit("Propose", author: LoopFixture.ada, date: "2026-11-23T10:00:00+00:00")
    try git.write(
      "decisions/0001-queue.md", decision(ask: "@grace and @kenji: review.", responses: []))
    try git.commit("Ask Kenji too", author: LoopFixture.ada, date: "2026-11-24T15:00:00+00:00")
    try git.write(
      "decisions/0001-queue.md",
      decision(ask: "@grace and @kenji: review.", responses: ["@grace: approve"]))
    try git.commit("Approve", author: LoopFixture.grace, date: "2026-11-24T15:00:00-05:00")
    try git.write(
      "decisions/0001-queue.md",
      decision(
        ask: "@grace and @kenji: review.",
        responses: ["@grace: approve", "@kenji: object — no rollback plan"]))
    try git.commit("Object", author: LoopFixture.kenji, date: "2026-11-25T11:00:00+09:00")
    return git
  }

  @Test func eachResponderIsNamedByTheCommitThatAddedThem() throws {
    let git = try Self.make()
    let corpus = try LoopFixture.corpus(git)
    let document = try #require(corpus.documents.first)
    let monday = Date(timeIntervalSince1970: 1_795_428_000)  // 2026-11-23T10:00:00Z
    #expect(corpus.namedAt("@grace", in: document) == monday)
    #expect(corpus.namedAt("kenji", in: document) == monday.addingTimeInterval(29 * 3600))
  }

  @Test func responseTimesInTheAnswerersWorkingHours() throws {
    let git = try Self.make()
    let metrics = Metrics(
      corpus: try LoopFixture.corpus(git), asOf: LoopFixture.asOf)
    // Grace: asked Monday 05:00 in New York, answered Tuesday 15:00: 8 + 6 working hours, over
    // her one-day window. Kenji: asked Wednesday 00:00 in Tokyo, answered at 11:00: one hour.
    #expect(metrics.responseTimes.map(\.responder) == ["grace", "kenji"])
    #expect(metrics.responseTimes.map(\.hours.median) == [14, 1])
    #expect(metrics.responseTimes.map { [$0.withinWindow, $0.withWindow] } == [[0, 1], [1, 1]])
    #expect(metrics.teamResponseTimes.map(\.responder) == ["core", "infra"])
  }

  @Test func anOpenCallIsDueWhenTheWindowCloses() throws {
    let git = try Self.make()
    let corpus = try LoopFixture.corpus(git)
    let document = try #require(corpus.documents.first)
    // Grace's window: Monday 09:00 to 17:00 in New York, 22:00 UTC.
    let due = corpus.responseDue(for: "grace", in: document)
    #expect(due == Date(timeIntervalSince1970: 1_795_428_000 + 12 * 3600))
    let left = corpus.workingSecondsLeft(
      for: "grace", until: try #require(due),
      now: Date(timeIntervalSince1970: 1_795_428_000 + 9 * 3600))
    #expect(left == 3 * 3600)
  }

  @Test func theInboxCountsWorkingHoursLeft() throws {
    let git = try GitFixture()
    try git.write("baton.yml", "people: people.yml\nsla: { urgent: 2h, standard: 1d }\n")
    try git.write("people.yml", Self.people)
    try git.write("decisions/0001-queue.md", Self.decision(ask: "@grace: review.", responses: []))
    try git.commit("Propose", author: LoopFixture.ada, date: "2026-11-23T10:00:00+00:00")
    let corpus = try LoopFixture.corpus(git)
    // Monday: Grace's whole day is left, her window ends at 17:00 in New York.
    let monday = Inbox(for: "grace", in: corpus, today: Day(year: 2026, month: 11, day: 23))
    #expect(monday.items.map(\.workingHoursLeft) == [8])
    #expect(monday.items.first?.due == "2026-11-23T17:00:00-05:00")
    #expect(monday.text().contains("due in 8 working hours (2026-11-23 17:00:00-05:00)"))
    // Wednesday morning: Tuesday's eight working hours have passed since.
    let wednesday = Inbox(for: "grace", in: corpus, today: Day(year: 2026, month: 11, day: 25))
    #expect(wednesday.items.map(\.workingHoursLeft) == [-8])
    #expect(wednesday.items.map(\.overdue) == [true])
    #expect(wednesday.text().contains("OVERDUE by 8 working hours"))
  }
}
