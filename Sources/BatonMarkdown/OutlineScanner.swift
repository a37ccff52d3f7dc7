internal import CCmarkGFM

/// Reads a `MarkdownOutline` off a cmark-gfm tree, without building `MarkdownNode`s.
///
/// Each fact is computed the way `TreeBuilder` and the tree's helpers would compute it from the
/// same nodes: positions that cmark-gfm leaves at 0 take the parent's, and nesting deeper than
/// `Markdown.maximumDepth` reads as the flattened text `TreeBuilder` puts there. Text is gathered
/// as UTF-8 bytes and turned into a `String` once per fact.
struct OutlineScanner {
  /// Added to every line number cmark-gfm reports.
  let lineOffset: Int
  private(set) var outline = MarkdownOutline()
  private var slugs = SlugRegistry()
  private var run: [UInt8] = []
  private var runStart = SourcePosition(line: 1, column: 1)

  init(lineOffset: Int) {
    self.lineOffset = lineOffset
  }

  /// Reads the document node `root`, whose position is `start`…`end`.
  mutating func scan(_ root: OpaquePointer, start: SourcePosition, end: SourcePosition) {
    var child = cmark_node_first_child(root)
    while let node = child {
      let (nodeStart, nodeEnd) = position(of: node, parentStart: start, parentEnd: end)
      let kind = CmarkNode.kind(of: node)
      var block = MarkdownOutline.Block(
        kind: Self.blockKind(kind), headingLevel: 0, start: nodeStart, end: nodeEnd, text: "",
        lines: [], items: [])
      collectLines(node, kind: kind, depth: 1, start: nodeStart, end: nodeEnd, into: &block.lines)
      if kind == .list {
        block.items = listItems(node, start: nodeStart, end: nodeEnd)
      }
      let headingCount = outline.headings.count
      visit(node, kind: kind, depth: 1, start: nodeStart, end: nodeEnd)
      if kind == .heading, outline.headings.count > headingCount {
        block.headingLevel = outline.headings[headingCount].level
        block.text = outline.headings[headingCount].text
      }
      outline.blocks.append(block)
      child = cmark_node_next(node)
    }
    flushRun()
  }

  private func position(
    of node: OpaquePointer, parentStart: SourcePosition, parentEnd: SourcePosition
  ) -> (SourcePosition, SourcePosition) {
    CmarkNode.positions(
      of: node, lineOffset: lineOffset, parentStart: parentStart, parentEnd: parentEnd)
  }

  private static func blockKind(_ kind: MarkdownNode.Kind) -> MarkdownOutline.Block.Kind {
    switch kind {
    case .heading: .heading
    case .paragraph: .paragraph
    case .list: .list
    default: .other
    }
  }

  /// Whether `node`'s children are replaced by their flattened text, as `TreeBuilder` does.
  private static func isFlattened(_ node: OpaquePointer, depth: Int) -> Bool {
    depth >= Markdown.maximumDepth && cmark_node_first_child(node) != nil
  }

  // MARK: - Headings, links, raw HTML and prose runs

  private mutating func visit(
    _ node: OpaquePointer, kind: MarkdownNode.Kind, depth: Int, start: SourcePosition,
    end: SourcePosition
  ) {
    switch kind {
    case .text:
      if run.isEmpty { runStart = start }
      Self.appendLiteral(of: node, to: &run)
      return
    case .htmlBlock, .htmlInline:
      flushRun()
      outline.html.append(CmarkNode.string(cmark_node_get_literal(node)) ?? "")
      return
    case .codeBlock, .code, .softBreak, .lineBreak:
      flushRun()
      return
    case .heading:
      var text: [UInt8] = []
      appendPlainText(node, kind: kind, depth: depth, to: &text)
      let string = String(decoding: text, as: UTF8.self)
      outline.headings.append(
        Heading(
          level: Int(cmark_node_get_heading_level(node)), text: string,
          slug: slugs.slug(for: string), line: start.line))
    case .link, .image:
      if let url = CmarkNode.string(cmark_node_get_url(node)), !url.isEmpty {
        outline.links.append(
          MarkdownOutline.Link(url: url, start: start, isImage: kind == .image))
      }
    default:
      break
    }
    let isBlock = kind.isBlock
    if isBlock { flushRun() }
    if Self.isFlattened(node, depth: depth) {
      if run.isEmpty { runStart = start }
      run += CmarkNode.flattenedText(of: node).utf8
    } else {
      var child = cmark_node_first_child(node)
      while let current = child {
        let (childStart, childEnd) = position(of: current, parentStart: start, parentEnd: end)
        visit(
          current, kind: CmarkNode.kind(of: current), depth: depth + 1, start: childStart,
          end: childEnd)
        child = cmark_node_next(current)
      }
    }
    if isBlock { flushRun() }
  }

  private mutating func flushRun() {
    guard !run.isEmpty else { return }
    outline.textRuns.append(
      MarkdownOutline.TextRun(text: String(decoding: run, as: UTF8.self), start: runStart))
    run.removeAll(keepingCapacity: true)
  }

  // MARK: - Plain text

  /// Appends what `MarkdownNode.appendPlainText` appends for the same node.
  private func appendPlainText(
    _ node: OpaquePointer, kind: MarkdownNode.Kind, depth: Int, to output: inout [UInt8]
  ) {
    switch kind {
    case .text, .code:
      Self.appendLiteral(of: node, to: &output)
      return
    case .softBreak, .lineBreak:
      output.append(UInt8(ascii: " "))
      return
    case .htmlBlock, .htmlInline, .footnoteReference, .thematicBreak:
      return
    case .codeBlock:
      Self.separateBlock(&output)
      let start = output.count
      Self.appendLiteral(of: node, to: &output)
      while output.count > start, output.last == UInt8(ascii: "\n") { output.removeLast() }
      return
    case .emphasis, .strong, .strikethrough, .link, .image:
      break
    default:
      Self.separateBlock(&output)
    }
    if Self.isFlattened(node, depth: depth) {
      output += CmarkNode.flattenedText(of: node).utf8
      return
    }
    var child = cmark_node_first_child(node)
    while let current = child {
      appendPlainText(current, kind: CmarkNode.kind(of: current), depth: depth + 1, to: &output)
      child = cmark_node_next(current)
    }
  }

  private static func separateBlock(_ output: inout [UInt8]) {
    if let last = output.last, last != UInt8(ascii: "\n") { output.append(UInt8(ascii: "\n")) }
  }

  private static func appendLiteral(of node: OpaquePointer, to output: inout [UInt8]) {
    guard let literal = cmark_node_get_literal(node) else { return }
    literal.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
      var index = 0
      while bytes[index] != 0 { index += 1 }
      output.append(contentsOf: UnsafeBufferPointer(start: bytes, count: index))
    }
  }

  // MARK: - Prose lines and list items

  /// The lines of paragraphs at or below `node`, descending through blocks only.
  private func collectLines(
    _ node: OpaquePointer, kind: MarkdownNode.Kind, depth: Int, start: SourcePosition,
    end: SourcePosition, into lines: inout [MarkdownOutline.TextLine]
  ) {
    if kind == .paragraph {
      var texts: [[UInt8]] = [[]]
      appendLines(node, kind: kind, depth: depth, to: &texts)
      for (offset, text) in texts.enumerated() {
        lines.append(
          MarkdownOutline.TextLine(
            text: String(decoding: text, as: UTF8.self), line: start.line + offset))
      }
      return
    }
    // A flattened node's only child is text, which holds no paragraphs.
    guard !Self.isFlattened(node, depth: depth) else { return }
    var child = cmark_node_first_child(node)
    while let current = child {
      let childKind = CmarkNode.kind(of: current)
      if childKind.isBlock {
        let (childStart, childEnd) = position(of: current, parentStart: start, parentEnd: end)
        let count = lines.count
        collectLines(
          current, kind: childKind, depth: depth + 1, start: childStart, end: childEnd,
          into: &lines)
        // An alert's marker line (`> [!NOTE]`) is not prose, as in the tree.
        if kind == .blockQuote, current == cmark_node_first_child(node), lines.count > count,
          Alert.type(ofMarker: lines[count].text) != nil
        {
          lines.remove(at: count)
        }
      }
      child = cmark_node_next(current)
    }
  }

  /// A paragraph's plain text split at soft and hard line breaks.
  private func appendLines(
    _ node: OpaquePointer, kind: MarkdownNode.Kind, depth: Int, to lines: inout [[UInt8]]
  ) {
    switch kind {
    case .softBreak, .lineBreak:
      lines.append([])
    case .text, .code:
      Self.appendLiteral(of: node, to: &lines[lines.count - 1])
    default:
      if Self.isFlattened(node, depth: depth) {
        lines[lines.count - 1] += CmarkNode.flattenedText(of: node).utf8
        return
      }
      var child = cmark_node_first_child(node)
      while let current = child {
        appendLines(current, kind: CmarkNode.kind(of: current), depth: depth + 1, to: &lines)
        child = cmark_node_next(current)
      }
    }
  }

  /// Each item of a top-level list: its plain text and first line.
  private func listItems(
    _ list: OpaquePointer, start: SourcePosition, end: SourcePosition
  ) -> [MarkdownOutline.TextLine] {
    guard !Self.isFlattened(list, depth: 1) else { return [] }
    var items: [MarkdownOutline.TextLine] = []
    var child = cmark_node_first_child(list)
    while let item = child {
      let (itemStart, _) = position(of: item, parentStart: start, parentEnd: end)
      var text: [UInt8] = []
      appendPlainText(item, kind: CmarkNode.kind(of: item), depth: 2, to: &text)
      items.append(
        MarkdownOutline.TextLine(text: String(decoding: text, as: UTF8.self), line: itemStart.line))
      child = cmark_node_next(item)
    }
    return items
  }
}
