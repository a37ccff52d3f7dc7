import BatonDocuments

/// An empty file in a collection is a document with nothing in it.
struct EmptyDocumentRule: Rule {
  let description = RuleDescription(
    id: "empty-document", title: "Document is empty", severity: .error,
    rationale: "an empty document tells the reader nothing and usually is a forgotten draft",
    fix: "write the document, or delete the file",
    triggering: [RuleExample("decisions/0001-empty.md", "\n\n")],
    nonTriggering: [RuleExample("decisions/0001-full.md", "# Full\n")])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    if document.problems.contains(.empty) {
      findings.add("document is empty: write it from 'baton new' or delete the file", line: 1)
    }
  }
}
