/// Splits a document's readable text into sections by heading, for search indexing.
///
/// Every heading (at any level, also inside block quotes and lists) starts a section. The text
/// keeps what a reader sees: paragraphs, list items, table cells, code blocks' content (without
/// the fences), link text (not the URL) and image alternative text. Raw HTML and thematic breaks
/// are left out. Slugs are the ones `MarkdownNode.headings` and `HTMLRenderer` give.
public enum TextExtractor {
  /// The sections of `document`, in order.
  ///
  /// The text before the first heading forms a section with no heading, left out when empty.
  ///
  /// - Parameter document: a parsed document (or any block node).
  /// - Returns: one section per heading, plus the lead section if it has text.
  public static func sections(of document: MarkdownNode) -> [TextSection] {
    var walker = Walker(
      current: TextSection(
        headingSlug: nil, headingText: nil, headingLevel: 0, line: document.start.line, text: ""))
    walker.visit(document)
    walker.finishSection()
    return walker.sections
  }

  private struct Walker {
    var current: TextSection
    var sections: [TextSection] = []
    var slugs = SlugRegistry()

    mutating func visit(_ node: MarkdownNode) {
      switch node.kind {
      case .heading:
        finishSection()
        let text = node.plainText
        current = TextSection(
          headingSlug: slugs.slug(for: text), headingText: text, headingLevel: node.headingLevel,
          line: node.start.line, text: "")
      case .paragraph, .codeBlock, .tableCell:
        append(node.plainText)
      case .document, .blockQuote, .alert, .list, .item, .table, .tableRow, .footnoteDefinition:
        for child in node.children { visit(child) }
      case .htmlBlock, .thematicBreak:
        break
      case .text, .softBreak, .lineBreak, .code, .htmlInline, .emphasis, .strong, .strikethrough,
        .link, .image, .footnoteReference:
        append(node.plainText)
      }
    }

    mutating func append(_ text: String) {
      guard !text.isEmpty else { return }
      if !current.text.isEmpty { current.text += "\n" }
      current.text += text
    }

    mutating func finishSection() {
      if current.headingSlug != nil || !current.text.isEmpty { sections.append(current) }
    }
  }
}
