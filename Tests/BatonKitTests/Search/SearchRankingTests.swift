import Testing

@testable import BatonSearch

@Suite struct SearchRankingTests {
  let engine = SearchFixtures.engine(SearchFixtures.handbook)

  func paths(
    _ text: String, filters: [String: [String]] = [:], order: SearchQuery.Order = .relevance
  )
    -> [String]
  {
    engine.search(SearchQuery(text, filters: filters, order: order)).map(\.path)
  }

  @Test(arguments: [
    ("postgres event store", "decisions/0042-use-postgres.md"),
    ("record architecture decisions", "decisions/0001-record-decisions.md"),
    ("search sprint", "updates/2024-06-01-search-sprint.md"),
    ("deploying production", "handbook/deploying.md"),
    ("roll back dashboards", "handbook/deploying.md"),
  ])
  func knownItemsComeFirst(query: String, expected: String) {
    #expect(paths(query).first == expected)
  }

  @Test(arguments: ["ADR-0042", "adr-42", "0042", "42", "ADR42", "#42", "adr 0042"])
  func identifiersFindTheirDecision(query: String) {
    #expect(paths(query).first == "decisions/0042-use-postgres.md")
  }

  @Test func titleBeatsBody() {
    // Both mention Postgres; only 0042 has it in its title.
    let results = paths("postgres")
    #expect(results.first == "decisions/0042-use-postgres.md")
    #expect(results.contains("updates/2024-06-01-search-sprint.md"))
  }

  @Test func prefixesAndPluralsMatch() {
    #expect(paths("deploy").contains("handbook/deploying.md"))
    #expect(paths("deploy").contains("updates/2024-06-01-search-sprint.md"))
    #expect(paths("deployment").contains("updates/2024-06-01-search-sprint.md"))
    #expect(paths("postg").first == "decisions/0042-use-postgres.md")
    #expect(paths("transaction").count == 3)
    // Two-letter words match exactly only.
    #expect(paths("po").isEmpty)
  }

  @Test func everyWordIsRequired() {
    #expect(paths("postgres mongodb").isEmpty)
    #expect(paths("mongodb cache") == ["decisions/0044-accept-mongodb-cache.md"])
  }

  /// A small corpus where common words are everywhere: `filler` documents that use them in
  /// their bodies, and the documents given.
  static func crowd(_ documents: [(String, String)], filler: Int = 24) -> SearchEngine {
    let body = "We use helm and keep audit logs for every service we use. "
    let fillers = (0..<filler).map { number in
      (
        "decisions/\(String(format: "%04d", 100 + number))-filler.md",
        "---\nstatus: accepted\ndate: 2024-02-0\(1 + number % 9)\n---\n"
          + "# Helm notes \(number)\n\n## Context\n\n" + body + body + "\n"
      )
    }
    return SearchFixtures.engine(fillers + documents)
  }

  @Test func everyQueryWordInTheTitleWins() {
    // The document sought is long and older, and superseded; the others repeat the words in
    // their bodies. Its title holding every word of the query puts it first.
    let long = (0..<40).map { "Paragraph \($0) about rollout plans and budgets." }
      .joined(separator: "\n\n")
    let engine = SearchRankingTests.crowd([
      (
        "decisions/0007-use-helm-for-audit-logs.md",
        "---\nstatus: superseded\ndate: 2022-10-28\n---\n# Use Helm for audit logs\n\n"
          + "## Context\n\n" + long + "\n"
      )
    ])
    let first = engine.search(SearchQuery("use logs helm")).first
    #expect(first?.path == "decisions/0007-use-helm-for-audit-logs.md")
  }

  @Test func aCommonWordDoesNotRankByTheRareWordsItBegins() {
    // "use" is in every document; "usermode" only in one title. A query for "use" puts the
    // document titled with "use" above it.
    let engine = SearchRankingTests.crowd([
      ("handbook/usermode.md", "# Usermode networking\n\n## Summary\n\nKernel bypass.\n"),
      ("handbook/use-helm.md", "# Use Helm\n\n## Summary\n\nCharts we use.\n"),
    ])
    let results = engine.search(SearchQuery("use", limit: 100)).map(\.path)
    #expect(results.first == "handbook/use-helm.md")
    // The prefix still matches, below.
    #expect(results.contains("handbook/usermode.md"))
  }

  @Test func acceptedBeatsRejectedOnATie() {
    #expect(
      paths("mongodb") == [
        "decisions/0044-accept-mongodb-cache.md", "decisions/0043-reject-mongodb.md",
      ])
  }

  @Test func codeIdentifiersAndDiacritics() {
    #expect(paths("parseHeaders") == ["decisions/0042-use-postgres.md"])
    #expect(paths("parse headers") == ["decisions/0042-use-postgres.md"])
    #expect(paths("snake_case") == ["decisions/0042-use-postgres.md"])
    #expect(paths("v1.2") == ["updates/2024-06-01-search-sprint.md"])
    #expect(paths("cafe") == ["updates/2024-06-01-search-sprint.md"])
    #expect(paths("NAIVE strasse") == ["updates/2024-06-01-search-sprint.md"])
    #expect(paths("数据库") == ["updates/2024-06-01-search-sprint.md"])
    #expect(paths("迁") == ["updates/2024-06-01-search-sprint.md"])
  }

  @Test func filtersAndDateOrder() {
    #expect(
      Set(paths("event store", filters: ["status": ["accepted"]])) == [
        "decisions/0042-use-postgres.md", "decisions/0044-accept-mongodb-cache.md",
      ])
    #expect(paths("", filters: ["tag": ["database"], "owner": ["carol"]]).count == 2)
    #expect(paths("", filters: ["kind": ["page"]]) == ["handbook/deploying.md"])
    #expect(paths("", filters: ["team": ["platform"]]) == ["updates/2024-06-01-search-sprint.md"])
    #expect(
      paths("", filters: ["kind": ["decision", "update"]], order: .date).first
        == "updates/2024-06-01-search-sprint.md")
    #expect(paths("").isEmpty)
  }

  @Test func resultsLinkTheHeadingNearestTheMatch() throws {
    let result = try #require(engine.search(SearchQuery("restore drills")).first)
    #expect(result.anchor == "consequences")
    #expect(result.url == "decisions/0042-use-postgres/index.html#consequences")
    #expect(result.excerpt.contains("restore drills every quarter"))
    #expect(result.id == "0042")
    #expect(result.status == "accepted")
    let title = try #require(engine.search(SearchQuery("Nygard")).first)
    #expect(title.anchor == "decision")
  }
}
