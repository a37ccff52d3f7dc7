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
    let kind = CmarkNode.kind(of: node)
    var result = Draft(kind: kind)
    (result.start, result.end) = CmarkNode.positions(
      of: node, lineOffset: lineOffset, parentStart: parentStart, parentEnd: parentEnd)
    fillDetails(of: node, into: &result)

    guard cmark_node_first_child(node) != nil else { return result.node }
    if depth >= Markdown.maximumDepth {
      let text = CmarkNode.flattenedText(of: node)
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
    if kind == .blockQuote, let alert = Alert.split(children) {
      result.kind = .alert
      result.literal = alert.type
      result.children = alert.blocks
    }
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

  private mutating func fillDetails(of node: OpaquePointer, into result: inout Draft) {
    switch result.kind {
    case .text, .code, .htmlBlock, .htmlInline:
      result.literal = CmarkNode.string(cmark_node_get_literal(node))
    case .codeBlock:
      result.literal = CmarkNode.string(cmark_node_get_literal(node))
      var length: Int32 = 0
      var offset: Int32 = 0
      var character: CChar = 0
      // cmark-gfm writes through all three pointers; none may be nil.
      if cmark_node_get_fenced(node, &length, &offset, &character) != 0 {
        result.fenceInfo = CmarkNode.string(cmark_node_get_fence_info(node)) ?? ""
      }
    case .heading:
      result.headingLevel = Int(cmark_node_get_heading_level(node))
    case .list:
      result.listOrdered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
      result.listStart = Int(cmark_node_get_list_start(node))
      result.listTight = cmark_node_get_list_tight(node) != 0
    case .item:
      if cmark_node_get_syntax_extension(node) != nil,
        CmarkNode.string(cmark_node_get_type_string(node)) == "tasklist"
      {
        result.taskState = cmark_gfm_extensions_get_tasklist_item_checked(node)
      }
    case .link, .image:
      result.url = CmarkNode.string(cmark_node_get_url(node)) ?? ""
      let title = CmarkNode.string(cmark_node_get_title(node)) ?? ""
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
      result.footnoteIndex = CmarkNode.string(cmark_node_get_literal(node)).flatMap { Int($0) } ?? 0
    case .document, .blockQuote, .alert, .paragraph, .thematicBreak, .tableCell, .softBreak,
      .lineBreak, .emphasis, .strong, .strikethrough:
      break
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
}
