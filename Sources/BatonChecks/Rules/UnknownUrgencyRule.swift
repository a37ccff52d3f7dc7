import BatonDocuments

/// A document's `urgency:` names a response window that `sla:` in `baton.yml` declares.
struct UnknownUrgencyRule: Rule {
  static let config = "sla: { urgent: 2h, standard: 1d }\n"

  let description = RuleDescription(
    id: "unknown-urgency", title: "Urgency is not declared under sla", severity: .warning,
    rationale:
      "an urgency 'sla' does not declare gives the call to action no response window, so its "
      + "responders are never due and never overdue",
    fix: "use an urgency declared under 'sla' in baton.yml, or declare it there",
    triggering: [
      RuleExample(
        "decisions/0001-a.md",
        "---\nstatus: proposed\nurgency: asap\n---\n# A\n## Context\nx\n## Proposal\nx\n",
        others: [("baton.yml", UnknownUrgencyRule.config)])
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0001-a.md",
        "---\nstatus: proposed\nurgency: Urgent\n---\n# A\n## Context\nx\n## Proposal\nx\n",
        others: [("baton.yml", UnknownUrgencyRule.config)]),
      RuleExample(
        "decisions/0001-a.md", "---\nstatus: proposed\n---\n# A\n## Context\nx\n## Proposal\nx\n"),
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    guard let field = document.fields["urgency"] else { return }
    let urgency = field.value.text.trimmingWhitespace()
    let windows = context.corpus.configuration.responseWindows
    guard !urgency.isEmpty, windows[urgency.lowercased()] == nil else { return }
    let name = document.writtenName(of: "urgency")
    let known = windows.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
    findings.add(
      "'\(name)' is '\(urgency)', which 'sla' in baton.yml does not declare: "
        + (known.isEmpty
          ? "declare response windows under 'sla' (such as 'sla: { urgent: 2h }') or remove it"
          : "use \(known) or declare it under 'sla'"),
      at: field, about: urgency.lowercased())
  }
}
