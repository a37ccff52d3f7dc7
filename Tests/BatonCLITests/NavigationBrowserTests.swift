import BatonTestSupport
import Foundation
import Testing

/// The handbook's navigation in headless Chromium, opened from disk: with script, the shared
/// tree (`handbook/tree.js`) is drawn and its folders open by keyboard; without script, a page
/// still leads to every handbook page through the root's page, which lists them all.
@Suite(.serialized) struct NavigationBrowserTests {
  /// A handbook of two folders, `big/` with more pages than a page's navigation lists, and
  /// `small/` with a subfolder, built with the binary; returns the repository and the site.
  static func buildSite() throws -> (GitFixture, String) {
    let git = try GitFixture()
    try git.write("baton.yml", "title: Navigation browser test\n")
    try git.write("handbook/README.md", "# Handbook\n\n## Summary\n\nStart here.\n")
    var pages = ["small/alpha.md", "small/inner/gamma.md", "small/inner/delta.md"]
    pages += (1...40).map { String(format: "big/page-%02d.md", $0) }
    for path in pages {
      let stem = String(path.split(separator: "/").last?.dropLast(3) ?? "")
      try git.write("handbook/" + path, "# Page \(stem)\n\n## Summary\n\nAbout \(stem).\n")
    }
    _ = try git.commit("Add the handbook")
    let output = git.root + "/site"
    let (status, _) = try SiteBrowserTests.run(
      SearchBrowserTests.baton, ["build", "--output", output, "--quiet"], in: git.path)
    try #require(status == 0, "baton build failed")
    return (git, output)
  }

  /// The links and toggles of the page's handbook navigation, as the page shows them now.
  static let navigation = """
    var nav = document.querySelector('.handbook-nav');
    if (!nav) return null;
    return {
      links: Array.from(nav.querySelectorAll('a'), function (a) { return a.href; }),
      current: Array.from(nav.querySelectorAll('a[aria-current="page"]'),
        function (a) { return a.textContent; }),
      toggles: Array.from(nav.querySelectorAll('button.tree-toggle'), function (b) {
        return b.getAttribute('aria-label') + '=' + b.getAttribute('aria-expanded');
      })
    };
    """

  @Test func theSharedTreeIsDrawnWithScriptFromDiskAndOpensByKeyboard() async throws {
    if let missing = SearchBrowserTests.missing {
      print("skipping the navigation browser test: \(missing) is not available")
      return
    }
    let (git, site) = try NavigationBrowserTests.buildSite()
    defer { git.cleanup() }
    let driver = try await WebDriver(
      driver: SearchBrowserTests.chromedriver ?? "", chromium: SearchBrowserTests.chromium ?? "",
      port: try SearchBrowserTests.freePort())
    do {
      let root = "file://" + site + "/"
      try await driver.open(root + "handbook/big/page-07/index.html")
      _ = try await driver.wait(for: "return document.querySelector('.tree-toggle') ? 1 : null")
      let drawn = try #require(try await driver.execute(Self.navigation) as? [String: Any])
      let links = drawn["links"] as? [String] ?? []
      // The other folder comes from the shared tree: the page itself does not carry it.
      #expect(links.contains(root + "handbook/small/index.html"))
      #expect(links.contains(root + "handbook/big/page-40/index.html"))
      #expect(!links.contains(root + "handbook/small/alpha/index.html"))
      #expect(drawn["current"] as? [String] == ["Page page-07"])
      #expect(drawn["toggles"] as? [String] == ["Pages in Big=true", "Pages in Small=false"])
      // A folder's button opens it from the keyboard, and says so.
      try await driver.execute(
        "document.querySelector('button[aria-label=\"Pages in Small\"]').focus(); return null;")
      try await driver.press(WebDriver.enter)
      let opened = try #require(try await driver.execute(Self.navigation) as? [String: Any])
      #expect(
        (opened["links"] as? [String] ?? []).contains(root + "handbook/small/alpha/index.html"))
      #expect((opened["toggles"] as? [String] ?? []).contains("Pages in Small=true"))
    } catch {
      await driver.quit()
      throw error
    }
    await driver.quit()
  }

  @Test func withoutScriptEveryPageIsLinkedThroughTheRootPage() async throws {
    if let missing = SearchBrowserTests.missing {
      print("skipping the navigation browser test: \(missing) is not available")
      return
    }
    let (git, site) = try NavigationBrowserTests.buildSite()
    defer { git.cleanup() }
    let driver = try await WebDriver(
      driver: SearchBrowserTests.chromedriver ?? "", chromium: SearchBrowserTests.chromium ?? "",
      port: try SearchBrowserTests.freePort())
    do {
      try await driver.disableScript()
      /// The page as Chromium shows it with script off, and the paths of the pages it links to.
      func open(_ page: URL) async throws -> (html: String, links: Set<String>) {
        try await driver.open(page.absoluteString)
        let html = try await driver.html()
        let links = html.matches(of: /href="([^"#]*)"/).compactMap {
          URL(string: String($0.output.1), relativeTo: page)?.absoluteURL.standardized.path
        }
        return (html, Set(links))
      }
      let start = URL(fileURLWithPath: site + "/handbook/small/inner/gamma/index.html")
      let page = try await open(start)
      #expect(page.html.contains("Page gamma"), "the page did not load")
      #expect(!page.html.contains("tree-toggle"), "script ran")
      let all = try #require(
        page.html.firstMatch(of: /<a href="([^"]*)">All pages<\/a>/)?.output.1,
        "the page does not link to the root's page")
      let rootPage = try #require(
        URL(string: String(all), relativeTo: start)?.absoluteURL.standardized)
      #expect(rootPage.path == site + "/handbook/index.html")
      let reached = page.links.union(try await open(rootPage).links)
      let pages = try #require(FileManager.default.subpaths(atPath: site + "/handbook")).filter {
        $0.hasSuffix("index.html")
      }
      #expect(pages.count == 43 + 4)
      let missed = pages.filter { !reached.contains(site + "/handbook/" + $0) }
      #expect(missed.isEmpty, "not reached without script: \(missed.sorted())")
    } catch {
      await driver.quit()
      throw error
    }
    await driver.quit()
  }
}

extension WebDriver {
  /// Turns script off in the page, as for a reader with JavaScript disabled (DevTools'
  /// `Emulation.setScriptExecutionDisabled`, which lasts across loads).
  func disableScript() async throws {
    try await request(
      "POST", "/session/\(session)/goog/cdp/execute",
      ["cmd": "Emulation.setScriptExecutionDisabled", "params": ["value": true]])
  }

  /// The page's markup as it is now, read through DevTools (which needs no script in the page).
  func html() async throws -> String {
    let document = try await request(
      "POST", "/session/\(session)/goog/cdp/execute",
      ["cmd": "DOM.getDocument", "params": ["depth": 0]])
    let root = (document as? [String: Any])?["root"] as? [String: Any]
    guard let node = root?["nodeId"] as? Int else { throw Failure(description: "no document") }
    let markup = try await request(
      "POST", "/session/\(session)/goog/cdp/execute",
      ["cmd": "DOM.getOuterHTML", "params": ["nodeId": node]])
    return (markup as? [String: Any])?["outerHTML"] as? String ?? ""
  }
}
