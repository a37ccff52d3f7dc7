internal import CCmarkGFM

/// Copies a cmark-gfm node tree into `MarkdownNode` values in one recursive pass.
///
/// The cmark nodes belong to the caller, who frees the root after `build` returns; nothing
/// here keeps a pointer.
struct TreeBuilder {
  /// Added to every line number cmark-gfm reports.
  let lineOffset: Int
  /// Footnote definitions seen so far; cmark-gfm orders them by their reference number.
  private var footnoteDefinitions = 0

  init(lineOffset: Int) {
    self.lineOffset = lineOffset
  }

  /// Converts `node` and its descendants.
  ///
  /// A position cmark-gfm leaves at 0 (inline nodes inside some extensions) is replaced by the
  /// parent's, so every node has a usable line.
  mutating func build(
    _ node: OpaquePointer, depth: Int, parentStart: SourcePosition, parentEnd: SourcePosition
  ) -> MarkdownNode {
    let kind = Self.kind(of: node)
    var result = Draft(kind: kind)
    positions(of: node, into: &result, parentStart: parentStart, parentEnd: parentEnd)
    fillDetails(of: node, into: &result)

    guard cmark_node_first_child(node) != nil else { return result.node }
    if depth >= Markdown.maximumDepth {
      let text = Self.flattenedText(of: node)
      result.children = [
        MarkdownNode(kind: .text, start: result.start, end: result.end, literal: text)
      ]
      return result.node
    }
    var count = 0
    var child = cmark_node_first_child(node)
    while let current = child {
      count += 1
      child = cmark_node_next(current)
    }
    var children: [MarkdownNode] = []
    children.reserveCapacity(count)
    let start = result.start
    let end = result.end
    child = cmark_node_first_child(node)
    while let current = child {
      children.append(build(current, depth: depth + 1, parentStart: start, parentEnd: end))
      child = cmark_node_next(current)
    }
    result.children = children
    return result.node
  }

  /// A node's fields while they are read from cmark-gfm; `MarkdownNode` itself is immutable.
  private struct Draft {
    var kind: MarkdownNode.Kind
    var children: [MarkdownNode] = []
    var start = SourcePosition(line: 1, column: 1)
    var end = SourcePosition(line: 1, column: 1)
    var literal: String?
    var headingLevel = 0
    var url: String?
    var title: String?
    var fenceInfo: String?
    var listOrdered = false
    var listStart = 0
    var listTight = false
    var taskState: Bool?
    var tableAlignments: [TableAlignment] = []
    var isTableHeader = false
    var footnoteIndex = 0

    var node: MarkdownNode {
      MarkdownNode(
        kind: kind, children: children, start: start, end: end, literal: literal,
        headingLevel: headingLevel, url: url, title: title, fenceInfo: fenceInfo,
        listOrdered: listOrdered, listStart: listStart, listTight: listTight,
        taskState: taskState, tableAlignments: tableAlignments, isTableHeader: isTableHeader,
        footnoteIndex: footnoteIndex)
    }
  }

  private func positions(
    of node: OpaquePointer, into result: inout Draft,
    parentStart: SourcePosition, parentEnd: SourcePosition
  ) {
    let startLine = Int(cmark_node_get_start_line(node))
    let endLine = Int(cmark_node_get_end_line(node))
    if startLine > 0 {
      result.start = SourcePosition(
        line: startLine + lineOffset, column: max(1, Int(cmark_node_get_start_column(node))))
    } else {
      result.start = parentStart
    }
    if endLine > 0 {
      result.end = SourcePosition(
        line: endLine + lineOffset, column: Int(cmark_node_get_end_column(node)))
    } else {
      result.end = parentEnd
    }
    if result.end < result.start { result.end = result.start }
  }

  private mutating func fillDetails(of node: OpaquePointer, into result: inout Draft) {
    switch result.kind {
    case .text, .code, .htmlBlock, .htmlInline:
      result.literal = Self.string(cmark_node_get_literal(node))
    case .codeBlock:
      result.literal = Self.string(cmark_node_get_literal(node))
      var length: Int32 = 0
      var offset: Int32 = 0
      var character: CChar = 0
      // cmark-gfm writes through all three pointers; none may be nil.
      if cmark_node_get_fenced(node, &length, &offset, &character) != 0 {
        result.fenceInfo = Self.string(cmark_node_get_fence_info(node)) ?? ""
      }
    case .heading:
      result.headingLevel = Int(cmark_node_get_heading_level(node))
    case .list:
      result.listOrdered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
      result.listStart = Int(cmark_node_get_list_start(node))
      result.listTight = cmark_node_get_list_tight(node) != 0
    case .item:
      if cmark_node_get_syntax_extension(node) != nil,
        Self.string(cmark_node_get_type_string(node)) == "tasklist"
      {
        result.taskState = cmark_gfm_extensions_get_tasklist_item_checked(node)
      }
    case .link, .image:
      result.url = Self.string(cmark_node_get_url(node)) ?? ""
      let title = Self.string(cmark_node_get_title(node)) ?? ""
      result.title = title.isEmpty ? nil : title
    case .table:
      let columns = Int(cmark_gfm_extensions_get_table_columns(node))
      if columns > 0, let alignments = cmark_gfm_extensions_get_table_alignments(node) {
        result.tableAlignments = (0..<columns).map { Self.alignment(alignments[$0]) }
      }
    case .tableRow:
      result.isTableHeader = cmark_gfm_extensions_get_table_row_is_header(node) != 0
    case .footnoteDefinition:
      footnoteDefinitions += 1
      result.footnoteIndex = footnoteDefinitions
    case .footnoteReference:
      // cmark-gfm stores the reference's number (not its label) as the literal.
      result.footnoteIndex = Self.string(cmark_node_get_literal(node)).flatMap { Int($0) } ?? 0
    case .document, .blockQuote, .paragraph, .thematicBreak, .tableCell, .softBreak, .lineBreak,
      .emphasis, .strong, .strikethrough:
      break
    }
  }

  private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
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
  private static func extensionKind(of node: OpaquePointer) -> MarkdownNode.Kind {
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

  private static func alignment(_ code: UInt8) -> TableAlignment {
    switch code {
    case UInt8(ascii: "l"): .left
    case UInt8(ascii: "c"): .center
    case UInt8(ascii: "r"): .right
    default: .none
    }
  }

  private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
    pointer.map { String(cString: $0) }
  }

  /// The text of every leaf below `node`, read with cmark-gfm's iterator (no recursion).
  private static func flattenedText(of node: OpaquePointer) -> String {
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
