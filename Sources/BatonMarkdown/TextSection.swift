/// A run of a document's text under one heading, for the search index.
public struct TextSection: Sendable, Hashable {
  /// The heading's anchor (as `HTMLRenderer` emits it); nil for the text before the first heading.
  public var headingSlug: String?
  /// The heading's plain text; nil for the text before the first heading.
  public var headingText: String?
  /// The heading's level, 0 for the text before the first heading.
  public var headingLevel: Int
  /// The line the section starts on.
  public var line: Int
  /// The section's text: blocks separated by line breaks.
  public var text: String

  /// Creates a section.
  public init(
    headingSlug: String?, headingText: String?, headingLevel: Int, line: Int, text: String
  ) {
    self.headingSlug = headingSlug
    self.headingText = headingText
    self.headingLevel = headingLevel
    self.line = line
    self.text = text
  }
}
