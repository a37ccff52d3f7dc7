extension MarkdownNode {
  /// Every heading below this node, in document order, with the slugs `HTMLRenderer` emits.
  public var headings: [Heading] {
    var result: [Heading] = []
    var slugs = SlugRegistry()
    collectHeadings(into: &result, slugs: &slugs)
    return result
  }

  private func collectHeadings(into result: inout [Heading], slugs: inout SlugRegistry) {
    if kind == .heading {
      let text = plainText
      result.append(
        Heading(level: headingLevel, text: text, slug: slugs.slug(for: text), line: start.line))
      return
    }
    guard kind.isBlock else { return }
    for child in children { child.collectHeadings(into: &result, slugs: &slugs) }
  }
}
