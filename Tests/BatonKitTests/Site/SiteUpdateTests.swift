import BatonTestSupport
import Foundation
import Testing

@testable import BatonKit

/// `baton serve` updates its last render when an edit changes only a document's own page
/// (`SiteBuilder.update`), and renders everything otherwise; either way the site is, byte for
/// byte and file for file, the one a render from nothing gives.
@Suite struct SiteUpdateTests {
  static func source(_ git: GitFixture) -> SourceOptions {
    SourceOptions(repositoryPath: git.path, startDirectory: git.path, includeHistory: true)
  }

  /// Renders with the memo and from nothing, and records every file that differs.
  static func renderAndCompare(
    _ git: GitFixture, memo: SiteBuilder.Memo, _ what: String
  ) throws -> SiteBuilder.Rendered {
    let source = source(git)
    let updated = try SiteBuilder.render(source, options: SiteOptions(), memo: memo)
    let fresh = try SiteBuilder.render(source, options: SiteOptions()).site
    #expect(updated.site.files.map(\.path) == fresh.files.map(\.path), "\(what): files")
    for (a, b) in zip(updated.site.files, fresh.files) where a.bytes != b.bytes {
      Issue.record("\(what): \(a.path) differs from a full render")
    }
    return updated
  }

  static let postgres = "decisions/0002-use-postgres.md"

  @Test func aBodyEditRendersOnlyItsPageAndGivesTheFullRendersSite() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    let first = try SiteBuilder.render(SiteUpdateTests.source(git), options: SiteOptions())
    #expect(first.updatedPages == nil)
    let original = try String(
      contentsOfFile: git.path + "/" + SiteUpdateTests.postgres, encoding: .utf8)
    let page = "decisions/0002-use-postgres/index.html"
    let before = try #require(first.site.files.first { $0.path == page }?.bytes)

    // The first edit of a committed file also makes it a draft: its record in documents.json
    // changes, and only that record.
    try git.write(SiteUpdateTests.postgres, original + "\nA new paragraph about quokkas.\n")
    let second = try SiteUpdateTests.renderAndCompare(git, memo: first.memo, "first edit")
    #expect(second.updatedPages == 1)
    let after = try #require(second.site.files.first { $0.path == page }?.bytes)
    #expect(after != before)
    #expect(String(decoding: after, as: UTF8.self).contains("quokkas"))
    #expect(second.corpus.history[SiteUpdateTests.postgres]?.isDraft == true)

    // A second edit, from the updated render: the search index finds the new word.
    try git.write(SiteUpdateTests.postgres, original + "\nQuokkas and wombats.\n")
    let third = try SiteUpdateTests.renderAndCompare(git, memo: second.memo, "second edit")
    #expect(third.updatedPages == 1)

    // Nothing changed: nothing is rendered, and the site is the same.
    let fourth = try SiteUpdateTests.renderAndCompare(git, memo: third.memo, "no change")
    #expect(fourth.updatedPages == 0)
  }

  /// Each edit changes what another page, a feed or the layout shows of the document: each is
  /// a full render.
  @Test(arguments: SiteFixture.outwardEdits)
  func editsOthersShowRenderEverything(what: String, old: String, new: String) throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    let first = try SiteBuilder.render(SiteUpdateTests.source(git), options: SiteOptions())
    let original = try String(
      contentsOfFile: git.path + "/" + SiteUpdateTests.postgres, encoding: .utf8)
    #expect(original.contains(old), "\(what): the fixture changed")
    try git.write(SiteUpdateTests.postgres, original.replacingOccurrences(of: old, with: new))
    let second = try SiteUpdateTests.renderAndCompare(git, memo: first.memo, what)
    #expect(second.updatedPages == nil, "\(what) was an update")
  }

  /// Inputs other than the documents: each is a full render.
  @Test func otherInputsRenderEverything() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    let first = try SiteBuilder.render(SiteUpdateTests.source(git), options: SiteOptions())
    let people = try String(contentsOfFile: git.path + "/people.yml", encoding: .utf8)
    try git.write("people.yml", people.replacingOccurrences(of: "Bob Builder", with: "Bob B."))
    let second = try SiteUpdateTests.renderAndCompare(git, memo: first.memo, "people")
    #expect(second.updatedPages == nil)

    try git.write("handbook/new-page.md", "# A new page\n\n## Summary\n\nNew.\n")
    let third = try SiteUpdateTests.renderAndCompare(git, memo: second.memo, "a new file")
    #expect(third.updatedPages == nil)

    _ = try git.commit("More")
    let fourth = try SiteUpdateTests.renderAndCompare(git, memo: third.memo, "a commit")
    #expect(fourth.updatedPages == nil)
  }

  @Test func documentsJSONIsPatchedRecordByRecord() {
    let records = [
      (
        "[\n  {\n    \"path\" : \"a\"\n  }\n]\n",
        "[\n  {\n    \"path\" : \"a\",\n    \"x\" : 1\n  }\n]\n"
      )
    ]
    let listed = Array(
      "[\n  {\n    \"path\" : \"a\"\n  },\n  {\n    \"path\" : \"b\"\n  }\n]\n\n".utf8)
    let patched = SiteBuilder.patch(listed, records: records).map {
      String(decoding: $0, as: UTF8.self)
    }
    #expect(
      patched
        == "[\n  {\n    \"path\" : \"a\",\n    \"x\" : 1\n  },\n  {\n    \"path\" : \"b\"\n  }\n]\n\n"
    )
    // A record that is not there, or there twice, is not guessed at.
    #expect(SiteBuilder.patch(Array("[\n]\n".utf8), records: records) == nil)
    #expect(SiteBuilder.patch(listed + listed, records: records) == nil)
  }
}
