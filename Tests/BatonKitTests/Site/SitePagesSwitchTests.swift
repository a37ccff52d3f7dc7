import BatonConfig
import BatonSource
import BatonTestSupport
import Foundation
import Testing

@testable import BatonSite

/// `site:` in `baton.yml` leaves out the pages that follow how decisions flow: the metrics page
/// and `metrics.json`, the weekly digests and their feed, the sign-off panel.
@Suite struct SitePagesSwitchTests {
  static func render(_ git: GitFixture) throws -> RenderedSite {
    try SiteFixture.render(git, history: true)
  }

  static let loopPages = [
    "metrics.json", "metrics/index.html", "digests/index.html", "feeds/digests.xml",
  ]

  /// Whether any HTML page of the site contains `text`.
  static func anyPage(_ site: RenderedSite, contains text: String) -> Bool {
    site.files.contains {
      $0.path.hasSuffix(".html") && SiteFixture.text(site, $0.path).contains(text)
    }
  }

  @Test func eachPageIsLeftOutByItsSwitchAndTheOthersStay() throws {
    let git = try LoopFixture.make()
    defer { git.cleanup() }
    let whole = try Self.render(git)
    for path in Self.loopPages { #expect(whole.file(path) != nil, "\(path)") }
    #expect(whole.files.contains { $0.path.hasPrefix("digests/20") })
    #expect(Self.anyPage(whole, contains: "<section class=\"signoff\""))
    #expect(Self.anyPage(whole, contains: "metrics/index.html"))

    try git.write("baton.yml", LoopFixture.config + "site: { metrics: false }\n")
    let noMetrics = try Self.render(git)
    #expect(noMetrics.file("metrics.json") == nil)
    #expect(noMetrics.file("metrics/index.html") == nil)
    #expect(!Self.anyPage(noMetrics, contains: "metrics/index.html"))
    #expect(noMetrics.file("feeds/digests.xml") != nil)
    #expect(Self.anyPage(noMetrics, contains: "<section class=\"signoff\""))

    try git.write(
      "baton.yml", LoopFixture.config + "site:\n  digests: no\n  signoff: false\n")
    let neither = try Self.render(git)
    #expect(neither.file("metrics.json") != nil)
    #expect(
      !neither.files.contains { $0.path.hasPrefix("digests/") || $0.path == "feeds/digests.xml" })
    #expect(!Self.anyPage(neither, contains: "digests/index.html"))
    #expect(!Self.anyPage(neither, contains: "<section class=\"signoff\""))
    // Everything else is the same site.
    let others = Set(whole.files.map(\.path)).subtracting(
      whole.files.map(\.path).filter { $0.hasPrefix("digests/") || $0 == "feeds/digests.xml" })
    #expect(Set(neither.files.map(\.path)) == others)
  }

  @Test func aSwitchMustBeTrueOrFalseAndAnUnknownOneIsAWarning() throws {
    let (_, warnings) = try Configuration.parse(
      "site: { metrics: false, charts: false }\n", path: "baton.yml")
    #expect(warnings.map(\.ruleID) == ["config-unknown-key"])
    #expect(warnings.first?.message.contains("'site.charts'") == true)
    #expect(warnings.first?.location.column == 25)
    #expect(throws: ConfigurationError.self) {
      try Configuration.parse("site: { metrics: sometimes }\n", path: "baton.yml")
    }
    #expect(throws: ConfigurationError.self) {
      try Configuration.parse("site: false\n", path: "baton.yml")
    }
    let (parsed, _) = try Configuration.parse("site: { signoff: off }\n", path: "baton.yml")
    #expect(parsed.sitePages == SitePages(metrics: true, digests: true, signoff: false))
  }
}
