import BatonConfig
import BatonDocuments

/// A section still holds the line `baton new` wrote for the author to replace.
struct UneditedTemplateRule: Rule {
  let description = RuleDescription(
    id: "unedited-template", title: "Template text left in", severity: .error,
    rationale:
      "a document left as 'baton new' wrote it looks complete to every other rule but says "
      + "nothing; its placeholders must not reach readers or anyone's inbox",
    fix: "replace the template's line in the section with what the reader needs to know",
    triggering: [
      RuleExample(
        "decisions/0001-a.md",
        "---\nstatus: accepted\nowner: '@ada'\n---\n# A\n## Context\n"
          + "What is the problem, and why does it need a decision now? "
          + "What forces are at play?\n## Proposal\nUse Postgres.\n"),
      RuleExample(
        "handbook/on-call.md",
        "---\nowner: '@ada'\nreview-by: 2026-12-01\n---\n# On call\n## Summary\n"
          + "Who is on call.\n## Rota\nReplace this line with the section's text.\n"),
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0001-a.md",
        "---\nstatus: accepted\nowner: '@ada'\n---\n# A\n## Context\n"
          + "Our queue loses jobs on restart: what is the problem?\n## Proposal\nUse Postgres.\n")
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    let schema = context.schema(of: document)
    for section in document.sections {
      let spec =
        schema.sections.first { $0.matches(key: section.key) } ?? KindSchema.SectionSpec.unnamed
      guard let line = section.lines.first(where: { spec.isPrompt($0.value) }) else { continue }
      findings.add(
        "section '\(section.title)' still holds the text 'baton new' wrote: "
          + "replace it with your own",
        at: line, about: section.key)
    }
  }
}
