/// `#anchors` in links name headings that exist in the target document.
struct BrokenAnchorRule: Rule {
  let description = RuleDescription(
    id: "broken-anchor", title: "Link anchor does not exist", severity: .error,
    rationale: "a link to a renamed heading silently lands the reader at the top of the page",
    fix: "use the heading's anchor: lower case, punctuation dropped, spaces as '-'",
    triggering: [
      RuleExample(
        "handbook/a.md", "---\nowner: '@a'\n---\n# A\n## Summary\nSee [b](b.md#nope).\n",
        others: [("handbook/b.md", "# B\n## Summary\n")])
    ],
    nonTriggering: [
      RuleExample(
        "handbook/a.md",
        "---\nowner: '@a'\n---\n# A\n## Summary\nSee [b](b.md#on-call-rota) and [top](#summary).\n",
        others: [("handbook/b.md", "# B\n## On-call rota\n")])
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    for link in document.links where link.isRelative && !link.isImage {
      guard let fragment = Corpus.fragment(of: link.url) else { continue }
      let target: Document?
      if link.url.hasPrefix("#") {
        target = document
      } else {
        target = link.target.flatMap(context.corpus.document(at:))
      }
      guard let target, !target.anchors.contains(fragment) else { continue }
      let known = target.anchors.sorted().prefix(8).map { "'\($0)'" }.joined(separator: ", ")
      findings.add(
        "'#\(fragment)' is not a heading of '\(target.path)': use one of \(known)",
        line: link.line, column: link.column, about: link.url)
    }
  }
}
