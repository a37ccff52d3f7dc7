import BatonTestSupport
import Foundation
import Testing

@testable import BatonDocuments
@testable import BatonSite
@testable import BatonSource
@testable import BatonSupport

/// `baton serve` parses again only the files that changed since its last build (`ParseMemo`).
@Suite struct ParseMemoTests {
  static func parse(_ git: GitFixture, memo: ParseMemo = ParseMemo(), keepingBodies: Bool = true)
    throws -> ParsedSource
  {
    var timer = StageTimer()
    return try Loader.loadAndParse(
      SourceOptions(repositoryPath: git.path, startDirectory: git.path),
      keepingBodies: keepingBodies, memo: memo, timer: &timer
    ) { _, _ in () }.parsed
  }

  static func documents(_ parsed: ParsedSource) -> [String: Document] {
    Dictionary(uniqueKeysWithValues: parsed.documents.map { ($0.path, $0) })
  }

  @Test func onlyChangedFilesAreParsedAgain() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    let first = try ParseMemoTests.parse(git)
    let before = ParseMemoTests.documents(first)
    try git.write(
      "decisions/0001-use-mysql.md",
      "---\nstatus: superseded\nowner: \"@ada\"\n---\n# Use MySQL 8\n\n## Context\n\nChanged.\n")

    let second = try ParseMemoTests.parse(git, memo: ParseMemo(first))

    let after = ParseMemoTests.documents(second)
    #expect(after.keys.sorted() == before.keys.sorted())
    var reused = 0
    for (path, document) in after {
      let old = try #require(before[path]?.body)
      let new = try #require(document.body)
      if path == "decisions/0001-use-mysql.md" {
        #expect(new !== old)
        #expect(document.title?.value == "Use MySQL 8")
        #expect(document.sections.map(\.title) == ["Context"])
      } else {
        #expect(new === old, "\(path) was parsed again")
        reused += 1
      }
    }
    #expect(reused == after.count - 1)
  }

  @Test func aChangedSchemaOrBodyKeepingParsesAgain() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    let first = try ParseMemoTests.parse(git)
    let memo = ParseMemo(first)
    let path = "decisions/0002-use-postgres.md"
    let old = try #require(ParseMemoTests.documents(first)[path]?.body)

    // Bodies not kept: nothing is reused from a parse that kept them.
    let bare = try ParseMemoTests.parse(git, memo: memo, keepingBodies: false)
    #expect(ParseMemoTests.documents(bare)[path]?.body == nil)

    // The decision kind's schema changes (one more status): every decision is parsed again, and
    // the other collections' documents are reused.
    let config = try String(contentsOfFile: git.path + "/baton.yml", encoding: .utf8)
    try git.write(
      "baton.yml",
      config + "kinds:\n  decision:\n    statuses: [proposed, accepted, superseded, parked]\n")
    let reparsed = try ParseMemoTests.parse(git, memo: memo)
    #expect(ParseMemoTests.documents(reparsed)[path]?.body !== old)
    let page = try #require(ParseMemoTests.documents(first)["handbook/README.md"]?.body)
    #expect(ParseMemoTests.documents(reparsed)["handbook/README.md"]?.body === page)
  }

  @Test func aSiteRenderedWithTheMemoIsTheSiteRenderedWithout() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    let source = SourceOptions(repositoryPath: git.path, startDirectory: git.path)
    let first = try SiteBuilder.render(source, options: SiteOptions())
    try git.write(
      "decisions/0002-use-postgres.md",
      "---\nstatus: accepted\nowner: \"@bob\"\ntags: [database, ops]\n---\n"
        + "# Use Postgres\n\n## Context\n\nSee [MySQL](0001-use-mysql.md).\n")

    let memoized = try SiteBuilder.render(source, options: SiteOptions(), memo: first.memo).site
    let fresh = try SiteBuilder.render(source, options: SiteOptions()).site

    #expect(memoized.files.map(\.path) == fresh.files.map(\.path))
    for (a, b) in zip(memoized.files, fresh.files) where a.bytes != b.bytes {
      Issue.record("\(a.path) differs when rendered with the memo")
    }
  }
}
