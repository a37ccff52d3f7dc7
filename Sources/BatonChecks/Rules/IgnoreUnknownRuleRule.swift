import BatonDocuments

/// `<!-- baton-ignore: rule-id -->` must name a rule that exists, or it silences nothing.
struct IgnoreUnknownRuleRule: Rule {
  let description = RuleDescription(
    id: "ignore-unknown-rule", title: "baton-ignore names no rule", severity: .warning,
    rationale: "a misspelt rule id in a baton-ignore comment silences nothing, unnoticed",
    fix: "use an id that 'baton rules' lists, or remove the comment",
    triggering: [
      RuleExample(
        "decisions/0001-a.md",
        "---\nstatus: accepted\n---\n# A\n<!-- baton-ignore: broken-links -->\n## Context\nx\n"
          + "## Proposal\nx\n")
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0001-a.md",
        "---\nstatus: accepted\n---\n# A\n<!-- baton-ignore: broken-link -->\n## Context\nx\n"
          + "## Proposal\nx\n")
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    for (id, line) in document.suppressedRules.sorted(by: { $0.key < $1.key })
    where !Checker.ruleIDs.contains(id) {
      findings.add(
        "baton-ignore names '\(id)', which is no rule: use an id from 'baton rules'", line: line,
        about: id)
    }
  }
}
