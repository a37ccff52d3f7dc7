import BatonChecks
import BatonCorpus
import BatonSource
import BatonTestSupport
import Foundation

/// A handbook whose history is written by several people on set dates, in several time zones,
/// for metrics, digests and response windows: every figure the tests expect is worked out by
/// hand from the commits below.
enum LoopFixture {
  static let ada = GitFixture.Author(name: "Ada Lovelace", email: "ada@example.com")
  static let grace = GitFixture.Author(name: "Grace Hopper", email: "grace@example.com")
  static let kenji = GitFixture.Author(name: "Kenji Sato", email: "kenji@example.com")

  static let config = """
    title: Loop
    base-url: https://handbook.example/
    collections:
      decisions: { path: decisions, kind: decision }
      updates: { path: updates, kind: update }
      handbook: { path: handbook, kind: page }
    people: people.yml
    sla: { urgent: 2h, standard: 1d }
    kinds:
      update: { sla: urgent }

    """

  static let people = """
    people:
      - handle: ada
        name: Ada Lovelace
        email: ada@example.com
        team: core
        timezone: Europe/London
      - handle: grace
        name: Grace Hopper
        email: grace@example.com
        team: core
        timezone: America/New_York
      - handle: kenji
        name: Kenji Sato
        email: kenji@example.com
        team: infra
        timezone: Asia/Tokyo
        working-hours: 10:00-18:00

    """

  static func decision(
    _ title: String, status: String, owner: String = "ada", ask: String = "@grace: review.",
    respondBy: String? = nil
  ) -> String {
    var text = "---\nstatus: \(status)\nowner: '@\(owner)'\n"
    if let respondBy { text += "respond-by: \(respondBy)\n" }
    text += "---\n# \(title)\n\n## Context\n\nWhy.\n\n## Proposal\n\nWhat.\n"
    if status == "proposed" { text += "\n## Call to Action\n\n\(ask)\n" }
    return text
  }

  static func update(_ title: String, team: String, author: String, status: String, ask: String?)
    -> String
  {
    var text =
      "---\nauthor: '@\(author)'\nteam: \(team)\nstatus: \(status)\n---\n# \(title)\n\n"
      + "## Summary\n\nS.\n\n## Progress\n\nP.\n\n## Blockers\n\nB.\n\n## Next Steps\n\nN.\n"
    if let ask { text += "\n## Call to Action\n\n\(ask)\n" }
    return text
  }

  static func page(_ title: String, reviewBy: String) -> String {
    "---\nowner: '@ada'\nreview-by: \(reviewBy)\n---\n# \(title)\n\n## Summary\n\nS.\n"
  }

  /// The repository; its commits, oldest first, are the timeline every expectation reads.
  static func make() throws -> GitFixture {
    let git = try GitFixture()
    try git.write("baton.yml", config)
    try git.write("people.yml", people)
    try git.write("handbook/a.md", page("Old policy", reviewBy: "2026-11-01"))
    try git.commit("Start", author: ada, date: "2026-06-01T09:00:00+01:00")
    // Q3: 2 days, 10.5 days and 4 days from proposed to an outcome.
    try git.write("decisions/0001-one.md", decision("One", status: "proposed"))
    try git.commit("Propose one", author: ada, date: "2026-07-01T10:00:00+00:00")
    try git.write("decisions/0001-one.md", decision("One", status: "accepted"))
    try git.commit("Accept one", author: ada, date: "2026-07-03T10:00:00+00:00")
    try git.write("decisions/0002-two.md", decision("Two", status: "proposed", owner: "kenji"))
    try git.commit("Propose two", author: kenji, date: "2026-07-10T09:00:00+09:00")
    try git.write("decisions/0002-two.md", decision("Two", status: "rejected", owner: "kenji"))
    try git.commit("Reject two", author: kenji, date: "2026-07-20T21:00:00+09:00")
    try git.write("decisions/0003-three.md", decision("Three", status: "proposed"))
    try git.commit("Propose three", author: ada, date: "2026-08-01T00:00:00+00:00")
    try git.write("decisions/0003-three.md", decision("Three", status: "accepted"))
    try git.commit("Accept three", author: ada, date: "2026-08-05T00:00:00+00:00")
    // Q4: 54 days, accepted by Grace inside the digest's week.
    try git.write("decisions/0004-four.md", decision("Four", status: "proposed"))
    try git.commit("Propose four", author: ada, date: "2026-10-01T12:00:00+00:00")
    try git.write(
      "updates/2026-11-06-core.md",
      update("Core 45", team: "core", author: "ada", status: "on-track", ask: nil))
    try git.commit("Core week 45", author: ada, date: "2026-11-06T17:00:00+00:00")
    try git.write(
      "updates/2026-11-13-core.md",
      update("Core 46", team: "core", author: "ada", status: "at-risk", ask: nil))
    try git.commit("Core week 46", author: ada, date: "2026-11-13T17:00:00+00:00")
    try git.write(
      "decisions/0005-five.md",
      decision(
        "Five", status: "proposed", ask: "@kenji: approve the budget.", respondBy: "2026-11-25"))
    try git.commit("Propose five", author: ada, date: "2026-11-20T10:00:00+00:00")
    try git.write(
      "updates/2026-11-20-infra.md",
      update(
        "Infra 47", team: "infra", author: "kenji", status: "blocked",
        ask: "@ada: approve the runner by 2026-11-22."))
    try git.commit("Infra week 47", author: kenji, date: "2026-11-20T18:00:00+09:00")
    try git.write("decisions/0004-four.md", decision("Four", status: "accepted"))
    try git.commit("Accept four", author: grace, date: "2026-11-24T12:00:00-05:00")
    try git.write("handbook/b.md", page("New policy", reviewBy: "2027-01-01"))
    try git.commit("Add a page", author: ada, date: "2026-11-25T09:00:00+00:00")
    try git.write(
      "updates/2026-11-27-core.md",
      update(
        "Core 48", team: "core", author: "ada", status: "blocked",
        ask: "@kenji: unblock the runner by 2026-12-02."))
    try git.commit("Core week 48", author: ada, date: "2026-11-27T17:00:00+00:00")
    try git.write(
      "decisions/0006-six.md",
      decision(
        "Six", status: "proposed", ask: "@grace and infra: review by 2026-12-05.",
        respondBy: "2026-12-05"))
    try git.commit("Propose six", author: ada, date: "2026-11-28T10:00:00+00:00")
    return git
  }

  /// The end of 2026-11-30 in UTC: when the tests measure.
  static let asOf = Date(timeIntervalSince1970: 1_796_083_199)

  static func corpus(_ git: GitFixture) throws -> Corpus {
    try Workflow.corpus(
      SourceOptions(repositoryPath: git.path, startDirectory: git.path, includeHistory: true))
  }
}
