/// Renders a `MarkdownNode` tree to HTML that is safe to publish.
///
/// Every text and attribute is escaped. Unless `Options.allowUnsafeHTML` is set, raw HTML is
/// replaced by an HTML comment and `javascript:`, `vbscript:` and `data:` URLs (other than
/// PNG, GIF, JPEG and WebP images) become `#`. The output depends only on the tree and the
/// options, so two renders of the same document are byte identical.
public struct HTMLRenderer: Sendable {
  /// What to render and how far to trust the document.
  public struct Options: Sendable {
    /// Pass raw HTML and every URL scheme through; only for repositories the site trusts.
    public var allowUnsafeHTML: Bool
    /// When raw HTML passes through, still disable the tags GFM's tag filter names (`script`,
    /// `iframe`, `style`, `textarea`, `title`, `xmp`, `noembed`, `noframes`, `plaintext`).
    public var filterDangerousTags: Bool
    /// Give each heading `id="slug"` and a trailing `<a class="anchor">` link to itself.
    public var headingAnchors: Bool
    /// Applied to every link and image URL before it is checked and escaped.
    public var rewriteURL: (@Sendable (String) -> String)?
    /// Leave out the first top-level heading of this level (the page template shows the title).
    /// Its slug is still reserved, so `MarkdownNode.headings` stays in step.
    public var skipFirstHeadingOfLevel: Int?
    /// Write a table column's alignment as `class="align-left"` (`center`, `right`) rather than
    /// an inline style, which a Content-Security-Policy without `style-src 'unsafe-inline'`
    /// forbids.
    public var alignmentClasses: Bool

    /// Creates options; the defaults are safe for untrusted documents.
    public init(
      allowUnsafeHTML: Bool = false,
      filterDangerousTags: Bool = true,
      headingAnchors: Bool = true,
      rewriteURL: (@Sendable (String) -> String)? = nil,
      skipFirstHeadingOfLevel: Int? = nil,
      alignmentClasses: Bool = false
    ) {
      self.allowUnsafeHTML = allowUnsafeHTML
      self.filterDangerousTags = filterDangerousTags
      self.headingAnchors = headingAnchors
      self.rewriteURL = rewriteURL
      self.skipFirstHeadingOfLevel = skipFirstHeadingOfLevel
      self.alignmentClasses = alignmentClasses
    }
  }

  /// The options every render uses.
  public var options: Options

  /// Creates a renderer.
  public init(options: Options = Options()) {
    self.options = options
  }

  /// Renders `node` and its descendants; footnotes follow in a `<section class="footnotes">`.
  ///
  /// - Parameter node: usually a `document`, but any node renders.
  /// - Returns: an HTML fragment.
  public func render(_ node: MarkdownNode) -> String {
    var writer = HTMLWriter(options: options)
    writer.renderRoot(node)
    return writer.result
  }

  /// Renders `node` as `render(_:)` does, with its headings as `MarkdownNode.headings` gives
  /// them (text, slug and line), noted as they are written: a page that shows a table of
  /// contents need not walk the tree and work out each heading's text and slug again.
  public func renderWithHeadings(_ node: MarkdownNode) -> (html: String, headings: [Heading]) {
    var writer = HTMLWriter(options: options)
    writer.notesHeadings = true
    writer.renderRoot(node)
    return (writer.result, writer.headings)
  }
}
