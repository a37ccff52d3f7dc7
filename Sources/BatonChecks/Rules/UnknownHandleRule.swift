import BatonDocuments

/// With `people.yml`, every `@handle` and owner names a person or team in it.
struct UnknownHandleRule: Rule {
  static let personFields = ["owner", "author", "deciders", "consulted", "informed"]
  static let people = "people:\n  - handle: ada\n    name: Ada Lovelace\n    team: core\n"

  let description = RuleDescription(
    id: "unknown-handle", title: "Handle is not in people.yml", severity: .error,
    rationale: "a call to action addressed to a misspelt handle never reaches anyone",
    fix: "correct the handle, or add the person to people.yml",
    triggering: [
      RuleExample(
        "handbook/a.md", "---\nowner: '@ada'\n---\n# A\n## Summary\nAsk @adaa.\n", people: people)
    ],
    nonTriggering: [
      RuleExample(
        "handbook/a.md",
        "---\nowner: Ada Lovelace\n---\n# A\n## Summary\nAsk @ada or @core, mail a@b.example.\n",
        people: people),
      RuleExample("handbook/b.md", "---\nowner: '@anyone'\n---\n# B\n## Summary\nAsk @nobody.\n"),
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    guard let people = context.corpus.people else { return }
    func known(_ value: String) -> Bool {
      let handle = Person.handle(from: value)
      return people.knows(handle)
        || people.people.contains { $0.name?.lowercased() == handle.lowercased() }
    }
    for mention in document.mentions where !people.knows(mention.value) {
      findings.add(
        "'@\(mention.value)' is not in '\(people.path)': correct the handle or add the person",
        at: mention, about: "@\(mention.value)")
    }
    for key in UnknownHandleRule.personFields {
      for item in document.items(key) where !known(item.value) {
        findings.add(
          "\(key) '\(item.value)' is not in '\(people.path)': use a handle listed there", at: item,
          about: "\(key) \(item.value)")
      }
    }
  }
}
