import BatonTestSupport
import Foundation
import Testing

@testable import BatonSite
@testable import BatonSource

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
    compare(updated.site, fresh, what)
    return updated
  }

  /// Records every file that one site has and the other has not, or has with other bytes.
  static func compare(_ site: RenderedSite, _ expected: RenderedSite, _ what: String) {
    let files = Dictionary(site.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
    let wanted = Dictionary(
      expected.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
    #expect(files.count == site.files.count, "\(what): a path twice")
    let missing = Set(wanted.keys).subtracting(files.keys).sorted()
    let extra = Set(files.keys).subtracting(wanted.keys).sorted()
    #expect(missing.isEmpty, "\(what): missing \(missing.prefix(5))")
    #expect(extra.isEmpty, "\(what): left over \(extra.prefix(5))")
    for (path, bytes) in wanted where files[path] != nil && files[path] != bytes {
      Issue.record("\(what): \(path) differs from a full render")
    }
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
    let listed = try #require(second.site.files.first { $0.path == "documents.json" }?.bytes)
    #expect(String(decoding: listed, as: UTF8.self).contains("\"draft\" : true"))

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
  @Test(arguments: SiteFixture.faceEdits)
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

  /// `baton serve` and `baton build` update from one state the same way: after the same
  /// edits, the site in memory is, file for file, the one written to disk.
  @Test func serveAndBuildGiveOneSite() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    let source = SiteUpdateTests.source(git)
    var memo = try SiteBuilder.render(source, options: SiteOptions()).memo
    _ = try SiteBuilder.build(source, output: git.path + "/_site", options: SiteOptions())
    let original = try String(
      contentsOfFile: git.path + "/" + SiteUpdateTests.postgres, encoding: .utf8)
    for (round, text) in ["Quokkas.", "Wombats and quokkas.", "| a | b |\n|---|---|\n| 1 | 2 |"]
      .enumerated()
    {
      try git.write(SiteUpdateTests.postgres, original + "\n" + text + "\n")
      let served = try SiteBuilder.render(source, options: SiteOptions(), memo: memo)
      let built = try SiteBuilder.build(source, output: git.path + "/_site", options: SiteOptions())
      #expect(served.updatedPages == 1 && built.updatedPages == 1, "round \(round)")
      let written = try SiteFixture.files(in: git.path + "/_site")
      let onDisk = RenderedSite(
        files: written.filter { $0.key != SiteWriter.markerName }.map {
          SiteFile(path: $0.key, bytes: Array($0.value))
        })
      SiteUpdateTests.compare(served.site, onDisk, "round \(round)")
      memo = served.memo
    }
  }
}
