import BatonCorpus
import BatonDocuments

/// An open call to action past its date is overdue.
struct CallToActionOverdueRule: Rule {
  let description = RuleDescription(
    id: "call-to-action-overdue", title: "Call to action is overdue", severity: .warning,
    rationale: "a proposal still open past its deadline is blocking someone; it needs a decision",
    fix: "decide (change the status), or agree a new date and update it",
    triggering: [
      RuleExample(
        "decisions/0001-a.md",
        "---\nstatus: proposed\nowner: '@ada'\nrespond-by: 2026-05-01\n---\n# A\n## Context\nx\n"
          + "## Proposal\nx\n## Call to Action\n@grace, please review.\n")
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0001-a.md",
        "---\nstatus: accepted\nowner: '@ada'\nrespond-by: 2026-05-01\n---\n# A\n## Context\nx\n"
          + "## Proposal\nx\n## Call to Action\n@grace, please review.\n"),
      RuleExample(
        "decisions/0002-b.md",
        "---\nstatus: proposed\nowner: '@ada'\n---\n# B\n## Context\nx\n"
          + "## Proposal\nx\n## Call to Action\n@grace, please review by 2026-06-20.\n"),
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    guard let section = CallToAction.openSection(of: document, in: context),
      let deadline = CallToAction.deadline(of: document, section: section),
      deadline.value < context.today
    else { return }
    let days = context.today.ordinal - deadline.value.ordinal
    findings.add(
      "call to action was due \(deadline.value) (\(days) day\(days == 1 ? "" : "s") ago): "
        + "decide and change the status, or set a new date", at: deadline,
      about: "\(deadline.value)")
  }
}
