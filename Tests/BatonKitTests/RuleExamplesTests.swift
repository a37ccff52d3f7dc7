import BatonChecks
import BatonSupport
import Testing

/// Every rule runs against its own documented examples: the triggering ones must produce a
/// finding of that rule on the example's first file, the others none.
@Suite struct RuleExamplesTests {
  static let rules = Checker.allRules.map(\.description)

  @Test(arguments: rules)
  func triggeringExamplesTrigger(_ rule: RuleDescription) throws {
    for example in rule.triggering {
      let found = try findings(rule, example)
      #expect(!found.isEmpty, "\(rule.id) should trigger on \(example.files[0].path)")
    }
  }

  @Test(arguments: rules)
  func nonTriggeringExamplesDoNot(_ rule: RuleDescription) throws {
    for example in rule.nonTriggering {
      let found = try findings(rule, example)
      #expect(found.isEmpty, "\(rule.id) should not trigger: \(found.map(\.message))")
    }
  }

  /// A finding's fingerprint is about what it concerns: lines added above it and a week passing
  /// leave it as it was.
  @Test(arguments: rules)
  func fingerprintsSurviveEditsAboveAndTime(_ rule: RuleDescription) throws {
    for example in rule.triggering {
      let (path, text) = example.files[0]
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      if let title = lines.firstIndex(where: { $0.hasPrefix("# ") }) {
        lines.insert(contentsOf: ["", "An added paragraph.", ""], at: title + 1)
      }
      var later = example
      later.files[0] = (path, lines.joined(separator: "\n"))
      let before = try findings(rule, example)
      let after = try findings(rule, later, today: RuleExample.today.adding(days: 7))
      #expect(before.map(\.fingerprint) == after.map(\.fingerprint), "\(rule.id) on \(path)")
    }
  }

  @Test func ruleIDsAreUniqueKebabCase() {
    let ids = Self.rules.map(\.id)
    #expect(Set(ids).count == ids.count)
    for id in ids {
      #expect(id.allSatisfy { $0.isLowercase || $0 == "-" }, "\(id)")
    }
  }

  @Test func everyPerDocumentRuleHasATriggeringExample() {
    let exempt: Set = [
      "file-too-large", "symlink-outside-repository", "config-unknown-key", "config-unknown-rule",
      "config-missing-folder",
      "duplicate-path",
      // Needs commits by two people: ResponsesTests covers it on a real repository.
      "response-author",
    ]
    for rule in Self.rules where !exempt.contains(rule.id) {
      #expect(!rule.triggering.isEmpty, "\(rule.id) has no triggering example")
    }
  }

  private func findings(
    _ rule: RuleDescription, _ example: RuleExample, today: Day = RuleExample.today
  ) throws -> [Diagnostic] {
    let corpus = try example.corpus()
    let subject = example.files[0].path
    let checker = Checker(rules: [try #require(Checker.rule(rule.id))])
    return checker.check(corpus, today: today, paths: [subject]).filter {
      $0.ruleID == rule.id
    }
  }
}

extension RuleDescription: CustomTestStringConvertible {
  public var testDescription: String { id }
}
