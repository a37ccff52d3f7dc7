/// The state of one `HTMLRenderer.render(_:)` call: the output bytes, the slugs handed out and
/// the footnotes seen.
struct HTMLWriter {
  private let options: HTMLRenderer.Options
  private var output: [UInt8] = []
  private var slugs = SlugRegistry()
  /// Set until the heading named by `skipFirstHeadingOfLevel` has been left out.
  private var headingToSkip: Int?
  /// How many references each footnote has in the whole tree, for its back-links.
  private var footnoteReferenceTotals: [Int: Int] = [:]
  /// How many references to each footnote were rendered so far, for unique ids.
  private var footnoteReferencesRendered: [Int: Int] = [:]
  /// Footnote definitions met while rendering; they are written at the end.
  private var footnotes: [MarkdownNode] = []
  /// The state of a task list item whose checkbox goes into its first paragraph.
  private var pendingCheckbox: Bool?
  /// Whether `headings` notes each heading met (`HTMLRenderer.renderWithHeadings`).
  var notesHeadings = false
  /// The headings met so far, left out or written, in the order of their slugs.
  private(set) var headings: [Heading] = []

  init(options: HTMLRenderer.Options) {
    self.options = options
    self.headingToSkip = options.skipFirstHeadingOfLevel
  }

  /// The HTML written so far.
  var result: String { String(decoding: output, as: UTF8.self) }

  mutating func renderRoot(_ root: MarkdownNode) {
    output.reserveCapacity(4096)
    if root.kind != .document || root.children.last?.kind == .footnoteDefinition {
      countFootnoteReferences(in: root)
    }
    if root.kind == .document {
      for child in root.children { renderTopLevel(child) }
    } else {
      render(root, tight: false)
    }
    renderFootnotes()
  }

  private mutating func countFootnoteReferences(in node: MarkdownNode) {
    if node.kind == .footnoteReference {
      footnoteReferenceTotals[node.footnoteIndex, default: 0] += 1
    }
    for child in node.children { countFootnoteReferences(in: child) }
  }

  private mutating func renderTopLevel(_ node: MarkdownNode) {
    if let level = headingToSkip, node.kind == .heading, node.headingLevel == level {
      headingToSkip = nil
      _ = slug(of: node)
      return
    }
    render(node, tight: false)
  }

  // MARK: - Nodes

  private mutating func render(_ node: MarkdownNode, tight: Bool) {
    switch node.kind {
    case .document:
      renderChildren(node, tight: false)
    case .blockQuote:
      block("<blockquote>\n")
      renderChildren(node, tight: false)
      block("</blockquote>\n")
    case .alert:
      // The type is one of `Alert.titles`' keys, so it is safe in a class name.
      let type = node.literal ?? "note"
      block("<div class=\"markdown-alert markdown-alert-\(type)\" role=\"note\">\n")
      block("<p class=\"markdown-alert-title\">\(Alert.titles[type] ?? "Note")</p>\n")
      renderChildren(node, tight: false)
      block("</div>\n")
    case .list:
      renderList(node)
    case .item:
      renderItem(node, tight: tight)
    case .codeBlock:
      renderCodeBlock(node)
    case .htmlBlock:
      newLine()
      if options.allowUnsafeHTML {
        appendRawHTML(node.literal ?? "")
        newLine()
      } else {
        write("<!-- raw HTML omitted -->\n")
      }
    case .paragraph:
      renderParagraph(node, tight: tight)
    case .heading:
      renderHeading(node)
    case .thematicBreak:
      block("<hr>\n")
    case .table:
      renderTable(node)
    case .tableRow, .tableCell:
      // Rows and cells are written by `renderTable`, which knows the alignments.
      renderChildren(node, tight: false)
    case .footnoteDefinition:
      footnotes.append(node)
    default:
      renderInline(node)
    }
  }

  private mutating func renderInline(_ node: MarkdownNode) {
    switch node.kind {
    case .text:
      HTMLEscaping.appendText(node.literal ?? "", to: &output)
    case .softBreak:
      write("\n")
    case .lineBreak:
      write("<br>\n")
    case .code:
      write("<code>")
      HTMLEscaping.appendText(node.literal ?? "", to: &output)
      write("</code>")
    case .htmlInline:
      if options.allowUnsafeHTML {
        appendRawHTML(node.literal ?? "")
      } else {
        write("<!-- raw HTML omitted -->")
      }
    case .emphasis:
      wrap(node, open: "<em>", close: "</em>")
    case .strong:
      wrap(node, open: "<strong>", close: "</strong>")
    case .strikethrough:
      wrap(node, open: "<del>", close: "</del>")
    case .link:
      write("<a href=\"")
      appendURL(node.url ?? "")
      write("\"")
      appendTitle(node.title)
      write(">")
      renderChildren(node, tight: false)
      write("</a>")
    case .image:
      write("<img src=\"")
      appendURL(node.url ?? "")
      write("\" alt=\"")
      HTMLEscaping.appendText(node.plainText, to: &output)
      write("\"")
      appendTitle(node.title)
      write(">")
    case .footnoteReference:
      renderFootnoteReference(node)
    default:
      renderChildren(node, tight: false)
    }
  }

  private mutating func renderChildren(_ node: MarkdownNode, tight: Bool) {
    for child in node.children { render(child, tight: tight) }
  }

  private mutating func wrap(_ node: MarkdownNode, open: String, close: String) {
    write(open)
    renderChildren(node, tight: false)
    write(close)
  }

  private mutating func renderList(_ node: MarkdownNode) {
    let isTaskList = node.children.contains { $0.taskState != nil }
    let tag = node.listOrdered ? "ol" : "ul"
    newLine()
    write("<\(tag)")
    if node.listOrdered && node.listStart != 1 { write(" start=\"\(node.listStart)\"") }
    if isTaskList { write(" class=\"contains-task-list\"") }
    write(">\n")
    renderChildren(node, tight: node.listTight)
    block("</\(tag)>\n")
  }

  private mutating func renderItem(_ node: MarkdownNode, tight: Bool) {
    newLine()
    if let checked = node.taskState {
      write("<li class=\"task-list-item\">")
      if node.children.first?.kind == .paragraph {
        pendingCheckbox = checked
      } else {
        writeCheckbox(checked)
      }
    } else {
      write("<li>")
    }
    renderChildren(node, tight: tight)
    pendingCheckbox = nil
    write("</li>\n")
  }

  private mutating func writeCheckbox(_ checked: Bool) {
    // Named by its state: a checkbox needs a label, and the item's text follows it.
    write("<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled")
    write(checked ? " checked aria-label=\"done\"> " : " aria-label=\"to do\"> ")
  }

  private mutating func renderParagraph(_ node: MarkdownNode, tight: Bool) {
    if !tight {
      newLine()
      write("<p>")
    }
    if let checked = pendingCheckbox {
      pendingCheckbox = nil
      writeCheckbox(checked)
    }
    renderChildren(node, tight: false)
    if !tight { write("</p>\n") }
  }

  private mutating func renderHeading(_ node: MarkdownNode) {
    let level = min(max(node.headingLevel, 1), 6)
    let slug = slug(of: node)
    newLine()
    write("<h\(level)")
    if options.headingAnchors {
      write(" id=\"")
      HTMLEscaping.appendText(slug, to: &output)
      write("\"")
    }
    write(">")
    renderChildren(node, tight: false)
    if options.headingAnchors {
      write("<a class=\"anchor\" href=\"#")
      HTMLEscaping.appendText(slug, to: &output)
      write("\" aria-hidden=\"true\">#</a>")
    }
    write("</h\(level)>\n")
  }

  /// A heading's slug, unique in the document; the heading is noted when `notesHeadings`.
  private mutating func slug(of heading: MarkdownNode) -> String {
    let text = heading.plainText
    let slug = slugs.slug(for: text)
    if notesHeadings {
      headings.append(
        Heading(level: heading.headingLevel, text: text, slug: slug, line: heading.start.line))
    }
    return slug
  }

  private mutating func renderCodeBlock(_ node: MarkdownNode) {
    let language = node.fenceInfo.flatMap { info in
      info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
    }
    newLine()
    if language?.lowercased() == "mermaid" {
      write("<pre class=\"mermaid\">")
      HTMLEscaping.appendText(node.literal ?? "", to: &output)
      write("</pre>\n")
      return
    }
    write("<pre><code")
    if let language, !language.isEmpty {
      write(" class=\"language-")
      HTMLEscaping.appendText(language, to: &output)
      write("\"")
    }
    write(">")
    HTMLEscaping.appendText(node.literal ?? "", to: &output)
    write("</code></pre>\n")
  }

  private mutating func renderTable(_ node: MarkdownNode) {
    newLine()
    write("<table>\n")
    let header = node.children.filter { $0.kind == .tableRow && $0.isTableHeader }
    let body = node.children.filter { !($0.kind == .tableRow && $0.isTableHeader) }
    if !header.isEmpty {
      write("<thead>\n")
      for row in header { renderTableRow(row, alignments: node.tableAlignments) }
      write("</thead>\n")
    }
    if !body.isEmpty {
      write("<tbody>\n")
      for row in body { renderTableRow(row, alignments: node.tableAlignments) }
      write("</tbody>\n")
    }
    write("</table>\n")
  }

  private mutating func renderTableRow(_ row: MarkdownNode, alignments: [TableAlignment]) {
    guard row.kind == .tableRow else {
      render(row, tight: false)
      return
    }
    let tag = row.isTableHeader ? "th" : "td"
    write("<tr>\n")
    for (column, cell) in row.children.enumerated() {
      write("<\(tag)")
      switch (column < alignments.count ? alignments[column] : .none, options.alignmentClasses) {
      case (.none, _): break
      case (.left, false): write(" style=\"text-align: left\"")
      case (.center, false): write(" style=\"text-align: center\"")
      case (.right, false): write(" style=\"text-align: right\"")
      case (.left, true): write(" class=\"align-left\"")
      case (.center, true): write(" class=\"align-center\"")
      case (.right, true): write(" class=\"align-right\"")
      }
      write(">")
      renderChildren(cell, tight: false)
      write("</\(tag)>\n")
    }
    write("</tr>\n")
  }

  // MARK: - Footnotes

  private mutating func renderFootnoteReference(_ node: MarkdownNode) {
    let number = node.footnoteIndex
    footnoteReferencesRendered[number, default: 0] += 1
    let occurrence = footnoteReferencesRendered[number, default: 1]
    let id = occurrence == 1 ? "fnref-\(number)" : "fnref-\(number)-\(occurrence)"
    write("<sup class=\"footnote-ref\"><a href=\"#fn-\(number)\" id=\"\(id)\"")
    write(" data-footnote-ref>\(number)</a></sup>")
  }

  private mutating func renderFootnotes() {
    guard !footnotes.isEmpty else { return }
    newLine()
    write("<section class=\"footnotes\" data-footnotes>\n<ol>\n")
    var index = 0
    // Rendering a footnote can only meet references, never new definitions, but read the list
    // by index anyway so that the loop cannot go wrong if it grows.
    while index < footnotes.count {
      let footnote = footnotes[index]
      index += 1
      let number = footnote.footnoteIndex
      write("<li id=\"fn-\(number)\">\n")
      var children = footnote.children
      let last = children.last?.kind == .paragraph ? children.removeLast() : nil
      for child in children { render(child, tight: false) }
      newLine()
      write("<p>")
      if let last { renderChildren(last, tight: false) }
      writeBackReferences(number)
      write("</p>\n</li>\n")
    }
    write("</ol>\n</section>\n")
  }

  private mutating func writeBackReferences(_ number: Int) {
    let total = footnoteReferenceTotals[number, default: 0]
    guard total > 0 else { return }
    for occurrence in 1...total {
      let target = occurrence == 1 ? "fnref-\(number)" : "fnref-\(number)-\(occurrence)"
      write(" <a href=\"#\(target)\" class=\"footnote-backref\" data-footnote-backref")
      write(" aria-label=\"Back to reference \(number)\">↩")
      if occurrence > 1 { write("<sup>\(occurrence)</sup>") }
      write("</a>")
    }
  }

  // MARK: - Output

  private mutating func write(_ text: String) {
    output.append(contentsOf: text.utf8)
  }

  /// Starts a block on a fresh line.
  private mutating func block(_ text: String) {
    newLine()
    write(text)
  }

  private mutating func newLine() {
    if let last = output.last, last != UInt8(ascii: "\n") { output.append(UInt8(ascii: "\n")) }
  }

  private mutating func appendURL(_ url: String) {
    var url = options.rewriteURL?(url) ?? url
    if !options.allowUnsafeHTML && URLSafety.isDangerous(url) { url = "#" }
    HTMLEscaping.appendURL(url, to: &output)
  }

  private mutating func appendTitle(_ title: String?) {
    guard let title else { return }
    write(" title=\"")
    HTMLEscaping.appendText(title, to: &output)
    write("\"")
  }

  private mutating func appendRawHTML(_ html: String) {
    if options.filterDangerousTags {
      HTMLEscaping.appendFilteredHTML(html, to: &output)
    } else {
      output.append(contentsOf: html.utf8)
    }
  }
}
