import BatonDocuments

/// Following `superseded-by` must end at a decision in force, not loop.
struct SupersedeCycleRule: Rule {
  let description = RuleDescription(
    id: "supersede-cycle", title: "Supersede chain loops", severity: .error,
    rationale: "in a loop every decision is superseded, so none is in force",
    fix: "remove the 'superseded-by' that points back; the newest decision is superseded by none",
    triggering: [
      RuleExample(
        "decisions/0001-a.md",
        "---\nstatus: superseded\nsuperseded-by: ['2']\nsupersedes: ['2']\n---\n# A\n",
        others: [
          (
            "decisions/0002-b.md",
            "---\nstatus: superseded\nsuperseded-by: ['1']\nsupersedes: ['1']\n---\n# B\n"
          )
        ])
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0001-a.md", "---\nstatus: superseded\nsuperseded-by: ['2']\n---\n# A\n",
        others: [("decisions/0002-b.md", "---\nstatus: accepted\nsupersedes: ['1']\n---\n# B\n")])
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    let corpus = context.corpus
    var chain = [document.path]
    var current = document
    var seen: Set<String> = [document.path]
    while let next = current.items("superseded-by").lazy.compactMap({
      corpus.resolve($0.value, from: current)
    }).first {
      if next.path == document.path {
        let field = document.fields["superseded-by"]
        findings.add(
          "supersede chain loops back here: "
            + (chain + [document.path]).map { "'\($0)'" }
            .joined(separator: " → ") + ": remove the 'superseded-by' of the newest decision",
          line: field?.line ?? 1, column: field?.column ?? 1)
        return
      }
      guard seen.insert(next.path).inserted else { return }
      chain.append(next.path)
      current = next
    }
  }
}
