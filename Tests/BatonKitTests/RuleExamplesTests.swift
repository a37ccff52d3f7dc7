import BatonKit
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
    ]
    for rule in Self.rules where !exempt.contains(rule.id) {
      #expect(!rule.triggering.isEmpty, "\(rule.id) has no triggering example")
    }
  }

  private func findings(_ rule: RuleDescription, _ example: RuleExample) throws -> [Diagnostic] {
    let corpus = try example.corpus()
    let subject = example.files[0].path
    let checker = Checker(rules: [try #require(Checker.rule(rule.id))])
    return checker.check(corpus, today: RuleExample.today, paths: [subject]).filter {
      $0.ruleID == rule.id
    }
  }
}

extension RuleDescription: CustomTestStringConvertible {
  public var testDescription: String { id }
}
