import BatonTestSupport
import Foundation
import Testing

/// The sites the accessibility tests check, and a page of each type in them.
enum AccessibilitySites {
  /// Builds the handbook in `folder` into `output` with the debug binary.
  static func build(folder: String, output: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: SearchBrowserTests.baton)
    process.arguments = ["build", "--output", output, "--quiet", "--no-cache"]
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "baton build failed in \(folder)")
  }

  /// A page of every type: home, logs, a document of each kind, handbook folders and pages,
  /// tags, people, open calls, search (with results) and 404; the first of each, by path.
  static func pageTypes(in site: String) throws -> [(String, String)] {
    let files = FileManager.default
    func first(_ folder: String, where test: (String) -> Bool = { _ in true }) -> String? {
      let names = (try? files.contentsOfDirectory(atPath: site + "/" + folder)) ?? []
      return names.sorted().first { name in
        test(name) && files.fileExists(atPath: "\(site)/\(folder)/\(name)/index.html")
      }.map { "\(folder)/\($0)/index.html" }
    }
    let isGrouping = { (name: String) in name.hasPrefix("by-") }
    let handbook = try #require(first("handbook"), "no handbook folder page")
    let handbookFolder = String(handbook.dropLast("/index.html".count))
    let subfolder = first(handbookFolder)
    var pages: [(String, String?)] = [
      ("home", "index.html"), ("decision log", "decisions/index.html"),
      ("decision", first("decisions")), ("updates by date", "updates/index.html"),
      ("updates by team", "updates/by-team/index.html"),
      ("update", first("updates", where: { !isGrouping($0) })),
      ("handbook folder", "handbook/index.html"), ("handbook subfolder", handbook),
      ("handbook page", subfolder), ("tags", "tags/index.html"), ("tag", first("tags")),
      ("people", "people/index.html"), ("person", first("people")),
      ("open calls", "actions/index.html"), ("search", "search/index.html?q=decision"),
      ("404", "404.html"), ("weekly digests", "digests/index.html"),
      ("digest", first("digests", where: { $0.hasPrefix("2") })),
      ("metrics", "metrics/index.html"),
      (
        "decision with a sign-off panel",
        first("decisions") { name in
          let page =
            (try? String(contentsOfFile: "\(site)/decisions/\(name)/index.html", encoding: .utf8))
            ?? ""
          return page.contains("<section class=\"signoff\"")
        }
      ),
    ]
    if files.fileExists(atPath: site + "/rfcs/index.html") {
      pages += [("rfc log", "rfcs/index.html"), ("rfc", first("rfcs"))]
    }
    return try pages.map { name, page in
      let path = try #require(page, "no \(name) page in \(site)")
      let file = String(path.split(separator: "?").first ?? "")
      #expect(files.fileExists(atPath: site + "/" + file), "no \(name) page at \(file)")
      return (name, path)
    }
  }

  /// A repository of every kind, a declared kind, a handbook tree, people and what real
  /// documents hold (tables, code, task lists, alerts, images, footnotes, a blocked update).
  static func generated() throws -> GitFixture {
    let git = try GitFixture()
    try git.write(
      "baton.yml",
      """
      title: Generated handbook
      repository: https://github.com/acme/handbook
      collections:
        decisions: { path: decisions, kind: decision }
        rfcs: { path: rfcs, kind: rfc }
        updates: { path: updates, kind: update }
        handbook: { path: handbook, kind: page }
      people: people.yml
      kinds:
        rfc:
          base: decision
          plural: RFCs

      """)
    try git.write(
      "people.yml",
      "- handle: ada\n  name: Ada Lovelace\n  team: platform\n  timezone: Europe/London\n"
        + "- handle: bob\n  name: Bob Builder\n  team: platform\n")
    try git.write("handbook/img/flow.svg", flowSVG)
    for number in 1...3 {
      try git.write("decisions/000\(number)-decision-\(number).md", decision(number))
    }
    try git.write(
      "rfcs/0001-async-reviews.md",
      decision(1).replacingOccurrences(
        of: "# Decision 1", with: "# Async reviews"))
    try git.write("updates/2026-05-04-week-19.md", update)
    try git.write("handbook/README.md", page("Handbook", "Start here."))
    try git.write("handbook/ops/README.md", page("Operations", "How we run things."))
    try git.write("handbook/ops/on-call.md", page("On call", richBody))
    try git.write("handbook/ops/deploys/releases.md", page("Releases", "Ship on Tuesdays."))
    _ = try git.commit("Documents")
    return git
  }

  static func decision(_ number: Int) -> String {
    """
    ---
    status: \(number == 1 ? "superseded" : number == 2 ? "proposed" : "accepted")
    owner: "@ada"
    deciders: ["@ada", "@bob"]
    date: 2026-05-0\(number)
    respond-by: 2026-06-30
    tags: [database, ops]
    \(number == 1 ? "superseded-by: \"0002\"" : "")
    ---
    # Decision \(number)

    ## Context

    We need a database[^1]. See [the on-call page](../handbook/ops/on-call.md#Escalation).

    [^1]: A durable one.

    ## Proposal

    | Option | Cost |
    | :--- | ---: |
    | Postgres | low |

    ## Call to Action

    @bob: approve or object by 2026-06-30.
    \(number == 2 ? "\n## Responses\n\n- @ada: approve\n- @bob: concern \"cost\"\n" : "")
    """
  }

  static let update = """
    ---
    author: "@bob"
    date: 2026-05-04
    team: platform
    status: blocked
    ---
    # Week 19

    ## Summary

    Blocked on credentials.

    ## Progress

    - [x] Wrote the runbook
    - [ ] Rotated the keys

    ## Blockers

    Credentials.

    ## Next Steps

    Rotate.

    ## Call to Action

    @ada: grant access by 2026-05-10.

    """

  static let richBody = """
    Who answers pages, and how.

    ## Escalation

    > [!WARNING]
    > Page the secondary after fifteen minutes.

    > [!TIP]
    > Keep the runbook open.

    ![The escalation flow](../img/flow.svg)

    ```swift
    let minutes = 15
    ```

    """

  static func page(_ title: String, _ summary: String) -> String {
    "---\nowner: \"@ada\"\nreview-by: 2027-01-01\ntags: [ops]\n---\n# \(title)\n\n"
      + "## Summary\n\n\(summary)\n"
  }

  static let flowSVG = """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" role="img">\
    <title>Flow</title><rect width="40" height="20" fill="#0550ae"/></svg>
    """
}
