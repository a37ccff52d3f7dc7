import Testing

@testable import BatonKit

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
