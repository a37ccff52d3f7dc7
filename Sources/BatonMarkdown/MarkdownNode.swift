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
  /// The child nodes, in document order.
  public let children: [MarkdownNode]
  /// The first byte of the node in the source.
  public let start: SourcePosition
  /// The last byte of the node in the source (inclusive).
  public let end: SourcePosition
  /// The content of `text`, `code`, `codeBlock`, `htmlBlock` and `htmlInline` nodes.
  public let literal: String?
  /// 1 to 6 for headings, 0 otherwise.
  public let headingLevel: Int
  /// The destination of a link or image, as written (entities decoded, not yet made safe).
  public let url: String?
  /// The title of a link or image, if any.
  public let title: String?
  /// The info string of a fenced code block (`swift`, `mermaid`), nil for indented code.
  public let fenceInfo: String?
  /// Whether a list is numbered.
  public let listOrdered: Bool
  /// The number of the first item of an ordered list.
  public let listStart: Int
  /// Whether a list is tight (its items' paragraphs render without `<p>`).
  public let listTight: Bool
  /// For task list items: true when checked, false when unchecked; nil for other nodes.
  public let taskState: Bool?
  /// For tables: one alignment per column.
  public let tableAlignments: [TableAlignment]
  /// For table rows: whether this is the header row.
  public let isTableHeader: Bool
  /// For footnote references and definitions: the 1-based footnote number shared by a reference
  /// and its definition; 0 otherwise.
  public let footnoteIndex: Int

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
    self.start = start
    self.end = end
    self.literal = literal
    self.headingLevel = headingLevel
    self.url = url
    self.title = title
    self.fenceInfo = fenceInfo
    self.listOrdered = listOrdered
    self.listStart = listStart
    self.listTight = listTight
    self.taskState = taskState
    self.tableAlignments = tableAlignments
    self.isTableHeader = isTableHeader
    self.footnoteIndex = footnoteIndex
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
