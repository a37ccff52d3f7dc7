import BatonConfig
import BatonDocuments

/// A decision new in a pull request must not take a number the base branch has given out since
/// the branch started (`baton check --since REF`).
///
/// `duplicate-id` cannot see this: the checked tree holds only the branch's document, and the
/// base's one arrives with the merge. The Load stage lists the document paths on REF, and this
/// rule compares each new document's number with them.
struct NumberTakenOnBaseRule: Rule {
  let description = RuleDescription(
    id: "number-taken-on-base", title: "Number is already taken on the base branch",
    severity: .error,
    rationale:
      "two pull requests that each take the next free number pass alone and collide once merged",
    fix: "renumber the new document to a number free on both branches and update links to it",
    triggering: [
      RuleExample(
        "decisions/0002-use-redis.md", "---\nstatus: proposed\n---\n# Use Redis\n",
        others: [("decisions/0001-a.md", "---\nstatus: accepted\n---\n# A\n")],
        onBase: ["decisions/0001-a.md", "decisions/0002-use-kafka.md"])
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0003-use-redis.md", "---\nstatus: proposed\n---\n# Use Redis\n",
        others: [("decisions/0001-a.md", "---\nstatus: accepted\n---\n# A\n")],
        onBase: ["decisions/0001-a.md", "decisions/0002-use-kafka.md"]),
      RuleExample(
        "decisions/0002-use-redis.md", "---\nstatus: proposed\n---\n# Use Redis\n"),
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    let corpus = context.corpus
    guard context.schema(of: document).numbered, document.identifier.number != nil,
      let scope = corpus.repository.scope, scope.addedPaths.contains(document.path)
    else { return }
    let configuration = corpus.configuration
    var highest = 0
    var taken: [String] = []
    for path in scope.pathsOnReference {
      guard let collection = configuration.collection(containing: path),
        collection.name == document.collection,
        !KindSchema.isNotADocument(path, kind: configuration.kinds[collection.kind])
      else { continue }
      let identifier = DocumentIdentifier(fileName: path)
      highest = max(highest, identifier.number ?? 0)
      // A document in the checked tree at that path is `duplicate-id`'s to report.
      if identifier.key == document.identifier.key, path != document.path,
        corpus.document(at: path) == nil
      {
        taken.append(path)
      }
    }
    guard !taken.isEmpty else { return }
    let next = max(highest + 1, corpus.nextFreeNumber(inCollection: document.collection))
    findings.add(
      "number \(document.identifier.text) is already taken on '\(scope.reference)' by "
        + taken.sorted().map { "'\($0)'" }.joined(separator: ", ")
        + ": renumber this document (\(next) is free on both)", line: 1,
      about: document.identifier.text)
  }
}
