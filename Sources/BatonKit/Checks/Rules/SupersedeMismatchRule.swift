/// Supersede links agree in both directions, and a superseded decision says so in its status.
struct SupersedeMismatchRule: Rule {
  let description = RuleDescription(
    id: "supersede-mismatch", title: "Supersede links disagree", severity: .warning,
    rationale: "a reader landing on the old decision must learn that it is no longer in force",
    fix:
      "give the old decision 'status: superseded' and 'superseded-by:', and the new one 'supersedes:'",
    triggering: [
      RuleExample(
        "decisions/0002-b.md", "---\nstatus: accepted\nsupersedes: ['1']\n---\n# B\n",
        others: [("decisions/0001-a.md", "---\nstatus: accepted\n---\n# A\n")])
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0002-b.md", "---\nstatus: accepted\nsupersedes: ['1']\n---\n# B\n",
        others: [
          ("decisions/0001-a.md", "---\nstatus: superseded\nsuperseded-by: ['2']\n---\n# A\n")
        ]),
      RuleExample(
        "doc/adr/0002-b.md", "# 2. B\n\n## Status\n\nAccepted\n\nSupersedes [1. A](0001-a.md)\n",
        others: [("doc/adr/0001-a.md", "# 1. A\n\n## Status\n\nSuperseded by [2. B](0002-b.md)\n")]),
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    let corpus = context.corpus
    for reference in document.items("supersedes") {
      guard let old = corpus.resolve(reference.value, from: document), old.path != document.path
      else { continue }
      let pointsBack = old.items("superseded-by").contains {
        corpus.resolve($0.value, from: old)?.path == document.path
      }
      if !pointsBack {
        findings.add(
          "'\(old.path)' does not say it is superseded by this document: add "
            + "'superseded-by: [\"\(document.identifier.text)\"]' there", at: reference)
      } else if old.status?.value != "superseded" {
        findings.add(
          "'\(old.path)' is superseded by this document but its status is "
            + "'\(old.status?.value ?? "unknown")': set it to 'superseded'", at: reference)
      }
    }
    for reference in document.items("superseded-by") {
      guard let new = corpus.resolve(reference.value, from: document), new.path != document.path
      else { continue }
      let pointsBack = new.items("supersedes").contains {
        corpus.resolve($0.value, from: new)?.path == document.path
      }
      if !pointsBack {
        findings.add(
          "'\(new.path)' does not say it supersedes this document: add "
            + "'supersedes: [\"\(document.identifier.text)\"]' there", at: reference)
      }
    }
  }
}
