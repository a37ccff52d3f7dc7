import BatonConfig
import BatonCorpus
import BatonDocuments
import BatonSearch
import Foundation

/// Corpora for search tests, built in memory from Markdown (no git).
enum SearchFixtures {
  /// A document of the default collection its path names (`decisions/…`, `updates/…`,
  /// `handbook/…`).
  static func document(_ path: String, _ text: String) -> Document {
    let kind: String
    let name: String
    if path.hasPrefix("decisions/") {
      (kind, name) = ("decision", "decisions")
    } else if path.hasPrefix("updates/") {
      (kind, name) = ("update", "updates")
    } else {
      (kind, name) = ("page", "handbook")
    }
    let folder = String(path.split(separator: "/").first ?? "")
    let parser = DocumentParser(
      collection: Collection(name: name, path: folder, kind: kind),
      schema: KindSchema.defaults[kind] ?? .page)
    return parser.parse(SourceFile(path: path, bytes: Array(text.utf8)))
  }

  /// A corpus of documents given as (path, Markdown) pairs.
  static func corpus(_ files: [(String, String)]) -> Corpus {
    Corpus(
      configuration: Configuration(), documents: files.map { document($0.0, $0.1) }, people: nil,
      filePaths: [])
  }

  /// The page URL the tests give documents: the path without `.md`, as a folder.
  static func pageURL(_ document: Document) -> String {
    String(document.path.dropLast(3)) + "/index.html"
  }

  /// An engine over a corpus.
  static func engine(_ files: [(String, String)]) -> SearchEngine {
    SearchEngine(corpus: corpus(files), pageURL: pageURL)
  }

  /// A page of 40 sections, each with a word of its own (`markaa` … `markbn`): its passages fill
  /// several result files, so a match late in it is read from a later file.
  static let longPage: (String, String) = {
    var text = "# A long runbook\n\n## Summary\n\nEvery step of the long runbook.\n"
    for number in 0..<40 {
      let letters = Array("abcdefghijklmnopqrstuvwxyz")
      let word = "mark" + String([letters[number / 26], letters[number % 26]])
      text += "\n## Step \(number)\n\nStep \(number) of the runbook mentions \(word) once.\n"
    }
    return ("handbook/long-runbook.md", text)
  }()

  /// A small handbook: decisions, updates and pages with overlapping words.
  static let handbook: [(String, String)] = [
    (
      "decisions/0001-record-decisions.md",
      """
      ---
      status: accepted
      owner: "@alice"
      date: 2024-01-10
      tags: [process]
      ---
      # Record architecture decisions

      ## Context
      We need to record the architectural decisions made on this project.

      ## Decision
      We will use decision records, as described by Michael Nygard.
      """
    ),
    (
      "decisions/0042-use-postgres.md",
      """
      ---
      status: accepted
      owner: "@bob"
      date: 2024-05-02
      tags: [database, storage]
      ---
      # Use Postgres for the event store

      ## Context
      The event store needs transactions and JSON columns. MySQL lacked them in 2019.

      ## Decision
      Run Postgres 16 on the managed service; the `parseHeaders` helper stays in `snake_case`.

      ## Consequences
      Backups move to the deployment pipeline; restore drills every quarter.
      """
    ),
    (
      "decisions/0043-reject-mongodb.md",
      """
      ---
      status: rejected
      owner: "@carol"
      date: 2024-05-02
      tags: [database]
      ---
      # Use MongoDB for the event store

      ## Context
      Documents map to events, but we lose transactions across collections.

      ## Decision
      Rejected in favour of ADR-0042.
      """
    ),
    (
      "decisions/0044-accept-mongodb-cache.md",
      """
      ---
      status: accepted
      owner: "@carol"
      date: 2024-05-02
      tags: [database]
      ---
      # Use MongoDB for the event store

      ## Context
      Documents map to events, but we lose transactions across collections.

      ## Decision
      Accepted for the cache only.
      """
    ),
    (
      "updates/2024-06-01-search-sprint.md",
      """
      ---
      author: "@dave"
      team: platform
      date: 2024-06-01
      status: on-track
      ---
      # Search sprint

      ## Summary
      Deployments of the search service went out; the Postgres migration mentioned in the \
      context of backups is on hold. Release v1.2 shipped.

      ## Progress
      Tokeniser handles café, naïve and Straße. 数据库迁移已经完成。
      """
    ),
    (
      "handbook/deploying.md",
      """
      ---
      owner: "@erin"
      tags: [operations]
      ---
      # Deploying to production

      ## Summary
      Every deploy goes through the pipeline. Roll back with the previous tag.

      ## Checklist
      Check the dashboards; page the on-call engineer if error rates rise.
      """
    ),
  ]
}
