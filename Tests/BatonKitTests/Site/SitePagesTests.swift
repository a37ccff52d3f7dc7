import BatonSite
import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct SitePagesTests {
  @Test func decisionPageHasMetadataChainBacklinksAndEditLink() throws {
    let git = try SiteFixture.make()
    let site = try SiteFixture.render(git)
    let html = SiteFixture.text(site, "decisions/0002-use-postgres/index.html")
    #expect(html.contains("<h1>Use Postgres</h1>"))
    #expect(html.contains("Content-Security-Policy"))
    #expect(html.contains("<span class=\"badge status-proposed\">proposed</span>"))
    // Supersede chain both ways: 0001 → 0002, and 0001's page names its successor.
    #expect(html.contains("aria-label=\"Supersede chain\""))
    #expect(html.contains("href=\"../../decisions/0001-use-mysql/index.html\">0001 Use MySQL</a>"))
    let old = SiteFixture.text(site, "decisions/0001-use-mysql/index.html")
    #expect(old.contains("Superseded by <a href=\"../../decisions/0002-use-postgres/index.html\""))
    // Backlinks: the update links to 0002.
    #expect(html.contains("Referenced by"))
    #expect(html.contains("../../updates/2024-02-10-sprint/index.html"))
    // Relative links rewritten with the anchor kept, images copied.
    #expect(html.contains("href=\"../../decisions/0001-use-mysql/index.html#context\""))
    #expect(html.contains("src=\"../../files/decisions/img/diagram.png\""))
    #expect(
      site.file("files/decisions/img/diagram.png")?.bytes == [0x89, 0x50, 0x4E, 0x47, 1, 2, 3])
    // Edit link from repository + editBranch; table alignment as classes (no inline styles).
    #expect(
      html.contains(
        "href=\"https://github.com/acme/handbook/edit/main/decisions/0002-use-postgres.md\""))
    #expect(html.contains("class=\"align-left\""))
    #expect(!html.contains("style="))
    // Call to action with its deadline for the script to mark overdue.
    #expect(html.contains("data-deadline=\"2024-03-01\""))
    // No history was read: no history section, nothing invented.
    #expect(!html.contains("class=\"history\""))
  }

  @Test func logHasFilterableRowsAndHomeListsOpenCalls() throws {
    let git = try SiteFixture.make()
    let site = try SiteFixture.render(git)
    let log = SiteFixture.text(site, "decisions/index.html")
    #expect(log.contains("id=\"filters\""))
    #expect(
      log.contains("data-status=\"proposed\" data-tags=\"database|infra\" data-owner=\"ada\""))
    #expect(log.contains("<option value=\"superseded\">superseded (1)</option>"))
    let home = SiteFixture.text(site, "index.html")
    #expect(home.contains("Open calls to action"))
    #expect(home.contains("href=\"decisions/0002-use-postgres/index.html#call-to-action\""))
    #expect(home.contains("data-review-by=\"2024-06-01\""))
    let actions = SiteFixture.text(site, "actions/index.html")
    #expect(actions.contains("<a href=\"../people/bob/index.html\">@bob</a>"))
  }

  @Test func handbookPagesHaveTreeBreadcrumbsAndTableOfContents() throws {
    let git = try SiteFixture.make()
    let site = try SiteFixture.render(git)
    let page = SiteFixture.text(site, "handbook/security/passwords/index.html")
    #expect(page.contains("aria-label=\"Breadcrumbs\""))
    #expect(page.contains("<a href=\"../../../handbook/index.html\">Handbook</a>"))
    #expect(page.contains("<a href=\"../../../handbook/security/index.html\">Security</a>"))
    #expect(page.contains("<a href=\"#length\">Length</a>"))
    #expect(page.contains("aria-current=\"page\">Passwords</a>"))
    // The README stands for the collection; the folder without one gets a generated page.
    #expect(SiteFixture.text(site, "handbook/index.html").contains("Start here."))
    #expect(SiteFixture.text(site, "handbook/security/index.html").contains("Passwords"))
  }

  @Test func peopleTagsUpdatesAndDocumentsJSON() throws {
    let git = try SiteFixture.make()
    let site = try SiteFixture.render(git)
    let bob = SiteFixture.text(site, "people/bob/index.html")
    #expect(bob.contains("Owes a response to"))
    #expect(bob.contains("Use Postgres"))
    #expect(bob.contains("Passwords"))
    #expect(SiteFixture.text(site, "tags/database/index.html").contains("Use MySQL"))
    #expect(SiteFixture.text(site, "updates/by-team/index.html").contains("platform"))
    #expect(SiteFixture.text(site, "updates/by-author/index.html").contains("@bob"))
    let json = try #require(site.file("documents.json"))
    let records = try #require(
      try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [[String: Any]])
    #expect(records.count == 5)
    #expect(records.first?["path"] as? String == "decisions/0001-use-mysql.md")
    #expect(
      Set(records.first?.keys.map { $0 } ?? []) == [
        "path", "kind", "collection", "id", "title", "status", "owner", "date", "tags",
        "created", "updated", "authors", "commits", "draft", "status_history",
      ])
  }

  @Test func everyInternalLinkAndAssetResolves() throws {
    let git = try SiteFixture.make()
    let site = try SiteFixture.render(git)
    let paths = Set(site.files.map(\.path))
    let pattern = try NSRegularExpression(pattern: "(?:href|src)=\"([^\"]*)\"")
    var checked = 0
    for file in site.files where file.path.hasSuffix(".html") && file.path != "404.html" {
      let html = String(decoding: file.bytes, as: UTF8.self)
      let range = NSRange(html.startIndex..., in: html)
      for match in pattern.matches(in: html, range: range) {
        guard let urlRange = Range(match.range(at: 1), in: html) else { continue }
        let url = String(html[urlRange])
        if url.hasPrefix("http") || url.hasPrefix("mailto:") || url.hasPrefix("#") { continue }
        var target = url
        if let cut = target.firstIndex(where: { $0 == "#" || $0 == "?" }) {
          target = String(target[..<cut])
        }
        var parts = file.path.split(separator: "/").dropLast().map(String.init)
        for part in (target.removingPercentEncoding ?? target).split(separator: "/") {
          if part == ".." { parts.removeLast() } else if part != "." { parts.append(String(part)) }
        }
        let resolved = parts.joined(separator: "/")
        #expect(paths.contains(resolved), "\(file.path) links to missing \(url)")
        checked += 1
      }
    }
    #expect(checked > 100)
  }

  @Test func feedsAndSitemapParseAsXML() throws {
    let git = try SiteFixture.make()
    let site = try SiteFixture.render(git, baseURL: "https://handbook.acme.example/sub")
    for path in ["feeds/decisions.xml", "feeds/updates.xml", "sitemap.xml"] {
      let file = try #require(site.file(path))
      let parser = XMLParser(data: Data(file.bytes))
      #expect(parser.parse(), "\(path) does not parse: \(String(describing: parser.parserError))")
    }
    let sitemap = SiteFixture.text(site, "sitemap.xml")
    #expect(
      sitemap.contains(
        "<loc>https://handbook.acme.example/sub/decisions/0002-use-postgres/index.html</loc>"))
    #expect(!sitemap.contains("404.html"))
    let feed = SiteFixture.text(site, "feeds/decisions.xml")
    #expect(feed.contains("<updated>2024-02-03T00:00:00Z</updated>"))
  }

  @Test func renderingIsDeterministic() throws {
    let git = try SiteFixture.make()
    let first = try SiteFixture.render(git)
    let second = try SiteFixture.render(git)
    #expect(first.files == second.files)
  }

  @Test func siteTemplatesOverrideTheDefaultTheme() throws {
    let git = try SiteFixture.make(extra: [
      "templates/partials/foot.mustache": "<footer>custom footer</footer></body></html>\n",
      "templates/assets/extra.css": "body{}\n",
    ])
    let site = try SiteFixture.render(git)
    #expect(SiteFixture.text(site, "index.html").contains("custom footer"))
    #expect(site.file("assets/extra.css") != nil)
    #expect(site.file("assets/baton.css") != nil)
  }

  @Test func embeddedThemeMatchesTemplatesFolder() throws {
    // The build-tool plugin regenerates the embedded copy; this guards against a stale build.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("templates")
    for path in DefaultTheme.paths {
      let disk = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
      #expect(DefaultTheme.file(path) == disk, "\(path) differs from templates/")
    }
    #expect(DefaultTheme.paths.contains("record.mustache"))
  }
}
