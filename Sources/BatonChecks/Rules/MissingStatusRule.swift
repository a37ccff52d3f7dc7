import BatonDocuments

/// Kinds with statuses need one; a missing status is shown as unknown, never taken as accepted.
struct MissingStatusRule: Rule {
  let description = RuleDescription(
    id: "missing-status", title: "Document has no status", severity: .warning,
    rationale: "a decision without a status may be read as in force when it never was",
    fix:
      "add 'status: proposed' (or accepted, rejected …) to the front matter or a '## Status' section",
    triggering: [RuleExample("decisions/0001-a.md", "# A\n## Context\nx\n## Proposal\nx\n")],
    nonTriggering: [
      RuleExample(
        "decisions/0001-a.md", "# A\n\n- Status: accepted\n\n## Context\nx\n## Proposal\nx\n"),
      RuleExample("handbook/a.md", "---\nowner: '@a'\n---\n# A\n## Summary\nx\n"),
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    let schema = context.schema(of: document)
    guard !schema.statuses.isEmpty, document.status == nil, document.hasText else { return }
    findings.add(
      "\(schema.name) has no status and is shown as unknown: add 'status:' with one of "
        + schema.statuses.map { "'\($0)'" }.joined(separator: ", "),
      line: document.title?.line ?? document.bodyStartLine)
  }
}
