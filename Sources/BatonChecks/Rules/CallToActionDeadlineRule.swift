import BatonCorpus
import BatonDocuments

/// A call to action says by when: a date in the section or `respond-by`.
struct CallToActionDeadlineRule: Rule {
  let description = RuleDescription(
    id: "call-to-action-deadline", title: "Call to action has no deadline", severity: .error,
    rationale: "without a date an ask never becomes overdue, so it is never chased",
    fix: "write the date in the section (2026-07-01) or add 'respond-by:' to the front matter",
    triggering: [
      RuleExample(
        "decisions/0001-a.md",
        "---\nstatus: proposed\nowner: '@ada'\n---\n# A\n## Context\nx\n## Proposal\nx\n"
          + "## Call to Action\n@grace, please review.\n")
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0001-a.md",
        "---\nstatus: proposed\nowner: '@ada'\nrespond-by: 2026-07-01\n---\n# A\n## Context\nx\n"
          + "## Proposal\nx\n## Call to Action\n@grace, please review.\n")
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    guard let section = CallToAction.openSection(of: document, in: context),
      CallToAction.deadline(of: document, section: section) == nil
    else { return }
    findings.add(
      "call to action has no deadline: write a date (YYYY-MM-DD) in it or add 'respond-by:'",
      line: section.line, column: section.column)
  }
}
