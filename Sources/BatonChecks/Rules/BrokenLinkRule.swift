import BatonDocuments

/// Relative links and images point at files that exist.
struct BrokenLinkRule: Rule {
  let description = RuleDescription(
    id: "broken-link", title: "Link target does not exist", severity: .error,
    rationale: "a dead link in a decision loses the context it was meant to carry",
    fix: "correct the path (relative to this file) or remove the link",
    triggering: [
      RuleExample("handbook/a.md", "---\nowner: '@a'\n---\n# A\n## Summary\nSee [b](b.md).\n")
    ],
    nonTriggering: [
      RuleExample(
        "handbook/a.md",
        "---\nowner: '@a'\n---\n# A\n## Summary\nSee [b](b.md) and [web](https://example.com).\n",
        others: [("handbook/b.md", "# B\n")])
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    let corpus = context.corpus
    for link in document.links where link.isRelative {
      guard let target = link.target else {
        if !link.url.hasPrefix("#"), !link.url.hasPrefix("?") {
          findings.add(
            "link '\(link.url)' leaves the repository: link to a file inside it or use a full URL",
            line: link.line, column: link.column, about: link.url)
        }
        continue
      }
      if corpus.filePaths.contains(target) || corpus.hasFolder(target) { continue }
      findings.add(
        "link target '\(link.url)' does not exist: correct the path (relative to this file)",
        line: link.line, column: link.column, about: link.url)
    }
  }
}
