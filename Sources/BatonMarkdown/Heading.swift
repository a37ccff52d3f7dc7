/// A heading of a document, with the anchor the HTML renderer gives it.
public struct Heading: Sendable, Hashable {
  /// 1 to 6.
  public var level: Int
  /// The heading's plain text.
  public var text: String
  /// The anchor id, unique in the document; identical to what `HTMLRenderer` emits.
  public var slug: String
  /// The line the heading starts on (with the parse's `firstLine` offset).
  public var line: Int

  /// Creates a heading.
  public init(level: Int, text: String, slug: String, line: Int) {
    self.level = level
    self.text = text
    self.slug = slug
    self.line = line
  }
}
