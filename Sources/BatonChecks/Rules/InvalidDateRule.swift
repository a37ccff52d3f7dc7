import BatonDocuments

/// Date fields hold dates: `2026-03-01` or `01/03/2026`.
struct InvalidDateRule: Rule {
  static let dateFields = ["date", "respond-by", "review-by", "reviewed"]

  let description = RuleDescription(
    id: "invalid-date", title: "Date does not parse", severity: .error,
    rationale: "a date that cannot be read makes deadlines and reviews silently disappear",
    fix: "write the date as YYYY-MM-DD",
    triggering: [
      RuleExample(
        "decisions/0001-a.md",
        "---\nstatus: accepted\ndate: next tuesday\n---\n# A\n## Context\nx\n## Proposal\nx\n"),
      RuleExample(
        "decisions/0002-b.md",
        "---\nstatus: accepted\ndate: 2026-02-30\n---\n# B\n## Context\nx\n## Proposal\nx\n"),
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0001-a.md",
        "---\nstatus: accepted\ndate: 2026-02-28\n---\n# A\n## Context\nx\n## Proposal\nx\n"),
      RuleExample(
        "doc/adr/0001-a.md",
        "# 1. A\n\nDate: 01/03/2024\n\n## Status\nAccepted\n## Context\nx\n## Decision\nx\n"),
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    for key in InvalidDateRule.dateFields {
      guard let field = document.fields[key], !field.value.text.isEmpty, document.day(key) == nil
      else { continue }
      findings.add(
        "'\(document.writtenName(of: key))' is '\(field.value.text)', which is not a date: "
          + "write it as YYYY-MM-DD", at: field, about: key)
    }
  }
}
