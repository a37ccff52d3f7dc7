public import BatonMarkdown
import BatonSupport

/// One Markdown document of a collection, parsed: metadata, sections, links and mentions.
///
/// The Parse stage makes documents from bytes alone (no git, no other documents), so parsing
/// runs in parallel; relations between documents are the Corpus's job.
public struct Document: Sendable {
  /// Path relative to the repository's top folder.
  public var path: String
  /// The name of the collection the document belongs to.
  public var collection: String
  /// The name of the document's kind.
  public var kind: String
  /// The identifier from the file name.
  public var identifier: DocumentIdentifier
  /// The title from `title:` or the H1, without numbering such as `42.` or `ADR042:`.
  public var title: Located<String>?
  /// Metadata under canonical keys (`status`, `owner`, `deciders`, `date`, `respond-by`, …)
  /// from front matter, a status section, a bullet list or a date line.
  public var fields: [String: Located<FieldValue>]
  /// Field names as the document wrote them (`Start Date`, `Author(s)`), by Baton's name, for
  /// fields read through an alias: diagnostics name a field the way its document does.
  public var writtenNames: [String: String] = [:]
  /// The status, normalised to lower case and matched against the kind's statuses.
  public var status: Located<String>?
  /// The H2 sections in order.
  public var sections: [Section]
  /// Every link and image reference in the body.
  public var links: [DocumentLink]
  /// Every `@handle` in the body's prose (not in code or URLs).
  public var mentions: [Located<String>]
  /// The heading anchors (slugs) the document defines, for `#anchor` links.
  public var anchors: Set<String>
  /// The parsed body (after front matter), for rendering; nil when the file could not be read,
  /// when the parser was asked not to keep it (checking needs only the facts above), and once
  /// its readers let it go (`releaseBody(afterReaders:)`).
  public var body: MarkdownNode? {
    get { bodySlot?.tree }
    set { bodySlot = newValue.map(BodySlot.init) }
  }
  /// Where `body` is kept: one slot for every copy of the document, so that letting it go
  /// frees the tree whichever copies are still held.
  var bodySlot: BodySlot?
  /// Whether the file was read as text and its Markdown parsed, whether or not `body` is kept.
  public var hasText: Bool
  /// The line where the body starts (after front matter), 1-based.
  public var bodyStartLine: Int
  /// Problems found while reading the file.
  public var problems: [ReadProblem]
  /// Rule ids suppressed by `<!-- baton-ignore: rule-id -->` comments, with the comment's line.
  public var suppressedRules: [String: Int]
  /// Answers to the call to action, in the order written: the kind's responses section
  /// (`## Responses`) or `responses:` in the front matter (see `Response`).
  public var responses: [Response] = []
  /// Lines of the responses section, or entries of `responses:`, that are not responses.
  public var responseProblems: [ResponseProblem] = []
  /// Where the responses are kept: the section's heading line, or the front-matter key's line;
  /// nil when the document has neither.
  public var responsesPlace: Located<String>?

  /// A text or list value of a metadata field.
  public enum FieldValue: Sendable, Hashable {
    case text(String)
    case list([String])

    /// The value as a list: a text value split on commas.
    public var items: [String] {
      switch self {
      case .text(let text):
        text.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
      case .list(let items): items
      }
    }

    /// The value as one text: a list joined with commas.
    public var text: String {
      switch self {
      case .text(let text): text
      case .list(let items): items.joined(separator: ", ")
      }
    }
  }
}

/// An H2 section of a document.
public struct Section: Sendable, Hashable {
  /// The heading's text.
  public var title: String
  /// The heading's anchor.
  public var slug: String
  /// The heading folded for matching section names (`KindSchema.SectionSpec.normalize`).
  public var key: String
  /// The heading's line and column.
  public var line: Int
  public var column: Int
  /// The last line of the section's content.
  public var endLine: Int
  /// `@handles` in the content.
  public var mentions: [Located<String>]
  /// Dates written in the content.
  public var dates: [Located<Day>]
  /// Links in the content.
  public var links: [DocumentLink]
  /// The content's prose, a line of text per source line (paragraphs and list items).
  public var lines: [Located<String>]

  /// The content's plain text: its lines joined by newlines (made when asked: few sections are).
  public var text: String { lines.map(\.value).joined(separator: "\n") }
}

/// A link or image reference in a document's body.
///
/// Where a relative link leads is worked out once, when the document is parsed: the corpus,
/// the link rules and the site all ask, many times over.
public struct DocumentLink: Sendable, Hashable {
  public let url: String
  public let line: Int
  public let column: Int
  public let isImage: Bool
  /// Whether the link points into the repository (no scheme, not protocol-relative).
  public let isRelative: Bool
  /// For a relative link, the repository path it leads to (see `DocumentLink.target(of:from:)`);
  /// nil for other links, for a bare `#anchor` or `?query`, and for a path that climbs out of
  /// the repository.
  public let target: String?

  /// A link found in the document at `documentPath`.
  public init(url: String, line: Int, column: Int, isImage: Bool, in documentPath: String) {
    self.url = url
    self.line = line
    self.column = column
    self.isImage = isImage
    self.isRelative = DocumentLink.isRelative(url)
    self.target = isRelative ? DocumentLink.target(of: url, from: documentPath) : nil
  }

  /// A link as it was found before, with where it leads already worked out (the parse cache).
  package init(
    url: String, line: Int, column: Int, isImage: Bool, isRelative: Bool, target: String?
  ) {
    self.url = url
    self.line = line
    self.column = column
    self.isImage = isImage
    self.isRelative = isRelative
    self.target = target
  }

  /// Whether `url` points into the repository: no scheme before the first `/`, `#` or `?`, and
  /// not protocol-relative (`//host`) or `mailto:`.
  public static func isRelative(_ url: String) -> Bool {
    let bytes = url.utf8
    if bytes.starts(with: "//".utf8) || bytes.starts(with: "mailto:".utf8) { return false }
    guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return true }
    let slash = bytes.firstIndex {
      $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?")
    }
    return slash.map { $0 < colon } ?? false
  }

  /// The repository path a relative link points at (fragment and query dropped, `%XX` decoded,
  /// `.` and `..` resolved against the folder of `documentPath`, or against the root for a
  /// link starting with `/`); nil when nothing is left or the path climbs out of the
  /// repository.
  ///
  /// Works on UTF-8 bytes: every separator is ASCII, so splitting there never cuts a scalar.
  public static func target(of url: String, from documentPath: String) -> String? {
    let slash = UInt8(ascii: "/")
    let dot = UInt8(ascii: ".")
    var path = url.utf8[...]
    if let cut = path.firstIndex(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") }) {
      path = path[..<cut]
    }
    guard !path.isEmpty else { return nil }
    // Percent-decoding goes through Foundation and is slow: only when there is a `%`.
    if path.contains(UInt8(ascii: "%")) {
      let text = String(Substring(path))
      path = (text.removingPercentEncoding ?? text).utf8[...]
    }
    var parts: [Substring.UTF8View] = []
    if path.first != slash {
      parts = documentPath.utf8.split(separator: slash)
      if !parts.isEmpty { parts.removeLast() }
    }
    for part in path.split(separator: slash) {
      if part.count == 1, part.first == dot { continue }
      if part.count == 2, part.first == dot, part.last == dot {
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
        continue
      }
      parts.append(part)
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(parts.reduce(parts.count) { $0 + $1.count })
    for (index, part) in parts.enumerated() {
      if index > 0 { bytes.append(slash) }
      bytes.append(contentsOf: part)
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
