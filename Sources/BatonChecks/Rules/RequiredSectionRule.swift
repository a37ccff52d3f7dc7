import BatonDocuments

/// The sections a kind requires must be present, under their name or an alias.
struct RequiredSectionRule: Rule {
  let description = RuleDescription(
    id: "required-section", title: "Required section is missing", severity: .error,
    rationale: "a decision without its context or proposal, or an update without its blockers, "
      + "cannot be acted on without a meeting",
    fix: "add the section as an '## Heading' (any of the kind's aliases counts)",
    triggering: [
      RuleExample(
        "decisions/0001-a.md", "---\nstatus: accepted\n---\n# A\n\n## Context\nWhy.\n"),
      RuleExample(
        "updates/2026-05-01-week.md",
        "---\nstatus: blocked\n---\n# Week\n## Summary\nx\n## Progress\nx\n## Blockers\nx\n"
          + "## Next Steps\nx\n"),
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0001-a.md",
        "---\nstatus: accepted\n---\n# A\n\n## Context and Problem Statement\nWhy.\n\n"
          + "## Decision Outcome\nWhat.\n"),
      RuleExample(
        "doc/adr/0002-b.md",
        "# 2. B\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\nx\n\n## Decision\nx\n"),
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    guard document.hasText else { return }
    let schema = context.schema(of: document)
    let status = document.status?.value
    for spec in schema.sections where spec.required.applies(toStatus: status) {
      guard document.section(matching: spec) == nil else { continue }
      let aliases =
        spec.aliases.isEmpty
        ? "" : " (or " + spec.aliases.map { "'\($0)'" }.joined(separator: ", ") + ")"
      var why = ""
      if case .whileStatus = spec.required, let status { why = " while status is '\(status)'" }
      let line = document.sections.last.map { $0.endLine + 1 } ?? document.bodyStartLine
      findings.add(
        "\(schema.name) needs a '\(spec.name)' section\(why): add '## \(spec.name)'\(aliases)",
        line: line, about: spec.name)
    }
  }
}
