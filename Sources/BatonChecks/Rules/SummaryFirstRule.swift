import BatonDocuments

/// A handbook page opens with its summary, so a reader can act on the first screen.
struct SummaryFirstRule: Rule {
  let description = RuleDescription(
    id: "summary-first", title: "Summary is not the first section", severity: .warning,
    rationale: "readers decide from the first screen; a TL;DR buried below details is not read",
    fix: "move the '## Summary' section above the other sections",
    triggering: [
      RuleExample("handbook/a.md", "# A\n\n## Details\nx\n\n## Summary\nx\n")
    ],
    nonTriggering: [RuleExample("handbook/a.md", "# A\n\n## Summary\nx\n\n## Details\nx\n")])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    let schema = context.schema(of: document)
    guard schema.summaryFirst, let spec = schema.section(withRole: .summary),
      let first = document.sections.first, !spec.matches(heading: first.title),
      let summary = document.section(matching: spec)
    else { return }
    findings.add(
      "'\(summary.title)' should be the first section, before '\(first.title)': move it up",
      line: summary.line, column: summary.column)
  }
}
