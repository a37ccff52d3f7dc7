import BatonCorpus
import BatonDocuments
import BatonMarkdown

/// `#anchors` in links name headings that exist in the target document.
///
/// Anchors resolve as on GitHub: heading ids are GitHub's (`Slug`), matched without regard to
/// case, with or without GitHub's `user-content-` prefix.
struct BrokenAnchorRule: Rule {
  let description = RuleDescription(
    id: "broken-anchor", title: "Link anchor does not exist", severity: .error,
    rationale: "a link to a renamed heading silently lands the reader at the top of the page",
    fix: "use the heading's anchor: lower case, punctuation dropped, spaces as '-'",
    triggering: [
      RuleExample(
        "handbook/a.md", "---\nowner: '@a'\n---\n# A\n## Summary\nSee [b](b.md#on-cal-rota).\n",
        others: [("handbook/b.md", "# B\n## Summary\n## On-call rota\n")])
    ],
    nonTriggering: [
      RuleExample(
        "handbook/a.md",
        "---\nowner: '@a'\n---\n# A\n## Summary\nSee [b](b.md#on-call-rota), [top](#summary) "
          + "and [why](b.md#Motivation).\n",
        others: [("handbook/b.md", "# B\n## On-call rota\n## Motivation\n")])
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
      guard let target, BrokenAnchorRule.resolve(fragment, in: target.anchors) == nil else {
        continue
      }
      let nearest = BrokenAnchorRule.nearest(fragment, in: target.anchors)
      let known = nearest.map { "'#\($0)'" }.joined(separator: ", ")
      let message =
        nearest.isEmpty
        ? "'#\(fragment)' is not a heading of '\(target.path)', which has none: "
          + "link to the page without an anchor"
        : "'#\(fragment)' is not a heading of '\(target.path)': did you mean '#\(nearest[0])'?"
      findings.add(
        message, line: link.line, column: link.column, about: link.url,
        notes: nearest.count > 1 ? ["nearest headings: \(known)"] : [])
    }
  }

  /// The heading id a fragment names, as GitHub resolves it: exactly, then lower case, then
  /// without `user-content-`; nil when no heading has it.
  static func resolve(_ fragment: String, in anchors: Set<String>) -> String? {
    if anchors.contains(fragment) { return fragment }
    var key = fragment.lowercased()
    if anchors.contains(key) { return key }
    let prefix = "user-content-"
    guard key.hasPrefix(prefix) else { return nil }
    key.removeFirst(prefix.count)
    return anchors.contains(key) ? key : nil
  }

  /// Up to five anchors closest to a fragment (fewest edits, then alphabetical).
  static func nearest(_ fragment: String, in anchors: Set<String>) -> [String] {
    let key = Array(Slug.base(fragment).unicodeScalars)
    let ranked = anchors.map { anchor in
      (distance: editDistance(key, Array(anchor.unicodeScalars)), anchor: anchor)
    }.sorted { ($0.distance, $0.anchor) < ($1.distance, $1.anchor) }
    return ranked.prefix(5).map(\.anchor)
  }

  /// Levenshtein distance, one row at a time; headings are short.
  static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
