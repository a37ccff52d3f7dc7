import BatonSite
import BatonSource
import BatonTestSupport
import Foundation
import Testing

/// The render cache and in-place writes: an incremental build must give exactly the bytes a
/// build from nothing gives, while rendering and writing only what changed.
@Suite struct SiteCacheTests {
  private static func options(_ git: GitFixture, history: Bool = false) -> SourceOptions {
    SourceOptions(repositoryPath: git.path, startDirectory: git.path, includeHistory: history)
  }

  /// Builds into `_site` with the cache, and from nothing into a fresh folder; both must match.
  private static func buildAndCompare(
    _ git: GitFixture, history: Bool = false
  ) throws -> SiteBuilder.Result {
    let result = try SiteBuilder.build(
      options(git, history: history), output: git.path + "/_site", options: SiteOptions())
    let fresh = git.root + "/fresh-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: fresh) }
    _ = try SiteBuilder.build(
      options(git, history: history), output: fresh, options: SiteOptions(), cache: false)
    let incremental = try SiteFixture.files(in: git.path + "/_site")
    let expected = try SiteFixture.files(in: fresh)
    #expect(incremental.keys.sorted() == expected.keys.sorted())
    for (path, bytes) in expected where incremental[path] != bytes {
      Issue.record("stale page after an incremental build: \(path)")
    }
    return result
  }

  private static func pages(_ result: SiteBuilder.Result) -> Int {
    result.site.files.filter { $0.key != nil }.count
  }

  @Test func aSecondBuildRendersAndWritesNothing() throws {
    let git = try SiteFixture.make()
    let first = try SiteCacheTests.buildAndCompare(git)
    #expect(first.cachedPages == 0)
    let before = try FileManager.default.attributesOfItem(atPath: git.path + "/_site/index.html")
    let second = try SiteCacheTests.buildAndCompare(git)
    #expect(second.cachedPages == SiteCacheTests.pages(second))
    #expect(second.cachedPages > 15)
    #expect(second.summary.written == 0)
    let after = try FileManager.default.attributesOfItem(atPath: git.path + "/_site/index.html")
    #expect(before[.systemFileNumber] as? Int == after[.systemFileNumber] as? Int)
    #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)
    // The record lives outside the output folder.
    #expect(FileManager.default.fileExists(atPath: git.path + "/.baton/cache/site-v1"))
    #expect(
      !(try SiteFixture.files(in: git.path + "/_site").keys.contains {
        $0.contains("manifest") && !$0.hasPrefix("search/")
      })
    )
  }

  @Test func editingATitleUpdatesEveryPageThatShowsIt() throws {
    let git = try SiteFixture.make()
    _ = try SiteCacheTests.buildAndCompare(git)
    let decision = try String(
      contentsOfFile: git.path + "/decisions/0001-use-mysql.md", encoding: .utf8)
    try git.write(
      "decisions/0001-use-mysql.md",
      decision.replacingOccurrences(of: "# Use MySQL", with: "# Use MariaDB"))
    let page = try String(
      contentsOfFile: git.path + "/handbook/security/passwords.md", encoding: .utf8)
    try git.write(
      "handbook/security/passwords.md",
      page.replacingOccurrences(of: "# Passwords", with: "# Secrets"))
    let result = try SiteCacheTests.buildAndCompare(git)
    #expect(result.summary.written > 3)
    #expect(result.cachedPages > 0)
    let site = git.path + "/_site/"
    func read(_ path: String) -> String {
      (try? String(contentsOfFile: site + path, encoding: .utf8)) ?? ""
    }
    // The log, the tag, the person, the page that supersedes it (chain and backlinks).
    for path in [
      "decisions/index.html", "tags/database/index.html", "people/ada/index.html",
      "decisions/0002-use-postgres/index.html",
    ] {
      #expect(read(path).contains("Use MariaDB"), "\(path) still shows the old title")
      #expect(!read(path).contains("Use MySQL"), "\(path) still shows the old title")
    }
    // The folder page that lists it, and the tree on the page itself.
    #expect(read("handbook/security/index.html").contains("Secrets"))
    #expect(!read("handbook/security/index.html").contains("Passwords"))
  }

  /// The pages a build rendered (not kept from the last one), by path.
  private static func rendered(_ result: SiteBuilder.Result) -> Set<String> {
    Set(result.site.files.filter { $0.key != nil && !$0.isKept }.map(\.path))
  }

  @Test func aTitleEditRendersExactlyThePagesThatShowIt() throws {
    let git = try SiteFixture.make()
    _ = try SiteCacheTests.buildAndCompare(git)
    let path = "decisions/0001-use-mysql.md"
    let decision = try String(contentsOfFile: git.path + "/" + path, encoding: .utf8)
    try git.write(path, decision.replacingOccurrences(of: "# Use MySQL", with: "# Use MariaDB"))
    let result = try SiteCacheTests.buildAndCompare(git)
    #expect(result.updatedPages == nil, "a title edit must not be an update of its page alone")
    let rendered = SiteCacheTests.rendered(result)
    // Its page, the log, the home page, its tag, its owner, the decision that supersedes it
    // (chain and backlinks), and the open calls' page (the call lists rows).
    for shown in [
      "decisions/0001-use-mysql/index.html", "decisions/index.html", "index.html",
      "tags/database/index.html", "people/ada/index.html",
      "decisions/0002-use-postgres/index.html",
    ] {
      #expect(rendered.contains(shown), "\(shown) shows the title but was kept")
    }
    // Pages that do not show it: the handbook, the updates, the tags and people lists.
    for other in [
      "handbook/index.html", "handbook/security/index.html", "updates/index.html",
      "tags/index.html", "people/index.html", "404.html", "search/index.html",
    ] {
      #expect(!rendered.contains(other), "\(other) does not show the title but was rendered")
    }
  }

  @Test func aBodyEditWithANewCommitRendersOnlyItsOwnPage() throws {
    let git = try SiteFixture.make()
    _ = try SiteCacheTests.buildAndCompare(git)
    // A new commit: the state is declined and the site rendered whole, from the records.
    let path = "decisions/0002-use-postgres.md"
    let decision = try String(contentsOfFile: git.path + "/" + path, encoding: .utf8)
    try git.write(path, decision + "\nA paragraph about quokkas.\n")
    _ = try git.commit("Quokkas")
    let result = try SiteCacheTests.buildAndCompare(git)
    #expect(result.stateDeclined == "the commit changed")
    // The metrics page reads every history and response: every whole build renders it.
    #expect(
      SiteCacheTests.rendered(result).subtracting(["metrics/index.html"])
        == ["decisions/0002-use-postgres/index.html"])
    let page = try String(
      contentsOfFile: git.path + "/_site/decisions/0002-use-postgres/index.html", encoding: .utf8)
    #expect(page.contains("quokkas"))
  }

  @Test func committingADraftUpdatesItsHistoryThoughItsBytesDidNotChange() throws {
    let git = try SiteFixture.make()
    let path = "decisions/0001-use-mysql.md"
    let decision = try String(contentsOfFile: git.path + "/" + path, encoding: .utf8)
    try git.write(path, decision + "\nA draft line.\n")
    _ = try SiteCacheTests.buildAndCompare(git, history: true)
    let page = git.path + "/_site/decisions/0001-use-mysql/index.html"
    #expect(try String(contentsOfFile: page, encoding: .utf8).contains("not committed yet"))
    // Same bytes, new history: the page's key must change with the history alone.
    _ = try git.commit("Record the draft line")
    let result = try SiteCacheTests.buildAndCompare(git, history: true)
    let text = try String(contentsOfFile: page, encoding: .utf8)
    #expect(!text.contains("not committed yet"))
    #expect(text.contains("Record the draft line"))
    #expect(result.cachedPages > 0)
  }

  @Test func changingATemplateRendersEverythingAgain() throws {
    let git = try SiteFixture.make()
    _ = try SiteCacheTests.buildAndCompare(git)
    try git.write(
      "templates/partials/foot.mustache",
      "<footer>Custom footer</footer>\n</body>\n</html>\n")
    let result = try SiteCacheTests.buildAndCompare(git)
    #expect(result.cachedPages == 0)
    let home = try String(contentsOfFile: git.path + "/_site/index.html", encoding: .utf8)
    #expect(home.contains("Custom footer"))
  }

  @Test func addingAndRemovingDocumentsAndHandEditsAreRepaired() throws {
    let git = try SiteFixture.make()
    _ = try SiteCacheTests.buildAndCompare(git)
    try git.write(
      "decisions/0003-use-redis.md",
      "---\nstatus: proposed\nowner: \"@bob\"\ntags: [cache]\n---\n# Use Redis\n\n## Context\n\n"
        + "After [Postgres](0002-use-postgres.md).\n\n## Proposal\n\nRedis.\n")
    _ = try SiteCacheTests.buildAndCompare(git)
    try git.remove("updates/2024-02-10-sprint.md")
    // A file of the output changed by hand is written again, not trusted.
    try Data("tampered".utf8).write(to: URL(fileURLWithPath: git.path + "/_site/tags/index.html"))
    let result = try SiteCacheTests.buildAndCompare(git)
    #expect(result.summary.removed > 0)
    #expect(!FileManager.default.fileExists(atPath: git.path + "/_site/updates/2024-02-10-sprint"))
  }

  @Test func aBuildKilledWhileWritingInPlaceIsFollowedByAFullOne() throws {
    let git = try SiteFixture.make()
    _ = try SiteCacheTests.buildAndCompare(git)
    // What a build killed between its renames leaves: no record, some files new, some old.
    let cache = git.path + "/.baton/cache/site-v1"
    for name in try FileManager.default.contentsOfDirectory(atPath: cache) {
      try FileManager.default.removeItem(atPath: cache + "/" + name)
    }
    try Data("half-written".utf8).write(
      to: URL(fileURLWithPath: git.path + "/_site/decisions/index.html"))
    let result = try SiteCacheTests.buildAndCompare(git)
    #expect(result.cachedPages == 0)
  }

  @Test func inMemoryCacheGivesBackTheSameBytes() throws {
    let git = try SiteFixture.make()
    let first = try SiteFixture.render(git)
    let second = try SiteBuilder.render(
      SiteCacheTests.options(git), options: SiteOptions(), cache: RenderCache(site: first)
    ).site
    #expect(first.files == second.files)
  }
}
