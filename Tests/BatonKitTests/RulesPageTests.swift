import Foundation
import Testing

@testable import BatonChecks
@testable import BatonSite
@testable import BatonSource

/// The handbook's rule reference is generated from the rules; it must not drift from them.
@Suite struct RulesPageTests {
  @Test func referencePageIsCurrent() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let page = root.appendingPathComponent("site/handbook/reference/rules.md")
    let current = try String(contentsOf: page, encoding: .utf8)
    #expect(
      current == RuleDocumentation.markdownPage(Checker.descriptions),
      "site/handbook/reference/rules.md is stale: run 'make rules-page'")
  }

  @Test func everyRuleHasASection() {
    let page = RuleDocumentation.markdownPage(Checker.descriptions)
    for rule in Checker.descriptions {
      #expect(page.contains("\n## \(rule.id)\n"), "\(rule.id)")
    }
  }

  /// SARIF's `helpUri`s name the page where Baton's own site publishes this reference.
  @Test func helpLinksPointAtThePublishedPage() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let site = root.appendingPathComponent("site")
    let corpus = try Workflow.corpus(
      SourceOptions(startDirectory: site.path), keepingBodies: false)
    #expect(corpus.configuration.baseURL == RuleDocumentation.manualBaseURL)
    let layout = SiteLayout(corpus: corpus)
    let page = try #require(
      corpus.documents.first { $0.path.hasSuffix("site/handbook/reference/rules.md") })
    #expect(layout.pages[page.path] == RuleDocumentation.rulesPagePath + "index.html")
    for rule in Checker.descriptions {
      #expect(page.anchors.contains(rule.id), "\(rule.id)")
      #expect(
        RuleDocumentation.helpURL(rule.id)
          == "https://baton.example/handbook/reference/rules/#\(rule.id)")
    }
  }

  @Test func quotedNamesBecomeCodeSpans() {
    #expect(
      RuleDocumentation.codeSpans("add '@handle' to the kind's 'statuses'")
        == "add `@handle` to the kind's `statuses`")
  }
}
