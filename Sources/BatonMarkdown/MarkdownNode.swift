/// One node of a parsed Markdown document, with its children and source range.
///
/// The tree is a plain value: it holds no reference to cmark-gfm and can be sent between tasks.
/// Fields that only some kinds use keep a neutral value (`nil`, `0`, `false`, `[]`) elsewhere.
public final class MarkdownNode: Sendable, Hashable {
  /// What a node is. Block kinds come first, then inline kinds.
  public enum Kind: Sendable, Hashable {
    case document
    case blockQuote
    /// A GitHub alert (`> [!NOTE]`): a block quote whose marker line is dropped; `literal` is
    /// its type in lower case (`note`, `tip`, `important`, `warning`, `caution`, see `Alert`).
    case alert
    /// See `listOrdered`, `listStart`, `listTight`.
    case list
    /// A list item; see `taskState` for GFM task list items.
    case item
    /// Indented or fenced code; `literal` is the content, `fenceInfo` the info string.
    case codeBlock
    /// Raw HTML block; `literal` is the HTML.
    case htmlBlock
    case paragraph
    /// See `headingLevel`.
    case heading
    case thematicBreak
    /// A GFM table; see `tableAlignments`. Its children are `tableRow`s.
    case table
    /// See `isTableHeader`. Its children are `tableCell`s.
    case tableRow
    case tableCell
    /// A footnote's content; see `footnoteIndex`. cmark-gfm keeps only referenced footnotes
    /// and moves them to the end of the document, in the order of their first reference.
    case footnoteDefinition
    /// Text; `literal` holds it, with entities and escapes already resolved.
    case text
    case softBreak
    case lineBreak
    /// Inline code; `literal` is the code.
    case code
    /// Raw inline HTML; `literal` is the tag.
    case htmlInline
    case emphasis
    case strong
    case strikethrough
    /// See `url` and `title`; autolinks are links too.
    case link
    /// See `url` and `title`; the alternative text is the children's `plainText`.
    case image
    /// A footnote reference; see `footnoteIndex`.
    case footnoteReference
  }

  /// What this node is.
  public let kind: Kind
  /// `headingLevel`, and the flags `listOrdered`, `listTight`, `isTableHeader` and `taskState`,
  /// packed: a handbook holds tens of thousands of trees in memory while its site is built, and
  /// most nodes are text that uses none of them.
  private let level: UInt8
  private let flags: UInt8
  /// `start` and `end` as 32-bit lines and columns (a file is far smaller than 2 GB).
  private let startLine: Int32
  private let startColumn: Int32
  private let endLine: Int32
  private let endColumn: Int32
  /// The child nodes, in document order.
  public let children: [MarkdownNode]
  /// The content of `text`, `code`, `codeBlock`, `htmlBlock` and `htmlInline` nodes.
  public let literal: String?
  /// The fields only links, images, fenced code, lists, tables and footnotes use; nil when all
  /// are neutral.
  private let details: Details?

  /// The rarely used fields, kept apart so that other nodes do not carry them.
  private final class Details: Sendable {
    let url: String?
    let title: String?
    let fenceInfo: String?
    let listStart: Int
    let tableAlignments: [TableAlignment]
    let footnoteIndex: Int

    init(
      url: String?, title: String?, fenceInfo: String?, listStart: Int,
      tableAlignments: [TableAlignment], footnoteIndex: Int
    ) {
      self.url = url
      self.title = title
      self.fenceInfo = fenceInfo
      self.listStart = listStart
      self.tableAlignments = tableAlignments
      self.footnoteIndex = footnoteIndex
    }
  }

  private static let orderedFlag: UInt8 = 1
  private static let tightFlag: UInt8 = 2
  private static let headerFlag: UInt8 = 4
  private static let taskFlag: UInt8 = 8
  private static let checkedFlag: UInt8 = 16

  /// The first byte of the node in the source.
  public var start: SourcePosition {
    SourcePosition(line: Int(startLine), column: Int(startColumn))
  }
  /// The last byte of the node in the source (inclusive).
  public var end: SourcePosition {
    SourcePosition(line: Int(endLine), column: Int(endColumn))
  }
  /// 1 to 6 for headings, 0 otherwise.
  public var headingLevel: Int { Int(level) }
  /// The destination of a link or image, as written (entities decoded, not yet made safe).
  public var url: String? { details?.url }
  /// The title of a link or image, if any.
  public var title: String? { details?.title }
  /// The info string of a fenced code block (`swift`, `mermaid`), nil for indented code.
  public var fenceInfo: String? { details?.fenceInfo }
  /// Whether a list is numbered.
  public var listOrdered: Bool { flags & MarkdownNode.orderedFlag != 0 }
  /// The number of the first item of an ordered list.
  public var listStart: Int { details?.listStart ?? 0 }
  /// Whether a list is tight (its items' paragraphs render without `<p>`).
  public var listTight: Bool { flags & MarkdownNode.tightFlag != 0 }
  /// For task list items: true when checked, false when unchecked; nil for other nodes.
  public var taskState: Bool? {
    flags & MarkdownNode.taskFlag == 0 ? nil : flags & MarkdownNode.checkedFlag != 0
  }
  /// For tables: one alignment per column.
  public var tableAlignments: [TableAlignment] { details?.tableAlignments ?? [] }
  /// For table rows: whether this is the header row.
  public var isTableHeader: Bool { flags & MarkdownNode.headerFlag != 0 }
  /// For footnote references and definitions: the 1-based footnote number shared by a reference
  /// and its definition; 0 otherwise.
  public var footnoteIndex: Int { details?.footnoteIndex ?? 0 }

  /// Creates a node; every kind-specific field defaults to its neutral value.
  public init(
    kind: Kind,
    children: [MarkdownNode] = [],
    start: SourcePosition = SourcePosition(line: 1, column: 1),
    end: SourcePosition = SourcePosition(line: 1, column: 1),
    literal: String? = nil,
    headingLevel: Int = 0,
    url: String? = nil,
    title: String? = nil,
    fenceInfo: String? = nil,
    listOrdered: Bool = false,
    listStart: Int = 0,
    listTight: Bool = false,
    taskState: Bool? = nil,
    tableAlignments: [TableAlignment] = [],
    isTableHeader: Bool = false,
    footnoteIndex: Int = 0
  ) {
    self.kind = kind
    self.children = children
    self.startLine = Int32(clamping: start.line)
    self.startColumn = Int32(clamping: start.column)
    self.endLine = Int32(clamping: end.line)
    self.endColumn = Int32(clamping: end.column)
    self.literal = literal
    self.level = UInt8(clamping: headingLevel)
    var flags: UInt8 = 0
    if listOrdered { flags |= MarkdownNode.orderedFlag }
    if listTight { flags |= MarkdownNode.tightFlag }
    if isTableHeader { flags |= MarkdownNode.headerFlag }
    if let taskState { flags |= MarkdownNode.taskFlag | (taskState ? MarkdownNode.checkedFlag : 0) }
    self.flags = flags
    let neutral =
      url == nil && title == nil && fenceInfo == nil && listStart == 0
      && tableAlignments.isEmpty && footnoteIndex == 0
    self.details =
      neutral
      ? nil
      : Details(
        url: url, title: title, fenceInfo: fenceInfo, listStart: listStart,
        tableAlignments: tableAlignments, footnoteIndex: footnoteIndex)
  }

  /// Structural equality: same kind, fields and children (trees are compared by value).
  public static func == (lhs: MarkdownNode, rhs: MarkdownNode) -> Bool {
    if lhs === rhs { return true }
    return lhs.kind == rhs.kind && lhs.start == rhs.start && lhs.end == rhs.end
      && lhs.literal == rhs.literal && lhs.headingLevel == rhs.headingLevel && lhs.url == rhs.url
      && lhs.title == rhs.title && lhs.fenceInfo == rhs.fenceInfo
      && lhs.listOrdered == rhs.listOrdered && lhs.listStart == rhs.listStart
      && lhs.listTight == rhs.listTight && lhs.taskState == rhs.taskState
      && lhs.tableAlignments == rhs.tableAlignments && lhs.isTableHeader == rhs.isTableHeader
      && lhs.footnoteIndex == rhs.footnoteIndex && lhs.children == rhs.children
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(kind)
    hasher.combine(start)
    hasher.combine(literal)
    hasher.combine(url)
    hasher.combine(children)
  }
}
