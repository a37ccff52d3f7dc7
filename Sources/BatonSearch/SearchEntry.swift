import BatonConfig
import BatonDocuments
import BatonMarkdown
import BatonSupport

/// One document as search sees it: metadata to show, passages to quote, terms per field.
///
/// A *passage* is a short run of a document's text (at most `passageWords` words) under one
/// heading; excerpts are whole passages, and each match points at the passage it is in, so a
/// result can quote and link the right place without loading the whole document.
struct SearchEntry: Sendable {
  /// The fields terms come from, with their weight in ranking.
  enum Field: Int, CaseIterable {
    case title, identifier, tags, headings, owner, body

    var weight: Double {
      switch self {
      case .title: 5
      case .identifier: 5
      case .tags: 3
      case .headings: 2.5
      case .owner: 2
      case .body: 1
      }
    }
  }

  /// A passage: the anchor of the heading it is under (nil before the first section) and text.
  struct Passage: Sendable, Hashable {
    var anchor: String?
    var text: String
  }

  static let passageWords = 32
  /// Words of body indexed per document; the rest of an enormous file is not searched.
  static let maximumWords = 20_000
  /// Terms longer than this (hashes, base64) are not indexed.
  static let maximumTermLength = 40

  var path: String
  var identifier: String
  var title: String
  var kind: String
  var status: String?
  var date: Day?
  var tags: [String]
  var owner: String?
  var team: String?
  var passages: [Passage]
  /// How many terms the title, headings and body hold: the length BM25 normalises by.
  var length: Int

  /// Reads a document, recording its terms in `collector` as one more document.
  init(document: Document, collector: inout SearchTermCollector) {
    path = document.path
    identifier = document.identifier.text
    title = document.displayTitle
    kind = document.kind
    status = document.status?.value
    date = document.date
    tags = document.tags
    owner = document.owner?.value
    team = document.team
    passages = []
    length = 0
    var headingPassages: [(text: String, passage: Int)] = []
    if let body = document.body {
      var walker = PassageWalker(headings: body.headings)
      swap(&walker.neighbours, &collector.neighbours)
      walker.walk(body)
      walker.finishPassage()
      swap(&walker.neighbours, &collector.neighbours)
      passages = walker.passages
      headingPassages = walker.headingTexts
      // The entry has read all it needs of the tree (`Document.releaseBody(afterReaders:)`).
      document.finishedReadingBody()
    }
    // Title, headings and body count towards the length; identifier, tags and owner do not.
    length += collector.add(title, to: .title, passage: 0)
    for var term in SearchEntry.identifierTerms(document.identifier) {
      term.withUTF8 { collector.record($0, field: .identifier, passage: 0) }
    }
    collector.add(tags.joined(separator: " "), to: .tags, passage: 0)
    collector.add([owner, team].compactMap { $0 }.joined(separator: " "), to: .owner, passage: 0)
    for heading in headingPassages {
      length += collector.add(heading.text, to: .headings, passage: heading.passage)
    }
    var words = 0
    for (index, passage) in passages.enumerated() where words < SearchEntry.maximumWords {
      let count = collector.add(passage.text, to: .body, passage: index)
      words += count
      length += count
    }
    collector.finishDocument()
  }

  /// The terms that name a numbered document: `42`, `0042`, `adr42`, `adr0042` and the file's
  /// own spelling, so that `ADR-0042`, `ADR42`, `0042` and `42` all find decision 42.
  static func identifierTerms(_ identifier: DocumentIdentifier) -> [String] {
    guard let number = identifier.number else { return [] }
    let plain = String(number)
    let padded = String(repeating: "0", count: max(0, 4 - plain.count)) + plain
    var terms = SearchTokenizer.terms(identifier.text)
    terms += [plain, padded, "adr", "adr" + plain, "adr" + padded]
    var seen = Set<String>()
    return terms.filter { seen.insert($0).inserted }
  }
}

/// Walks a Markdown tree into passages, remembering the heading each one is under.
private struct PassageWalker {
  let headings: [Heading]
  var headingIndex = 0
  var anchor: String?
  var passages: [SearchEntry.Passage] = []
  var headingTexts: [(text: String, passage: Int)] = []
  /// The text of the passage being gathered, its words joined by single spaces.
  var current: [UInt8] = []
  var currentWords = 0
  var wordCount = 0
  /// What the reader has learned of the scalars next to spaces (the collector's, lent).
  var neighbours = SearchEntry.SpaceNeighbours()

  init(headings: [Heading]) {
    self.headings = headings
  }

  mutating func walk(_ node: MarkdownNode) {
    switch node.kind {
    case .heading:
      finishPassage()
      let heading = headingIndex < headings.count ? headings[headingIndex] : nil
      headingIndex += 1
      // The H1 is the title: its text is indexed as the title, and it anchors nothing.
      if node.headingLevel > 1, let heading {
        anchor = heading.slug
        headingTexts.append((heading.text, passages.count))
      }
    case .paragraph, .codeBlock, .tableRow:
      addBlock(node.plainText)
    case .document, .blockQuote, .alert, .list, .item, .table, .footnoteDefinition:
      for child in node.children { walk(child) }
    case .htmlBlock, .thematicBreak, .tableCell, .text, .softBreak, .lineBreak, .code,
      .htmlInline, .emphasis, .strong, .strikethrough, .link, .image, .footnoteReference:
      break
    }
  }

  /// Adds a block's words, split at spaces, tabs and line feeds.
  ///
  /// The split is by `Character`, so a line feed after a carriage return, or a space that a
  /// combining mark follows, is part of a word. Text without carriage returns whose every space
  /// is a character of its own (`spacesStandAlone`), where bytes and characters split alike, is
  /// split on its bytes.
  mutating func addBlock(_ text: String) {
    guard wordCount < SearchEntry.maximumWords else { return }
    var text = text
    let split = text.withUTF8 { bytes in
      guard SearchEntry.spacesStandAlone(bytes, &neighbours) else { return false }
      addWords(bytes)
      return true
    }
    guard !split else { return }
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
      add(word: word.utf8)
    }
  }

  /// Adds the words of bytes split at spaces, tabs and line feeds. Words one space apart, as
  /// most of a paragraph's are, are the passage's text as they stand: a run of them is copied
  /// at once rather than word by word.
  mutating func addWords(_ bytes: UnsafeBufferPointer<UInt8>) {
    var run = 0..<0  // words counted but not yet copied to `current`
    var index = 0
    while index < bytes.count {
      while index < bytes.count, PassageWalker.isSpace(bytes[index]) { index += 1 }
      let start = index
      while index < bytes.count, !PassageWalker.isSpace(bytes[index]) { index += 1 }
      guard start < index else { break }
      if !run.isEmpty, start == run.upperBound + 1, bytes[run.upperBound] == 0x20 {
        run = run.lowerBound..<index
      } else {
        append(UnsafeBufferPointer(rebasing: bytes[run]))
        run = start..<index
      }
      currentWords += 1
      wordCount += 1
      if currentWords >= SearchEntry.passageWords {
        append(UnsafeBufferPointer(rebasing: bytes[run]))
        run = index..<index
        finishPassage()
      }
    }
    append(UnsafeBufferPointer(rebasing: bytes[run]))
  }

  /// Appends words, already counted, to the passage's text.
  mutating func append(_ words: UnsafeBufferPointer<UInt8>) {
    guard !words.isEmpty else { return }
    if !current.isEmpty { current.append(0x20) }
    current.append(contentsOf: words)
  }

  @inline(__always)
  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x09
  }

  mutating func add(word: some Swift.Collection<UInt8>) {
    if currentWords > 0 { current.append(0x20) }
    current.append(contentsOf: word)
    currentWords += 1
    wordCount += 1
    if currentWords >= SearchEntry.passageWords { finishPassage() }
  }

  mutating func finishPassage() {
    guard currentWords > 0 else { return }
    passages.append(
      SearchEntry.Passage(anchor: anchor, text: String(decoding: current, as: UTF8.self)))
    current.removeAll(keepingCapacity: true)
    currentWords = 0
  }
}

extension SearchEntry {
  /// Whether UTF-8 text has no carriage return and each of its spaces is a `Character` of its
  /// own, so a split on the bytes 0x20, 0x0A and 0x09 is the split on characters.
  ///
  /// Tabs and line feeds are controls, which a grapheme never joins (a line feed only after a
  /// carriage return). A space joins a following mark (Extend, ZWJ, SpacingMark) or a Prepend
  /// before it; none is below U+0300 (UTF-8 lead bytes under 0xCC), and any other scalar next
  /// to a space is asked (`SpaceNeighbours`). No rule of grapheme breaking reaches past a space
  /// to the scalar on its other side, so each side is asked alone.
  static func spacesStandAlone(
    _ bytes: UnsafeBufferPointer<UInt8>, _ neighbours: inout SpaceNeighbours
  ) -> Bool {
    for index in bytes.indices {
      switch bytes[index] {
      case 0x0D: return false
      case 0x20:
        if index > 0 {
          let before = scalarStart(bytes, before: index)
          if bytes[before] >= 0xCC,
            !neighbours.standsApart(SearchEngine.decode(bytes, at: before), after: false)
          {
            return false
          }
        }
        if index + 1 < bytes.count, bytes[index + 1] >= 0xCC,
          !neighbours.standsApart(SearchEngine.decode(bytes, at: index + 1), after: true)
        {
          return false
        }
      default: continue
      }
    }
    return true
  }

  /// Whether a scalar and a space next to it are two `Character`s, learned once per scalar:
  /// asking costs a `String` and its grapheme breaking, and a handbook's text repeats its
  /// letters. One reader of many documents keeps one (see `SearchTermCollector`).
  struct SpaceNeighbours: Sendable {
    /// By scalar value below U+10000 (the others are asked each time), empty until asked: bit 0
    /// when the scalar before a space is known, bit 1 when it stands apart from it; bits 2 and
    /// 3 the same after a space.
    private var known: [UInt8] = []

    /// Whether `value` and a space stand apart, with the space before the scalar (`after`) or
    /// after it.
    mutating func standsApart(_ value: UInt32, after: Bool) -> Bool {
      let shift: UInt8 = after ? 2 : 0
      if value < 0x10000, !known.isEmpty {
        let bits = known[Int(value)] >> shift
        if bits & 1 != 0 { return bits & 2 != 0 }
      }
      guard let scalar = Unicode.Scalar(value) else { return false }
      var text = String.UnicodeScalarView()
      text.append(after ? " " : scalar)
      text.append(after ? scalar : " ")
      let apart = String(text).count == 2
      if value < 0x10000 {
        if known.isEmpty { known = Array(repeating: 0, count: 0x10000) }
        known[Int(value)] |= (apart ? 3 : 1) << shift
      }
      return apart
    }
  }

  /// Where the scalar that ends just before `index` starts.
  private static func scalarStart(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Int {
    var start = index - 1
    while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
    return start
  }

  /// Where the scalar that starts at `index` ends.
  private static func scalarEnd(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
    var end = index + 1
    while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
    return end
  }
}
