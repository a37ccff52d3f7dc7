import BatonChecks
import BatonSite
import BatonSource
import BatonTestSupport
import Foundation
import Testing

/// Every local file a document references is copied with its page; one that is missing is a
/// finding; files that could run script in the site's origin are not copied.
@Suite struct SiteAttachmentTests {
  static let inert = """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/>\
    <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">Label</div></foreignObject></svg>
    """

  @Test func referencedFilesAreCopiedAndHostileOnesAreNot() throws {
    let page = """
      ---
      owner: "@ada"
      ---
      # Diagrams

      ## Summary

      ![flow](img/flow.svg) [the spec](spec.pdf) [source](flow.drawio) [raw](img/raw.svg)
      [page](old.html) ![bad](img/bad.svg) [bad too](img/worse.svg)

      """
    let git = try SiteFixture.make(extra: [
      "handbook/diagrams.md": page, "handbook/img/flow.svg": Self.inert,
      "handbook/spec.pdf": "%PDF-1.4", "handbook/flow.drawio": "<mxfile/>",
      "handbook/img/raw.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"><path d=\"M0 0\"/></svg>",
      "handbook/old.html": "<script>alert(1)</script>",
      "handbook/img/bad.svg": "<svg onload=\"alert(1)\"/>",
      "handbook/img/worse.svg":
        "<svg><a href=\"&#106;avascript:alert(1)\"><text>x</text></a></svg>",
    ])
    defer { git.cleanup() }
    let site = try SiteFixture.render(git)
    for copied in ["img/flow.svg", "spec.pdf", "flow.drawio", "img/raw.svg"] {
      #expect(site.file("files/handbook/" + copied) != nil, "\(copied)")
    }
    for kept in ["old.html", "img/bad.svg", "img/worse.svg"] {
      #expect(site.file("files/handbook/" + kept) == nil, "\(kept)")
    }
    let html = SiteFixture.text(site, "handbook/diagrams/index.html")
    #expect(html.contains("src=\"../../files/handbook/img/flow.svg\""))
    #expect(html.contains("href=\"../../files/handbook/flow.drawio\""))
    // Nothing is held back in silence: a build names each file it did not publish.
    let built = try SiteBuilder.build(
      SourceOptions(repositoryPath: git.path, startDirectory: git.path),
      output: git.path + "/_site", options: SiteOptions(), cache: false)
    let said = built.notes.filter { $0.hasPrefix("did not publish") }
    #expect(
      said.map { $0.split(separator: "'")[1] }
        == ["handbook/img/bad.svg", "handbook/img/worse.svg", "handbook/old.html"])
  }

  @Test func aMissingFileIsAFindingAtItsLine() throws {
    let corpus = try LoadedSource.inMemory(files: [
      ("handbook/a.md", "---\nowner: '@ada'\n---\n# A\n\n## Summary\n\nSee ![d](d.svg).\n")
    ]).parse().assemble()
    let found = Checker().check(corpus, today: RuleExample.today).filter {
      $0.ruleID == "broken-link"
    }
    #expect(found.count == 1)
    #expect(found.first?.location.line == 8)
    #expect(found.first?.message.contains("'d.svg' does not exist") == true)
  }
}
