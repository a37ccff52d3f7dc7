public import BatonMarkdown
import BatonSupport

/// One Markdown document of a collection, parsed: metadata, sections, links and mentions.
///
/// The Parse stage makes documents from bytes alone (no git, no other documents), so parsing
/// runs in parallel; relations between documents are the Corpus's job.
public struct Document: Sendable {
  /// The stored fields, in one box that copies share until one of them changes: a build copies
  /// every document in tens of passes, and a copy is one retain rather than one per field.
  private var storage: Storage

  init(
    path: String, collection: String, kind: String, identifier: DocumentIdentifier,
    title: Located<String>?, fields: [String: Located<FieldValue>], status: Located<String>?,
    sections: [Section], links: [DocumentLink], mentions: [Located<String>], anchors: Set<String>,
    hasText: Bool, bodyStartLine: Int, problems: [ReadProblem], suppressedRules: [String: Int]
  ) {
    storage = Storage(
      Fields(
        path: path, collection: collection, kind: kind, identifier: identifier, title: title,
        fields: fields, status: status, sections: sections, links: links, mentions: mentions,
        anchors: anchors, hasText: hasText, bodyStartLine: bodyStartLine, problems: problems,
        suppressedRules: suppressedRules))
  }

  /// Path relative to the repository's top folder.
  public var path: String {
    get { storage.fields.path }
    _modify {
      makeUnique()
      yield &storage.fields.path
    }
  }
  /// The name of the collection the document belongs to.
  public var collection: String {
    get { storage.fields.collection }
    _modify {
      makeUnique()
      yield &storage.fields.collection
    }
  }
  /// The name of the document's kind.
  public var kind: String {
    get { storage.fields.kind }
    _modify {
      makeUnique()
      yield &storage.fields.kind
    }
  }
  /// The identifier from the file name.
  public var identifier: DocumentIdentifier {
    get { storage.fields.identifier }
    _modify {
      makeUnique()
      yield &storage.fields.identifier
    }
  }
  /// The title from `title:` or the H1, without numbering such as `42.` or `ADR042:`.
  public var title: Located<String>? {
    get { storage.fields.title }
    _modify {
      makeUnique()
      yield &storage.fields.title
    }
  }
  /// Metadata under canonical keys (`status`, `owner`, `deciders`, `date`, `respond-by`, …)
  /// from front matter, a status section, a bullet list or a date line.
  public var fields: [String: Located<FieldValue>] {
    get { storage.fields.fields }
    _modify {
      makeUnique()
      yield &storage.fields.fields
    }
  }
  /// Field names as the document wrote them (`Start Date`, `Author(s)`), by Baton's name, for
  /// fields read through an alias: diagnostics name a field the way its document does.
  public var writtenNames: [String: String] {
    get { storage.fields.writtenNames }
    _modify {
      makeUnique()
      yield &storage.fields.writtenNames
    }
  }
  /// The status, normalised to lower case and matched against the kind's statuses.
  public var status: Located<String>? {
    get { storage.fields.status }
    _modify {
      makeUnique()
      yield &storage.fields.status
    }
  }
  /// The H2 sections in order.
  public var sections: [Section] {
    get { storage.fields.sections }
    _modify {
      makeUnique()
      yield &storage.fields.sections
    }
  }
  /// Every link and image reference in the body.
  public var links: [DocumentLink] {
    get { storage.fields.links }
    _modify {
      makeUnique()
      yield &storage.fields.links
    }
  }
  /// Every `@handle` in the body's prose (not in code or URLs).
  public var mentions: [Located<String>] {
    get { storage.fields.mentions }
    _modify {
      makeUnique()
      yield &storage.fields.mentions
    }
  }
  /// The heading anchors (slugs) the document defines, for `#anchor` links.
  public var anchors: Set<String> {
    get { storage.fields.anchors }
    _modify {
      makeUnique()
      yield &storage.fields.anchors
    }
  }
  /// Where `body` is kept: one slot for every copy of the document, so that letting it go
  /// frees the tree whichever copies are still held.
  var bodySlot: BodySlot? {
    get { storage.fields.bodySlot }
    _modify {
      makeUnique()
      yield &storage.fields.bodySlot
    }
  }
  /// Whether the file was read as text and its Markdown parsed, whether or not `body` is kept.
  public var hasText: Bool {
    get { storage.fields.hasText }
    _modify {
      makeUnique()
      yield &storage.fields.hasText
    }
  }
  /// The line where the body starts (after front matter), 1-based.
  public var bodyStartLine: Int {
    get { storage.fields.bodyStartLine }
    _modify {
      makeUnique()
      yield &storage.fields.bodyStartLine
    }
  }
  /// Problems found while reading the file.
  public var problems: [ReadProblem] {
    get { storage.fields.problems }
    _modify {
      makeUnique()
      yield &storage.fields.problems
    }
  }
  /// Rule ids suppressed by `<!-- baton-ignore: rule-id -->` comments, with the comment's line.
  public var suppressedRules: [String: Int] {
    get { storage.fields.suppressedRules }
    _modify {
      makeUnique()
      yield &storage.fields.suppressedRules
    }
  }
  /// Answers to the call to action, in the order written: the kind's responses section
  /// (`## Responses`) or `responses:` in the front matter (see `Response`).
  public var responses: [Response] {
    get { storage.fields.responses }
    _modify {
      makeUnique()
      yield &storage.fields.responses
    }
  }
  /// Lines of the responses section, or entries of `responses:`, that are not responses.
  public var responseProblems: [ResponseProblem] {
    get { storage.fields.responseProblems }
    _modify {
      makeUnique()
      yield &storage.fields.responseProblems
    }
  }
  /// Where the responses are kept: the section's heading line, or the front-matter key's line;
  /// nil when the document has neither.
  public var responsesPlace: Located<String>? {
    get { storage.fields.responsesPlace }
    _modify {
      makeUnique()
      yield &storage.fields.responsesPlace
    }
  }
  /// The parsed body (after front matter), for rendering; nil when the file could not be read,
  /// when the parser was asked not to keep it (checking needs only the facts above), and once
  /// its readers let it go (`releaseBody(afterReaders:)`).
  public var body: MarkdownNode? {
    get { bodySlot?.tree }
    set { bodySlot = newValue.map(BodySlot.init) }
  }

  /// Gives this copy a box of its own before it changes, when another copy shares it.
  private mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
  }

  /// The stored fields of a document.
  struct Fields: Sendable {
    var path: String
    var collection: String
    var kind: String
    var identifier: DocumentIdentifier
    var title: Located<String>?
    var fields: [String: Located<FieldValue>]
    var writtenNames: [String: String] = [:]
    var status: Located<String>?
    var sections: [Section]
    var links: [DocumentLink]
    var mentions: [Located<String>]
    var anchors: Set<String>
    var bodySlot: BodySlot?
    var hasText: Bool
    var bodyStartLine: Int
    var problems: [ReadProblem]
    var suppressedRules: [String: Int]
    var responses: [Response] = []
    var responseProblems: [ResponseProblem] = []
    var responsesPlace: Located<String>?
  }

  /// The box: changed in place only while one document holds it (`makeUnique()`), so copies on
  /// other threads never see it change.
  final class Storage: @unchecked Sendable {
    var fields: Fields

    init(_ fields: Fields) {
      self.fields = fields
    }
  }

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
