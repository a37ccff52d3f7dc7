import BatonCorpus
import BatonDocuments
import BatonSupport

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
    for (reference, old) in linked(document, "supersedes", corpus)
    where !points(old, "superseded-by", to: document, corpus) {
      findings.add(
        "'\(old.path)' does not say it is superseded by this document: add "
          + "'superseded-by: [\"\(document.identifier.text)\"]' there", at: reference,
        about: "superseded-by \(old.path)")
    }
    for (reference, old) in linked(document, "supersedes", corpus)
    where points(old, "superseded-by", to: document, corpus) && old.status?.value != "superseded" {
      findings.add(
        "'\(old.path)' is superseded by this document but its status is "
          + "'\(old.status?.value ?? "unknown")': set it to 'superseded'", at: reference,
        about: "status \(old.path)")
    }
    for (reference, new) in linked(document, "superseded-by", corpus)
    where !points(new, "supersedes", to: document, corpus) {
      findings.add(
        "'\(new.path)' does not say it supersedes this document: add "
          + "'supersedes: [\"\(document.identifier.text)\"]' there", at: reference,
        about: "supersedes \(new.path)")
    }
  }

  /// The other documents a field of `document` names, with the reference that named each.
  private func linked(
    _ document: Document, _ key: String, _ corpus: Corpus
  ) -> [(Located<String>, Document)] {
    document.items(key).compactMap { reference in
      guard let other = corpus.resolve(reference.value, from: document),
        other.path != document.path
      else { return nil }
      return (reference, other)
    }
  }

  /// Whether a field of `document` names `target`.
  private func points(
    _ document: Document, _ key: String, to target: Document, _ corpus: Corpus
  ) -> Bool {
    document.items(key).contains { corpus.resolve($0.value, from: document)?.path == target.path }
  }
}
