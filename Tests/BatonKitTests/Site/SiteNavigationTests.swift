import BatonSite
import BatonSource
import BatonSupport
import BatonTestSupport
import Foundation
import Testing

/// The handbook's navigation: a page carries its ancestors, its siblings and its own subtree;
/// the whole tree is one shared script, and the root's page lists every page without script.
@Suite struct SiteNavigationTests {
  /// A handbook with a big folder (`big/`, `count` pages), a small one with a subfolder, and a
  /// root README.
  static func handbook(bigFolder count: Int, titled: [String: String] = [:]) throws -> GitFixture {
    let git = try GitFixture()
    try git.write(
      "baton.yml", "title: Tree\ncollections:\n  handbook: { path: handbook, kind: page }\n")
    try git.write("handbook/README.md", "# Handbook\n\n## Summary\n\nStart here.\n")
    var pages = ["small/alpha.md", "small/beta.md", "small/inner/gamma.md", "small/inner/delta.md"]
    pages += (1...count).map { String(format: "big/page-%03d.md", $0) }
    for path in pages {
      let stem = String(path.split(separator: "/").last?.dropLast(3) ?? "")
      let title = titled[stem] ?? "Page " + stem
      try git.write("handbook/" + path, "# \(title)\n\n## Summary\n\nAbout \(stem).\n")
    }
    _ = try git.commit("Add the handbook")
    return git
  }

  /// The `<nav class="handbook-nav">` element of a page.
  static func nav(_ site: RenderedSite, _ path: String) -> String {
    let page = SiteFixture.text(site, path)
    guard let start = page.range(of: "<nav class=\"handbook-nav\""),
      let end = page.range(of: "</nav>", range: start.upperBound..<page.endIndex)
    else { return "" }
    return String(page[start.lowerBound..<end.upperBound])
  }

  /// The links of a piece of HTML.
  static func links(_ html: String) -> [String] {
    html.matches(of: /href="([^"]*)"/).map { String($0.output.1) }
  }

  @Test func aPageCarriesItsAncestorsSiblingsAndSubtreeOnly() throws {
    let git = try SiteNavigationTests.handbook(bigFolder: 40)
    let site = try SiteFixture.render(git)
    let nav = SiteNavigationTests.nav(site, "handbook/small/inner/gamma/index.html")
    // Its ancestors and siblings, linked from the page; nothing of the other folder.
    #expect(nav.contains("<a href=\"../../index.html\">Small</a>"))
    #expect(nav.contains("<a href=\"../index.html\">Inner</a>"))
    #expect(nav.contains("<a href=\"../delta/index.html\">Page delta</a>"))
    #expect(nav.contains("<a href=\"index.html\" aria-current=\"page\">Page gamma</a>"))
    #expect(!nav.contains("alpha"))
    #expect(!nav.contains("big/"))
    // The root's page, which lists every page, and the shared tree.
    #expect(nav.contains("<a href=\"../../../../handbook/index.html\">All pages</a>"))
    #expect(nav.contains("<script src=\"../../../../handbook/tree.js\" defer></script>"))
    // A folder's page carries what it holds, all of it.
    let small = SiteNavigationTests.nav(site, "handbook/small/index.html")
    for name in ["alpha", "beta", "inner", "inner/gamma", "inner/delta"] {
      #expect(small.contains("href=\"\(name)/index.html\""), "\(name) missing from small/")
    }
    #expect(!small.contains("big/page-"))
  }

  @Test func aBigFolderShowsSiblingsAroundThePageAndLinksToTheFolderForTheRest() throws {
    let git = try SiteNavigationTests.handbook(bigFolder: 60)
    let site = try SiteFixture.render(git)
    let nav = SiteNavigationTests.nav(site, "handbook/big/page-030/index.html")
    let siblings = SiteNavigationTests.links(nav).filter { $0.hasPrefix("../page-") }
    #expect(siblings.count == 23)
    #expect(nav.contains("../page-020/index.html") && nav.contains("../page-040/index.html"))
    #expect(!nav.contains("../page-001/") && !nav.contains("../page-060/"))
    #expect(nav.contains("<a href=\"../index.html\">36 more…</a>"))
    // The folder's page lists every one of them.
    let folder = SiteNavigationTests.nav(site, "handbook/big/index.html")
    for number in 1...60 {
      #expect(folder.contains(String(format: "href=\"page-%03d/index.html\"", number)))
    }
  }

  @Test func theRootPageLinksToEveryPageAndTheSharedTreeHoldsThemAll() throws {
    let git = try SiteNavigationTests.handbook(bigFolder: 30)
    let site = try SiteFixture.render(git)
    let pages = site.files.map(\.path).filter {
      $0.hasPrefix("handbook/") && $0.hasSuffix("/index.html") && $0 != "handbook/index.html"
    }
    #expect(pages.count == 30 + 4 + 3)
    let root = Set(
      SiteNavigationTests.links(SiteNavigationTests.nav(site, "handbook/index.html")))
    let script = SiteFixture.text(site, "handbook/tree.js")
    #expect(script.hasPrefix("// A navigation tree"))
    #expect(script.contains("window.batonTree && window.batonTree(["))
    for page in pages {
      #expect(root.contains(String(page.dropFirst("handbook/".count))), "\(page) not on the root")
      let title = SiteFixture.text(site, page).firstMatch(of: /<h1>([^<]*)<\/h1>/)?.output.1
      #expect(script.contains("[\"\(title ?? "?")\","), "\(page) not in tree.js")
    }
    #expect(script.contains("[\"Handbook\",\"/handbook/\",-1,1]"))
    #expect(script.contains("[\"Page gamma\",\"gamma/\","))
  }

  @Test func aPagesNavigationDoesNotGrowWithTheHandbook() throws {
    let small = try SiteFixture.render(try SiteNavigationTests.handbook(bigFolder: 30))
    let large = try SiteFixture.render(try SiteNavigationTests.handbook(bigFolder: 300))
    for page in ["handbook/big/page-010/index.html", "handbook/small/alpha/index.html"] {
      let before = SiteNavigationTests.nav(small, page).utf8.count
      let after = SiteNavigationTests.nav(large, page).utf8.count
      #expect(before > 0 && after <= before + 16, "\(page): \(before) then \(after) bytes")
    }
  }

  @Test func aTitleChangesOnlyThePagesThatShowIt() throws {
    let git = try SiteNavigationTests.handbook(bigFolder: 30)
    let first = try SiteFixture.render(git)
    try git.write("handbook/small/beta.md", "# Renamed beta\n\n## Summary\n\nAbout beta.\n")
    _ = try git.commit("Rename beta")
    let second = try SiteBuilder.render(
      SourceOptions(repositoryPath: git.path, startDirectory: git.path), options: SiteOptions(),
      cache: RenderCache(site: first)
    ).site
    func key(_ site: RenderedSite, _ path: String) -> Digest? { site.file(path)?.key }
    // Its sibling, its folder and the root show it; a page of another folder does not.
    for page in ["small/alpha", "small", ""] {
      let path = "handbook/" + (page.isEmpty ? "" : page + "/") + "index.html"
      #expect(key(first, path) != key(second, path), "\(path) kept its old navigation")
    }
    for page in ["big/page-007", "small/inner/gamma", "big"] {
      let path = "handbook/\(page)/index.html"
      #expect(key(first, path) == key(second, path), "\(path) was rendered again")
    }
    #expect(SiteFixture.text(second, "handbook/tree.js").contains("\"Renamed beta\""))
  }
}
