import BatonDocuments

/// Proposed decisions and handbook pages name one accountable owner.
struct MissingOwnerRule: Rule {
  let description = RuleDescription(
    id: "missing-owner", title: "No accountable owner", severity: .error,
    rationale:
      "a proposal or policy that nobody owns is neither driven to a decision nor kept true",
    fix: "add 'owner: \"@handle\"' to the front matter: one person, not a team",
    triggering: [
      RuleExample(
        "decisions/0001-a.md",
        "---\nstatus: proposed\n---\n# A\n## Context\nx\n## Proposal\nx\n"
          + "## Call to Action\n@grace by 2026-07-01\n"),
      RuleExample("handbook/a.md", "# A\n\n## Summary\nx\n"),
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0001-a.md", "---\nstatus: accepted\n---\n# A\n## Context\nx\n## Proposal\nx\n"),
      RuleExample("handbook/a.md", "---\nowner: '@ada'\n---\n# A\n\n## Summary\nx\n"),
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    guard document.hasText else { return }
    let schema = context.schema(of: document)
    guard schema.ownerRequired.applies(toStatus: document.status?.value), document.owner == nil
    else { return }
    let why = document.status.map { " while it is '\($0.value)'" } ?? ""
    findings.add(
      "\(schema.name) has no accountable owner\(why): add 'owner: \"@handle\"' to the front matter",
      line: document.title?.line ?? document.bodyStartLine)
  }
}
