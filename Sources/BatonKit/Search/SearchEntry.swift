import BatonMarkdown

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

  /// How often a term occurs in each field, and the first passage it occurs in.
  struct Occurrence: Sendable {
    /// Counts by field (`Field.rawValue`); a SIMD vector, so no heap allocation per term.
    var counts = SIMD8<UInt16>()
    var passage = Int.max
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
  var terms: [String: Occurrence]
  /// How many terms the title, headings and body hold: the length BM25 normalises by.
  var length: Int

  init(document: Document) {
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
    terms = [:]
    length = 0
    var headingPassages: [(text: String, passage: Int)] = []
    if let body = document.body {
      var walker = PassageWalker(headings: body.headings)
      walker.walk(body)
      walker.finishPassage()
      passages = walker.passages
      headingPassages = walker.headingTexts
    }
    add(title, to: .title, passage: 0)
    for term in SearchEntry.identifierTerms(document.identifier) {
      record(term, field: .identifier, passage: 0)
    }
    add(tags.joined(separator: " "), to: .tags, passage: 0)
    add([owner, team].compactMap { $0 }.joined(separator: " "), to: .owner, passage: 0)
    for heading in headingPassages { add(heading.text, to: .headings, passage: heading.passage) }
    var words = 0
    for (index, passage) in passages.enumerated() where words < SearchEntry.maximumWords {
      words += add(passage.text, to: .body, passage: index)
    }
  }

  /// Adds a text's terms to a field; returns how many base terms it held.
  @discardableResult
  private mutating func add(_ text: String, to field: Field, passage: Int) -> Int {
    var count = 0
    for token in SearchTokenizer.tokens(text) {
      record(token.term, field: field, passage: passage)
      if token.role == .base { count += 1 }
    }
    if field == .title || field == .headings || field == .body { length += count }
    return count
  }

  private mutating func record(_ term: String, field: Field, passage: Int) {
    guard term.unicodeScalars.count <= SearchEntry.maximumTermLength else { return }
    var occurrence = terms[term, default: Occurrence()]
    if occurrence.counts[field.rawValue] < UInt16.max { occurrence.counts[field.rawValue] += 1 }
    occurrence.passage = min(occurrence.passage, passage)
    terms[term] = occurrence
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
  var words: [Substring] = []
  var wordCount = 0

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
    case .document, .blockQuote, .list, .item, .table, .footnoteDefinition:
      for child in node.children { walk(child) }
    case .htmlBlock, .thematicBreak, .tableCell, .text, .softBreak, .lineBreak, .code,
      .htmlInline, .emphasis, .strong, .strikethrough, .link, .image, .footnoteReference:
      break
    }
  }

  mutating func addBlock(_ text: String) {
    guard wordCount < SearchEntry.maximumWords else { return }
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
      words.append(word)
      wordCount += 1
      if words.count >= SearchEntry.passageWords { finishPassage() }
    }
  }

  mutating func finishPassage() {
    guard !words.isEmpty else { return }
    passages.append(SearchEntry.Passage(anchor: anchor, text: words.joined(separator: " ")))
    words.removeAll()
  }
}
