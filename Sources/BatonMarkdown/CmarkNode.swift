internal import CCmarkGFM

/// Reading cmark-gfm nodes: kinds, positions, strings; shared by `TreeBuilder` and
/// `OutlineScanner`, which must agree on every one of them.
enum CmarkNode {
  /// A node's start and end, shifted by `lineOffset`.
  ///
  /// A position cmark-gfm leaves at 0 (inline nodes inside some extensions) is replaced by the
  /// parent's, so every node has a usable line.
  static func positions(
    of node: OpaquePointer, lineOffset: Int, parentStart: SourcePosition,
    parentEnd: SourcePosition
  ) -> (start: SourcePosition, end: SourcePosition) {
    let startLine = Int(cmark_node_get_start_line(node))
    let endLine = Int(cmark_node_get_end_line(node))
    let start =
      startLine > 0
      ? SourcePosition(
        line: startLine + lineOffset, column: max(1, Int(cmark_node_get_start_column(node))))
      : parentStart
    var end =
      endLine > 0
      ? SourcePosition(line: endLine + lineOffset, column: Int(cmark_node_get_end_column(node)))
      : parentEnd
    if end < start { end = start }
    return (start, end)
  }

  static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
    switch cmark_node_get_type(node) {
    case CMARK_NODE_DOCUMENT: return .document
    case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
    case CMARK_NODE_LIST: return .list
    case CMARK_NODE_ITEM: return .item
    case CMARK_NODE_CODE_BLOCK: return .codeBlock
    case CMARK_NODE_HTML_BLOCK: return .htmlBlock
    case CMARK_NODE_PARAGRAPH: return .paragraph
    case CMARK_NODE_HEADING: return .heading
    case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
    case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition
    case CMARK_NODE_TEXT: return .text
    case CMARK_NODE_SOFTBREAK: return .softBreak
    case CMARK_NODE_LINEBREAK: return .lineBreak
    case CMARK_NODE_CODE: return .code
    case CMARK_NODE_HTML_INLINE: return .htmlInline
    case CMARK_NODE_EMPH: return .emphasis
    case CMARK_NODE_STRONG: return .strong
    case CMARK_NODE_LINK: return .link
    case CMARK_NODE_IMAGE: return .image
    case CMARK_NODE_FOOTNOTE_REFERENCE: return .footnoteReference
    default:
      return extensionKind(of: node)
    }
  }

  /// Node types of extensions are allocated at registration, so they are told apart by name.
  static func extensionKind(of node: OpaquePointer) -> MarkdownNode.Kind {
    switch string(cmark_node_get_type_string(node)) {
    case "table": return .table
    case "table_header", "table_row": return .tableRow
    case "table_cell": return .tableCell
    case "strikethrough": return .strikethrough
    default:
      // Only the attached extensions create nodes; anything else is shown as its text.
      return cmark_node_get_type(node).rawValue & UInt32(CMARK_NODE_TYPE_INLINE) != 0
        ? .text : .paragraph
    }
  }

  static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
    pointer.map { String(cString: $0) }
  }

  /// The text of every leaf below `node`, read with cmark-gfm's iterator (no recursion).
  static func flattenedText(of node: OpaquePointer) -> String {
    var text = ""
    guard let iterator = cmark_iter_new(node) else { return text }
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else {
        continue
      }
      switch cmark_node_get_type(current) {
      case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
        text += string(cmark_node_get_literal(current)) ?? ""
      case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
        if let last = text.last, last != " " { text += " " }
      default:
        break
      }
    }
    return text
  }
}
