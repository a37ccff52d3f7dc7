import BatonDocuments

/// A status must be one the kind knows.
struct UnknownStatusRule: Rule {
  let description = RuleDescription(
    id: "unknown-status", title: "Status is not known to the kind", severity: .error,
    rationale: "filters, badges and the inbox only understand the kind's statuses",
    fix: "use one of the kind's statuses, or add the status to the kind in baton.yml",
    triggering: [
      RuleExample(
        "decisions/0001-a.md", "---\nstatus: maybe\n---\n# A\n## Context\nx\n## Proposal\nx\n")
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0001-a.md", "---\nstatus: Accepted ✅\n---\n# A\n## Context\nx\n## Proposal\nx\n"),
      RuleExample(
        "decisions/0002-b.md",
        "---\nstatus: superseded by ADR-0001\n---\n# B\n## Context\nx\n## Proposal\nx\n",
        others: [("decisions/0001-a.md", "---\nstatus: accepted\n---\n# A\n")]),
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    let schema = context.schema(of: document)
    guard let status = document.status, !schema.statuses.contains(status.value) else { return }
    if schema.statuses.isEmpty {
      findings.add(
        "\(schema.name) documents have no status: remove 'status:' or declare statuses for the kind",
        at: status, about: status.value)
      return
    }
    let written = document.fields["status"]?.value.text ?? status.value
    findings.add(
      "\(document.writtenName(of: "status")) '\(written)' is not one of "
        + schema.statuses.map { "'\($0)'" }.joined(separator: ", ")
        + ": use one of them, or add it to the kind's 'statuses' in baton.yml", at: status,
      about: written)
  }
}
