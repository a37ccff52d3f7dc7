import BatonDocuments

/// Two documents of a numbered collection must not share a number.
struct DuplicateIdentifierRule: Rule {
  let description = RuleDescription(
    id: "duplicate-id", title: "Number is used twice", severity: .error,
    rationale: "references such as 'ADR-0042' and 'supersedes: [42]' become ambiguous",
    fix: "renumber the newer document to the next free number and update links to it",
    triggering: [
      RuleExample(
        "decisions/0002-a.md", "---\nstatus: accepted\n---\n# A\n",
        others: [("decisions/0002-b.md", "---\nstatus: accepted\n---\n# B\n")])
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0002-a.md", "---\nstatus: accepted\n---\n# A\n",
        others: [("decisions/0003-b.md", "---\nstatus: accepted\n---\n# B\n")])
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    guard context.schema(of: document).numbered, document.identifier.number != nil else { return }
    let corpus = context.corpus
    let others = corpus.documents(inCollection: document.collection, key: document.identifier.key)
      .filter { $0.path != document.path }
    guard !others.isEmpty else { return }
    let next = corpus.nextFreeNumber(inCollection: document.collection)
    findings.add(
      "number \(document.identifier.text) is also used by "
        + others.map { "'\($0.path)'" }.joined(separator: ", ")
        + ": renumber one of them (\(next) is free)", line: 1,
      about: document.identifier.text)
  }
}
