import BatonDocuments

/// Every document needs a title: `title:` in front matter or an H1.
struct MissingTitleRule: Rule {
  let description = RuleDescription(
    id: "missing-title", title: "Document has no title", severity: .error,
    rationale:
      "lists, search results and links show the title; without one readers see a file name",
    fix: "start the document with '# Title' or add 'title:' to the front matter",
    triggering: [RuleExample("handbook/a.md", "## Summary\nno title here\n")],
    nonTriggering: [
      RuleExample("handbook/a.md", "# On-call\n\n## Summary\nok\n"),
      RuleExample("handbook/b.md", "---\ntitle: On-call\n---\n## Summary\nok\n"),
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    guard document.title == nil, document.hasText else { return }
    findings.add(
      "document has no title: start it with '# Title' or add 'title:' to the front matter",
      line: document.bodyStartLine)
  }
}
