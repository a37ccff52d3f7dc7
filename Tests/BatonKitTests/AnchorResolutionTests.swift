import BatonChecks
import BatonSource
import BatonSupport
import Testing

/// Anchors resolve as on GitHub, and one that does not gets the nearest headings.
@Suite struct AnchorResolutionTests {
  static let target = """
    ---
    owner: '@ada'
    ---
    # B

    ## Summary

    x

    ## Motivation

    ## Why? (the short version)

    ## Why? (the short version)

    ## Über uns

    """

  static func findings(_ links: String) throws -> [Diagnostic] {
    let source = "---\nowner: '@ada'\n---\n# A\n\n## Summary\n\n\(links)\n"
    let corpus = try LoadedSource.inMemory(files: [
      ("handbook/a.md", source), ("handbook/b.md", target),
    ]).parse().assemble()
    return Checker(rules: [try #require(Checker.rule("broken-anchor"))])
      .check(corpus, today: RuleExample.today, paths: ["handbook/a.md"])
  }

  @Test func anchorsMatchAsGitHubMatchesThem() throws {
    let found = try Self.findings(
      "[a](b.md#Motivation) [b](b.md#MOTIVATION) [c](b.md#why-the-short-version) "
        + "[d](b.md#why-the-short-version-1) [e](b.md#user-content-motivation) "
        + "[f](b.md#%C3%BCber-uns) [g](#Summary)")
    #expect(found.isEmpty, "\(found.map(\.message))")
  }

  @Test func aBrokenAnchorSuggestsTheNearestHeadingFirst() throws {
    let found = try Self.findings("[a](b.md#motivaton) [b](b.md#why-the-short-version-2)")
    #expect(found.count == 2)
    #expect(found[0].message.contains("did you mean '#motivation'?"), "\(found[0].message)")
    #expect(found[1].message.contains("did you mean '#why-the-short-version-1'?"))
    #expect(found[1].notes.first?.contains("'#why-the-short-version'") == true)
  }
}

extension AnchorResolutionTests {
  @Test func theSiteLinksTheHeadingIdsAnAnchorResolvesTo() throws {
    let git = try SiteFixture.make(extra: [
      "handbook/anchors.md":
        "---\nowner: '@ada'\n---\n# Anchors\n\n## Summary\n\n"
        + "[old](../decisions/0001-use-mysql.md#Context), [here](#Summary), "
        + "[github](../decisions/0001-use-mysql.md#user-content-context).\n"
    ])
    defer { git.cleanup() }
    let site = try SiteFixture.render(git)
    let html = SiteFixture.text(site, "handbook/anchors/index.html")
    #expect(html.contains("href=\"../../decisions/0001-use-mysql/index.html#context\">old</a>"))
    #expect(html.contains("href=\"#summary\">here</a>"))
    #expect(html.contains("index.html#context\">github</a>"))
  }
}
