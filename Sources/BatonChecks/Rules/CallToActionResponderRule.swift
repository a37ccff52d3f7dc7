import BatonCorpus
import BatonDocuments

/// A call to action names who must respond: an `@handle` or a team.
struct CallToActionResponderRule: Rule {
  let description = RuleDescription(
    id: "call-to-action-responder", title: "Call to action names no responder", severity: .error,
    rationale:
      "an ask addressed to nobody is answered by nobody; async work needs a named responder",
    fix: "name who must respond in the section: '@handle' or a team such as '@platform'",
    triggering: [
      RuleExample(
        "decisions/0001-a.md",
        "---\nstatus: proposed\nowner: '@ada'\n---\n# A\n## Context\nx\n## Proposal\nx\n"
          + "## Call to Action\nPlease review by 2026-07-01.\n")
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0001-a.md",
        "---\nstatus: proposed\nowner: '@ada'\n---\n# A\n## Context\nx\n## Proposal\nx\n"
          + "## Call to Action\n@grace: approve or object by 2026-07-01.\n")
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    guard let section = CallToAction.openSection(of: document, in: context) else { return }
    guard CallToAction.responders(in: section, people: context.corpus.people).isEmpty else {
      return
    }
    findings.add(
      "call to action names no responder: add '@handle' or a team", line: section.line,
      column: section.column)
  }
}
