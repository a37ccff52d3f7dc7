import BatonDocuments

/// `supersedes`, `superseded-by` and `related` name documents that exist.
struct UnresolvedReferenceRule: Rule {
  let description = RuleDescription(
    id: "unresolved-reference", title: "Referenced document does not exist", severity: .error,
    rationale: "a supersede chain with a missing link hides which decision is in force",
    fix:
      "reference an existing document by number (0042) or relative path, or remove the reference",
    triggering: [
      RuleExample("decisions/0002-a.md", "---\nstatus: accepted\nsupersedes: ['0009']\n---\n# A\n")
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0002-b.md", "---\nstatus: accepted\nsupersedes: [ADR-0001]\n---\n# B\n",
        others: [
          ("decisions/0001-a.md", "---\nstatus: superseded\nsuperseded-by: ['2']\n---\n# A\n")
        ])
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    for key in ["supersedes", "superseded-by", "related"] {
      for reference in document.items(key)
      where context.corpus.resolve(reference.value, from: document) == nil {
        findings.add(
          "'\(key)' names '\(reference.value)', which is not a document here: use an existing "
            + "number or relative path", at: reference, about: "\(key) \(reference.value)")
      }
    }
  }
}
