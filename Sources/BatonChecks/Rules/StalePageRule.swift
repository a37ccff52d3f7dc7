import BatonDocuments

/// A handbook page past its review date may no longer be true.
struct StalePageRule: Rule {
  let description = RuleDescription(
    id: "stale-page", title: "Page is past its review date", severity: .warning,
    rationale: "a policy nobody has re-read in months is how a handbook stops being trusted",
    fix: "re-read the page, then move 'review-by:' forward (or set 'reviewed:' to today)",
    triggering: [
      RuleExample(
        "handbook/a.md", "---\nowner: '@ada'\nreview-by: 2026-01-01\n---\n# A\n## Summary\nx\n"),
      RuleExample(
        "handbook/b.md", "---\nowner: '@ada'\nreviewed: 2025-01-01\n---\n# B\n## Summary\nx\n"),
    ],
    nonTriggering: [
      RuleExample(
        "handbook/a.md", "---\nowner: '@ada'\nreview-by: 2027-01-01\n---\n# A\n## Summary\nx\n")
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    guard context.schema(of: document).reviewable,
      let due = document.reviewBy(periodDays: context.corpus.configuration.reviewPeriodDays),
      due.value < context.today
    else { return }
    findings.add(
      "page was due for review on \(due.value): re-read it and move 'review-by:' forward", at: due,
      about: "\(due.value)")
  }
}
