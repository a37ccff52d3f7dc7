import BatonConfig
import BatonMarkdown
import BatonSupport
import Foundation

/// The Parse stage: turns one file's bytes into a `Document`.
///
/// Pure and thread-safe: no git, no file system, no other documents, so the stage runs in
/// parallel. It never fails: what it cannot read becomes a `ReadProblem` on the document and the
/// rest of the document is still parsed.
public struct DocumentParser: Sendable {
  public var collection: Collection
  public var schema: KindSchema
  /// Whether documents keep their Markdown tree in `body`, for rendering. Checking needs only
  /// the facts read from it, and skipping the tree saves most of a parse's time.
  public var keepsBody: Bool

  public init(collection: Collection, schema: KindSchema, keepsBody: Bool = true) {
    self.collection = collection
    self.schema = schema
    self.keepsBody = keepsBody
  }

  /// Front-matter keys as other tools spell them, mapped to Baton's.
  static let keyAliases = [
    "decision-makers": "deciders", "decision_makers": "deciders",
    "respond_by": "respond-by", "respondby": "respond-by", "deadline": "respond-by",
    "review_by": "review-by", "reviewby": "review-by", "next-review": "review-by",
    "superseded_by": "superseded-by", "supersededby": "superseded-by",
    "last-reviewed": "reviewed", "last_reviewed": "reviewed",
    "authors": "author", "tag": "tags", "owners": "owner",
  ]

  package static func canonicalKey(_ key: String) -> String {
    // Most keys are already lower-case words: skip folding them.
    let isFolded = key.utf8.allSatisfy { byte in
      byte.isASCIILowercase || byte.isASCIIDigit || byte == 0x2D || byte == 0x5F
    }
    if isFolded, !key.isEmpty { return keyAliases[key] ?? key }
    let lower = key.lowercased().trimmingWhitespace()
    if let alias = keyAliases[lower] { return alias }
    // Spaces become hyphens over the bytes: Foundation's replacement took half of parsing a
    // page of list items that end in colons (each is read as a possible `Key: value` line).
    return String(decoding: lower.utf8.map { $0 == 0x20 ? 0x2D : $0 }, as: UTF8.self)
  }

  public func parse(_ file: SourceFile) -> Document {
    var document = Document(
      path: file.path, collection: collection.name, kind: schema.name,
      identifier: identifier(of: file.path), title: nil, fields: [:], status: nil,
      sections: [], links: [], mentions: [], anchors: [], hasText: false,
      bodyStartLine: 1, problems: [], suppressedRules: [:])
    if let problem = file.problem { document.problems.append(problem) }
    guard let bytes = file.bytes else { return document }
    guard let text = decode(bytes, into: &document) else { return document }
    let (frontMatter, body, bodyLine) = splitFrontMatter(text, into: &document)
    document.bodyStartLine = bodyLine
    if let frontMatter { readFrontMatter(frontMatter, into: &document) }
    if let meta = file.metadata { readMetaFile(meta, into: &document) }
    var markdown = body
    // Shapes the parser reads in quadratic time are refused before it sees them.
    if let hazard = markdown.withUTF8({ MarkdownHazard.find(in: $0, firstLine: bodyLine) }) {
      document.problems.append(.markdownHazard(line: hazard.line, message: hazard.message))
      readStatus(into: &document)
      return document
    }
    let (outline, tree) = markdown.withUTF8 { bytes in
      Markdown.outline(utf8: bytes, firstLine: bodyLine, buildingTree: keepsBody)
    }
    document.body = tree
    document.hasText = true
    readBody(outline, into: &document)
    readStatus(into: &document)
    readResponsesSection(into: &document)
    document.suppressedRules = suppressions(in: outline.html, body: body, firstLine: bodyLine)
    return document
  }

  /// The status one version of a document has, exactly as `parse` reads it, for status
  /// timelines over many older versions.
  ///
  /// When the front matter gives a status (the common case) the Markdown body is not parsed:
  /// `parse` lets front matter win over the body, so the result is the same.
  public func status(of file: SourceFile) -> String? {
    var document = Document(
      path: file.path, collection: collection.name, kind: schema.name,
      identifier: identifier(of: file.path), title: nil, fields: [:], status: nil,
      sections: [], links: [], mentions: [], anchors: [], hasText: false,
      bodyStartLine: 1, problems: [], suppressedRules: [:])
    guard let bytes = file.bytes, let text = decode(bytes, into: &document) else { return nil }
    let (frontMatter, _, _) = splitFrontMatter(text, into: &document)
    if let frontMatter { readFrontMatter(frontMatter, into: &document) }
    if let meta = file.metadata { readMetaFile(meta, into: &document) }
    guard document.fields["status"] != nil else { return parse(file).status?.value }
    readStatus(into: &document)
    return document.status?.value
  }

  // MARK: - Bytes to text

  /// Decodes UTF-8, dropping a byte-order mark and folding CRLF; records why it cannot.
  private func decode(_ bytes: [UInt8], into document: inout Document) -> String? {
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      document.problems.append(.empty)
      return nil
    }
    // A NUL in the first 8 KiB: a binary file, as git decides.
    let isBinary = bytes.withUnsafeBytes {
      UnsafeRawBufferPointer(rebasing: $0.prefix(8192)).containsByte(0)
    }
    if isBinary {
      document.problems.append(.binary)
      return nil
    }
    var slice = bytes[...]
    if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
    guard let text = String(validating: slice, as: UTF8.self) else {
      let (line, column) = DocumentParser.firstInvalidUTF8(in: Array(slice))
      document.problems.append(.invalidUTF8(line: line, column: column))
      return nil
    }
    // Byte scan, not `String.contains`: Foundation's search is slow on the hot path.
    let hasReturn = slice.withUnsafeBytes { $0.containsByte(0x0D) }
    return hasReturn ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
  }

  /// The line and byte column of the first byte that is not valid UTF-8.
  static func firstInvalidUTF8(in bytes: [UInt8]) -> (line: Int, column: Int) {
    var line = 1
    var lineStart = 0
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      let length: Int
      switch byte {
      case 0x00...0x7F: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: return (line, index - lineStart + 1)
      }
      // The second byte's range rules out overlong forms, surrogates and code points past
      // U+10FFFF, as `String(validating:)` does (Unicode's table of well-formed sequences).
      let second: ClosedRange<UInt8> =
        switch byte {
        case 0xE0: 0xA0...0xBF
        case 0xED: 0x80...0x9F
        case 0xF0: 0x90...0xBF
        case 0xF4: 0x80...0x8F
        default: 0x80...0xBF
        }
      guard index + length <= bytes.count,
        length == 1 || second.contains(bytes[index + 1]),
        bytes[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 })
      else { return (line, index - lineStart + 1) }
      if byte == 0x0A {
        line += 1
        lineStart = index + 1
      }
      index += length
    }
    return (line, 1)
  }

  // MARK: - Front matter

  /// Splits `---` front matter off; returns it, the body, and the body's first line.
  private func splitFrontMatter(
    _ text: String, into document: inout Document
  ) -> (String?, Substring, Int) {
    // On UTF-8 bytes: a newline byte is always a line end, and walking Characters was slow.
    let bytes = text.utf8
    guard bytes.starts(with: "---\n".utf8) || text == "---" else { return (nil, text[...], 1) }
    var line = 2
    var index = bytes.index(bytes.startIndex, offsetBy: min(4, bytes.count))
    let yamlStart = index
    while index < bytes.endIndex {
      let lineEnd = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
      let content = bytes[index..<lineEnd]
      if content.elementsEqual("---".utf8) || content.elementsEqual("...".utf8) {
        let yaml = String(text[yamlStart..<index])
        let bodyStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
        return (yaml, text[bodyStart...], line + 1)
      }
      line += 1
      index = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
    }
    document.problems.append(.frontMatterUnterminated(line: 1))
    return (nil, text[...], 1)
  }

  private func readFrontMatter(_ yaml: String, into document: inout Document) {
    var value = YAMLValue.parseSimpleMapping(yaml)
    if value == nil {
      do {
        value = try YAMLValue.parse(yaml)
      } catch {
        document.problems.append(
          .frontMatterSyntax(message: error.message, line: error.line + 1, column: error.column))
        return
      }
    }
    guard let value else { return }
    guard let entries = value.entries else {
      document.problems.append(.frontMatterNotMapping(line: value.line + 1))
      return
    }
    for entry in entries {
      let key = fieldKey(entry.key)
      if key == "responses", schema.section(withRole: .responses) != nil {
        readResponses(frontMatter: entry, into: &document)
        continue
      }
      let field: Document.FieldValue
      switch entry.value {
      case .scalar(let text, _, _): field = .text(text)
      case .sequence: field = .list(entry.value.strings ?? [])
      case .mapping: continue
      }
      let located = Located(
        field, origin: .frontMatter, line: entry.keyLine + 1, column: entry.keyColumn)
      if key == "title" {
        document.title = located.map { $0.text }
      } else {
        setField(key, written: entry.key, located, into: &document)
      }
    }
  }

  // MARK: - Body

  private func readBody(_ outline: MarkdownOutline, into document: inout Document) {
    let blocks = outline.blocks
    var index = 0
    // Sections are H2s (and H1s after the title), or H1s alone when the first H1 is a section.
    var sectionLevel = 2
    // The title: the first H1, unless front matter gave one or it is a section (`# Summary`).
    if let h1 = blocks.firstIndex(where: { $0.kind == .heading && $0.headingLevel == 1 }),
      !blocks[..<h1].contains(where: { $0.kind == .heading })
    {
      if isSectionHeading(blocks[h1].text) {
        sectionLevel = 1
      } else {
        if document.title == nil {
          let title = DocumentParser.stripNumbering(blocks[h1].text)
          if !title.isEmpty {
            document.title = Located(
              title, origin: .heading, line: blocks[h1].start.line,
              column: blocks[h1].start.column)
          }
        }
        // Metadata written above the title (bullets, `Key: value` lines) counts too.
        for block in blocks[..<h1] { readPreamble(block, into: &document) }
        index = h1 + 1
      }
    }
    // Before the first section: `Date:` lines and `- Status:` bullet lists (adr-tools, MADR 2).
    while index < blocks.count,
      !(blocks[index].kind == .heading && blocks[index].headingLevel <= sectionLevel)
    {
      readPreamble(blocks[index], into: &document)
      index += 1
    }
    if sectionLevel == 1, document.title == nil, let title = Self.titleFromName(document.identifier)
    {
      document.title = Located(title, origin: .fileName, line: document.bodyStartLine)
    }
    // Links, mentions and dates come from the whole body; sections take theirs by line.
    document.links = outline.links.map { link in
      DocumentLink(
        url: link.url, line: link.start.line, column: link.start.column, isImage: link.isImage,
        in: document.path)
    }
    var dates: [Located<Day>] = []
    for run in outline.textRuns {
      document.mentions += DocumentParser.mentions(
        in: run.text, line: run.start.line, column: run.start.column)
      dates += DocumentParser.dates(in: run.text, line: run.start.line, column: run.start.column)
    }
    // Sections: from each H2 to the next.
    var current: (heading: MarkdownOutline.Block, contentStart: Int)?
    func close(at end: Int) {
      guard let open = current else { return }
      document.sections.append(
        section(
          open.heading, blocks[open.contentStart..<end], links: document.links,
          mentions: document.mentions, dates: dates))
    }
    while index < blocks.count {
      let block = blocks[index]
      if block.kind == .heading && block.headingLevel <= sectionLevel {
        close(at: index)
        current = (block, index + 1)
      }
      index += 1
    }
    close(at: blocks.count)
    document.anchors = Set(outline.headings.map(\.slug))
  }

  /// Reads `Key: value` metadata lines from a block before the first section.
  private func readPreamble(_ block: MarkdownOutline.Block, into document: inout Document) {
    switch block.kind {
    case .paragraph:
      for line in block.lines {
        addPreambleField(line.text, origin: .dateLine, line: line.line, into: &document)
      }
    case .list:
      for item in block.items {
        addPreambleField(item.text, origin: .bulletList, line: item.line, into: &document)
      }
    case .heading, .other:
      break
    }
  }

  static let preambleKeys: Set<String> = [
    "status", "date", "deciders", "tags", "owner", "author", "consulted", "informed",
    "respond-by", "supersedes", "superseded-by", "team", "review-by", "reviewed", "title",
  ]

  /// Whether the text before the first colon of `text` could fold to one of `preambleKeys`
  /// (`canonicalKey`); false when there is no colon.
  ///
  /// Those keys and their aliases are ASCII letters, hyphens and underscores, and folding only
  /// lower-cases, trims spaces, tabs and line breaks, and turns spaces into hyphens; the one
  /// character outside ASCII that lower-cases into it is the Kelvin sign (to `k`). A scalar
  /// that is none of those stays in the folded key, so it cannot be one of them. Each scalar
  /// folds to one, so the folded key is as long as the text from its first scalar that is not
  /// a space to its last: a longer one is prose, passed over without reading to its colon.
  static func mayNamePreambleKey(_ text: String) -> Bool {
    // Scalars from the first that is not a space, and how many of the last of them are spaces.
    var length = 0
    var trailingSpaces = 0
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x3A: return length > trailingSpaces  // the colon
      case 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F, 0x212A:  // letters, the Kelvin sign
        length += 1
        trailingSpaces = 0
      case 0x20, 0x09...0x0D, 0x85, 0x2028, 0x2029:  // spaces and line breaks
        guard length > 0 else { continue }
        length += 1
        trailingSpaces += 1
      default: return false
      }
      if length - trailingSpaces > longestPreambleKey { return false }
    }
    return false
  }

  /// The most scalars a key folds to and is still found in `preambleKeys`, directly or
  /// through `keyAliases`.
  static let longestPreambleKey =
    preambleKeys.union(keyAliases.keys).map(\.unicodeScalars.count).max() ?? 0

  private func addPreambleField(
    _ text: String, origin: ValueOrigin, line: Int, into document: inout Document
  ) {
    // Most lines are prose: passed over before the folding below, which costs a great deal on
    // lines of non-Latin text (a page of list items that end in colons read as `Key: value`).
    guard !schema.fieldAliases.isEmpty || DocumentParser.mayNamePreambleKey(text),
      let colon = text.firstIndex(ofASCII: ":")
    else { return }
    let written = String(text[..<colon])
    let key = fieldKey(written)
    let value = text[text.index(after: colon)...].trimmingWhitespace()
    guard DocumentParser.preambleKeys.contains(key), !value.isEmpty, document.fields[key] == nil
    else { return }
    if key == "title" {
      if document.title == nil {
        document.title = Located(value, origin: origin, line: line, column: 1)
      }
      return
    }
    // A `Key: value` paragraph line is a date line only for the date; other keys are prose.
    let fieldOrigin: ValueOrigin = origin == .dateLine && key != "date" ? .body : origin
    setField(
      key, written: written, Located(.text(value), origin: fieldOrigin, line: line, column: 1),
      into: &document)
  }

  /// A section from its heading and blocks; its links, mentions and dates are those of the
  /// document's (collected once) that lie within its lines.
  private func section(
    _ heading: MarkdownOutline.Block, _ content: ArraySlice<MarkdownOutline.Block>,
    links: [DocumentLink], mentions: [Located<String>], dates: [Located<Day>]
  ) -> Section {
    var lines: [Located<String>] = []
    for block in content {
      for line in block.lines {
        lines.append(Located(line.text, origin: .body, line: line.line, column: 1))
      }
    }
    let first = heading.end.line + 1
    let last = content.last?.end.line ?? heading.end.line
    let range = first...max(first, last)
    return Section(
      title: heading.text, slug: Slug.base(heading.text),
      key: KindSchema.SectionSpec.normalize(heading.text),
      line: heading.start.line, column: heading.start.column, endLine: last,
      mentions: content.isEmpty ? [] : mentions.filter { range.contains($0.line) },
      dates: content.isEmpty ? [] : dates.filter { range.contains($0.line) },
      links: content.isEmpty ? [] : links.filter { range.contains($0.line) }, lines: lines)
  }

  // MARK: - Status

  /// Fills `status` from the `status` field or an adr-tools `## Status` section.
  private func readStatus(into document: inout Document) {
    if document.fields["status"] == nil, let spec = schema.section(withRole: .status),
      let section = document.section(matching: spec)
    {
      let lines = section.lines.filter { !$0.value.trimmingWhitespace().isEmpty }
      if let first = lines.first {
        document.fields["status"] = first.map { .text($0.trimmingWhitespace()) }
        document.fields["status"]?.origin = .statusSection
      }
      for line in lines {
        let lower = line.value.trimmingWhitespace().lowercased()
        for (prefix, key) in DocumentParser.statusLinePrefixes where lower.hasPrefix(prefix) {
          let link = section.links.first { $0.line == line.line }
          let reference = link?.url ?? String(lower.split(separator: " ").last ?? "")
          var items = document.fields[key]?.value.items ?? []
          items.append(reference)
          document.fields[key] = Located(
            .list(items), origin: .statusSection, line: line.line, column: link?.column ?? 1)
          break
        }
      }
    }
    applyDefaultStatus(into: &document)
    guard let raw = document.fields["status"],
      let normalized = StatusNormalizer.normalize(raw.value.text, known: schema.statuses)
    else { return }
    document.status = raw.map { _ in normalized.status }
    if let reference = normalized.supersededBy, document.fields["superseded-by"] == nil {
      document.fields["superseded-by"] = raw.map { _ in .list([reference]) }
    }
  }

  /// adr-tools' status lines that link decisions, and the field each fills.
  static let statusLinePrefixes = [
    ("superseded by", "superseded-by"), ("superceded by", "superseded-by"),
    ("supersedes", "supersedes"), ("supercedes", "supersedes"),
  ]

  // MARK: - Scanning

  /// Drops `42.`, `ADR042:`, `ADR-0042 -`, `KEP-1234:`, `RFC 12 -` and the like from the start
  /// of a title.
  static func stripNumbering(_ title: String) -> String {
    let original = title.trimmingWhitespace()
    var rest = Substring(original)
    var hasPrefix = false
    // Another log's short upper-case prefix (KEP, TEP, RFC, PEP) needs a mark after the number.
    var needsMark = false
    // The first three characters alone: lower-casing the whole title cost more than the rest.
    if rest.prefix(3).lowercased() == "adr" {
      rest = rest.dropFirst(3)
      if rest.first == "-" || rest.first == " " || rest.first == "_" { rest = rest.dropFirst() }
      hasPrefix = true
    } else {
      let letters = rest.prefix { $0.isASCII && $0.isUppercase }
      let after = rest.dropFirst(letters.count)
      if (2...5).contains(letters.count), let next = after.first,
        next == "-" || next == " " || next.isNumber
      {
        rest = next.isNumber ? after : after.dropFirst()
        needsMark = true
      }
    }
    let digits = rest.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty else { return original }
    rest = rest.dropFirst(digits.count)
    if needsMark,
      !(rest.first == ":" || rest.first == "." || rest.hasPrefix(" -")
        || rest.hasPrefix(" –") || rest.hasPrefix(" —"))
    {
      return original
    }
    // `42. Title`, `42: Title`, `42) Title`, `42 - Title`; after `ADR42` a space is enough.
    let marks: Set<Character> = [".", ":", ")"]
    let dashes: Set<Character> = ["-", "—", "–"]
    if let first = rest.first, marks.contains(first) {
      rest = rest.dropFirst()
    } else if rest.first == " ", let second = rest.dropFirst().first, dashes.contains(second) {
      rest = rest.dropFirst(2)
    } else if let first = rest.first, dashes.contains(first) || (hasPrefix && first == " ") {
      rest = rest.dropFirst()
    } else {
      return original
    }
    let title = rest.trimmingWhitespace()
    return title.isEmpty ? original : title
  }

  /// `@handle` and `@org/team` mentions in a run of text; e-mail addresses are not mentions.
  static func mentions(in text: String, line: Int, column: Int) -> [Located<String>] {
    var text = text
    return text.withUTF8 { mentions(in: $0, line: line, column: column) }
  }

  private static func mentions(in bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int)
    -> [Located<String>]
  {
    var result: [Located<String>] = []
    guard bytes.contains(UInt8(ascii: "@")) else { return result }
    var index = 0
    while index < bytes.count {
      defer { index += 1 }
      guard bytes[index] == UInt8(ascii: "@") else { continue }
      if index > 0, isHandleByte(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: "`") {
        continue
      }
      var end = index + 1
      while end < bytes.count, isHandleByte(bytes[end]) || bytes[end] == UInt8(ascii: "/") {
        end += 1
      }
      while end > index + 1,
        [UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "/")].contains(
          bytes[end - 1])
      {
        end -= 1
      }
      guard end > index + 1, bytes[index + 1].isASCIIAlphanumeric else { continue }
      let handle = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
      result.append(Located(handle, origin: .body, line: line, column: column + index))
      index = end - 1
    }
    return result
  }

  private static func isHandleByte(_ byte: UInt8) -> Bool {
    byte.isASCIIAlphanumeric || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: ".")
  }

  /// Dates (`2026-12-01`, `01/12/2026`) written in a run of text.
  static func dates(in text: String, line: Int, column: Int) -> [Located<Day>] {
    var text = text
    return text.withUTF8 { dates(in: $0, line: line, column: column) }
  }

  private static func dates(in bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int)
    -> [Located<Day>]
  {
    var result: [Located<Day>] = []
    var index = 0
    while index < bytes.count {
      guard bytes[index].isASCIIDigit, index == 0 || !bytes[index - 1].isASCIIDigit
      else {
        index += 1
        continue
      }
      var end = index
      while end < bytes.count, end - index < 10,
        bytes[end].isASCIIDigit || bytes[end] == UInt8(ascii: "-")
          || bytes[end] == UInt8(ascii: "/")
      {
        end += 1
      }
      // The shortest date is eight digits and separators (1/3/2024); shorter runs are numbers.
      if end - index >= 8,
        let day = Day(
          parsing: String(
            decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self))
      {
        result.append(Located(day, origin: .body, line: line, column: column + index))
      }
      index = max(end, index + 1)
    }
    return result
  }

  /// Rule ids named in `<!-- baton-ignore: a, b -->` comments (raw HTML of the body), each
  /// with the line of the first body line that names it after the marker.
  private func suppressions(in html: [String], body: Substring, firstLine: Int) -> [String: Int] {
    var result: [String: Int] = [:]
    // A byte search first: the generic `firstRange(of:)` is slow on a long HTML block.
    for fragment in html where fragment.containsUTF8("baton-ignore:") {
      guard let marker = fragment.firstRange(of: "baton-ignore:") else { continue }
      let tail = fragment[marker.upperBound...]
      let end = tail.firstRange(of: "-->")?.lowerBound ?? tail.endIndex
      for id in tail[..<end].split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" }) {
        result[String(id)] = result[String(id)] ?? 1
      }
    }
    guard !result.isEmpty else { return result }
    // Rare: find the lines, for the warning about an id no rule has.
    for (offset, line) in body.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    where line.contains("baton-ignore:") {
      for id in result.keys where result[id] == 1 && line.contains(id) {
        result[id] = firstLine + offset
      }
    }
    return result
  }

}
