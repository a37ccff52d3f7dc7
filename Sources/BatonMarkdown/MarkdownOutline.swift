/// What a Markdown document says, read straight off cmark-gfm's tree: its top-level blocks, its
/// headings, links, raw HTML and runs of prose, each with its position.
///
/// Checking a document needs these facts and never the full tree, so `Markdown.outline` reads
/// them without building a `MarkdownNode` per node; that is most of the time a parse takes.
/// Every text here is what the tree's helpers give for the same node (`plainText`, `headings`),
/// and the tests hold the two to that.
public struct MarkdownOutline: Sendable, Hashable {
  /// A block directly below the document.
  public struct Block: Sendable, Hashable {
    /// What a top-level block is, as far as reading metadata cares.
    public enum Kind: Sendable, Hashable {
      case heading
      case paragraph
      case list
      /// Anything else: code, quotes, tables, raw HTML, thematic breaks, footnotes.
      case other
    }

    public var kind: Kind
    /// 1 to 6 for headings, 0 otherwise.
    public var headingLevel: Int
    /// The first byte of the block.
    public var start: SourcePosition
    /// The last byte of the block (inclusive).
    public var end: SourcePosition
    /// For headings, their plain text (`MarkdownNode.plainText`); empty otherwise.
    public var text: String
    /// The prose lines of paragraphs in this block (itself, or inside lists and quotes): each
    /// paragraph's plain text split at line breaks, numbered from the paragraph's first line.
    public var lines: [TextLine]
    /// For lists, each item's plain text (`MarkdownNode.plainText`) and first line.
    public var items: [TextLine]
  }

  /// A line of text and the source line it is on.
  public struct TextLine: Sendable, Hashable {
    public var text: String
    public var line: Int

    public init(text: String, line: Int) {
      self.text = text
      self.line = line
    }
  }

  /// A link or image with a non-empty destination.
  public struct Link: Sendable, Hashable {
    /// The destination as written (entities decoded, not yet made safe).
    public var url: String
    public var start: SourcePosition
    public var isImage: Bool
  }

  /// Adjacent text outside code and raw HTML, joined, up to the next break or block boundary.
  public struct TextRun: Sendable, Hashable {
    public var text: String
    /// Where the run's first text node starts.
    public var start: SourcePosition
  }

  /// The blocks directly below the document, in order.
  public var blocks: [Block] = []
  /// Every heading, in document order, with the slugs `HTMLRenderer` gives them.
  public var headings: [Heading] = []
  /// Every link and image with a destination, in document order.
  public var links: [Link] = []
  /// The runs of prose, in document order.
  public var textRuns: [TextRun] = []
  /// The literal of every raw HTML block and inline tag, in document order.
  public var html: [String] = []

  public init() {}
}
