import BatonCorpus
import BatonDocuments
import BatonSupport
import Foundation

/// The search index in memory, and the one ranking that `baton search` and the browser share.
///
/// Ranking is BM25F computed at build time into one integer *impact* per term and document:
/// fields are weighted (title and identifier 5, tags 3, headings 2.5, owner 2, body 1), a match
/// in the title or identifier adds a bonus outside BM25's saturation, and a mild prior (status:
/// rejected and superseded 0.9, proposed 0.97; age: up to 5% off over two years before the newest
/// document) multiplies it. A query's score is the sum over its terms of each term's best impact
/// in the document, prefix matches counting three quarters. Sums of integers give the same order
/// in Swift and in JavaScript, so `templates/search/search.js` ranks exactly like this type.
///
/// Documents are numbered newest first (then by path), so sorting by date is sorting by number
/// and the newer of two equal scores comes first.
public struct SearchEngine: Sendable {
  /// Documents, numbered newest first.
  let entries: [SearchEntry]
  /// Each entry's page URL relative to the site's root.
  let urls: [String]
  /// Every term, sorted by UTF-16 code units (JavaScript's string order), as UTF-8 bytes back
  /// to back: term `t` is `termBytes[termStarts[t]..<termStarts[t + 1]]`. Facet terms
  /// (`:kind=decision`) sort among them and have impact 0.
  let termBytes: [UInt8]
  let termStarts: [Int32]
  /// Term `t`'s postings are `postingStarts[t]..<postingStarts[t + 1]` of the three posting
  /// arrays, by document number.
  let postingStarts: [Int]
  let postingDocuments: [Int32]
  let postingImpacts: [Int32]
  let postingPassages: [Int32]
  /// Whether the posting's term is in the document's title or identifier.
  let postingNamed: [Bool]
  /// Each posting's weights, when the engine was asked to keep them (for `SearchState`).
  let postingWeights: [Weight]
  /// Facet → values with their document counts, sorted by value.
  let facets: [String: [(value: String, count: Int)]]
  /// The sum of the documents' lengths, the average ranking normalises by, and each document's
  /// prior by number: what impacts were worked out with.
  let totalLength: Int
  let averageLength: Double
  let priors: [Double]
  /// The runs of documents read, for the next build in the same process (empty unless asked
  /// for: they hold on to memory the index itself no longer needs).
  let memo: SearchMemo

  static let k1 = 1.2
  static let b = 0.75
  static let scale = 20.0
  static let titleBonus = 1.0

  /// Builds the index from a corpus; `pageURL` gives each document's page relative to the site.
  ///
  /// Documents are read in parallel, each run of them into a term table of its own (see
  /// `SearchTermCollector`); the tables are then merged, the terms sorted once, and the postings
  /// laid out in flat arrays in one pass over the documents, so the part that is not parallel is
  /// linear in the number of postings (plus the sort of the distinct terms).
  public init(corpus: Corpus, pageURL: (Document) -> String) {
    self.init(documents: corpus.documents, pageURL: pageURL)
  }

  /// Builds the index from documents in any order (they are ranked by date, then path); runs of
  /// documents `memo` holds are not read again. With a memo, even an empty one, the runs read
  /// are kept in `memo` for the next build; with nil, nothing is kept.
  ///
  /// - Parameter keepingWeights: keep each posting's weights (`postingWeights`), which
  ///   `SearchState` needs and the index files do not.
  public init(
    documents all: [Document], pageURL: (Document) -> String, memo: SearchMemo? = nil,
    keepingWeights: Bool = false
  ) {
    let keys = all.map { (date: $0.date, path: $0.path) }
    let order = all.indices.sorted { lhs, rhs in
      switch (keys[lhs].date, keys[rhs].date) {
      case (let l?, let r?) where l != r: return l > r
      case (.some, nil): return true
      case (nil, .some): return false
      default: return keys[lhs].path < keys[rhs].path
      }
    }
    let documents = order.map { all[$0] }
    self.urls = documents.map(pageURL)
    let chunks = SearchEngine.collect(
      documents, memo: memo ?? SearchMemo(), keepingSources: memo != nil)
    let entries = chunks.flatMap(\.entries)
    let layout = SearchEngine.Layout(
      chunks: chunks, entries: entries, keepingWeights: keepingWeights)
    termBytes = layout.termBytes
    termStarts = layout.termStarts
    postingStarts = layout.postingStarts
    postingDocuments = layout.postingDocuments
    postingImpacts = layout.postingImpacts
    postingPassages = layout.postingPassages
    postingNamed = layout.postingNamed
    postingWeights = layout.postingWeights
    facets = layout.facets
    totalLength = layout.totalLength
    averageLength = layout.averageLength
    priors = layout.priors
    self.entries = entries
    self.memo = memo == nil ? SearchMemo() : SearchMemo(chunks)
  }

  /// The number of terms (facet terms included).
  var termCount: Int { termStarts.count - 1 }

  /// Term `t` as a string.
  func term(_ index: Int) -> String {
    termBytes.withUnsafeBufferPointer {
      String(
        decoding: UnsafeBufferPointer(
          rebasing: $0[Int(termStarts[index])..<Int(termStarts[index + 1])]), as: UTF8.self)
    }
  }

  /// The postings of term `t` (for tests and the index writer).
  func postings(at index: Int) -> Range<Int> {
    postingStarts[index]..<postingStarts[index + 1]
  }

  /// JavaScript's string order: UTF-16 code units.
  static func precedes(_ lhs: String, _ rhs: String) -> Bool {
    lhs.utf16.lexicographicallyPrecedes(rhs.utf16)
  }

  /// The facet term that lists the documents with a facet value.
  static func facetTerm(_ facet: String, _ value: String) -> String {
    ":" + facet + "=" + value
  }

  /// The facet values of an entry, lower case.
  static func facetValues(_ entry: SearchEntry) -> [(String, [String])] {
    [
      ("kind", [entry.kind.lowercased()]),
      ("owner", entry.owner.map { [$0.lowercased()] } ?? []),
      ("status", entry.status.map { [$0.lowercased()] } ?? []),
      ("tag", entry.tags),
      ("team", entry.team.map { [$0.lowercased()] } ?? []),
    ]
  }

  /// The mild prior: settled and recent documents slightly ahead of rejected and old ones.
  static func prior(_ entry: SearchEntry, newest: Day?) -> Double {
    let status: Double
    switch entry.status ?? "" {
    case "rejected", "superseded": status = 0.9
    case "deprecated": status = 0.92
    case "proposed", "draft": status = 0.97
    default: status = 1
    }
    guard let newest, let date = entry.date else { return status * 0.95 }
    let age = Double(newest.ordinal - date.ordinal) / 730
    return status * (1 - 0.05 * min(1, max(0, age)))
  }

  // MARK: - Looking up terms

  /// JavaScript's string order on UTF-8 bytes: the order of their UTF-16 code units.
  ///
  /// UTF-8 sorts like code points, and UTF-16 differs from that only where a character beyond
  /// U+FFFF (a surrogate pair, D800–DFFF) meets one from U+E000 to U+FFFF.
  static func precedes(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    let shorter = min(lhs.count, rhs.count)
    var index = 0
    while index < shorter, lhs[index] == rhs[index] { index += 1 }
    guard index < shorter else { return lhs.count < rhs.count }
    if lhs[index] < 0x80 || rhs[index] < 0x80 { return lhs[index] < rhs[index] }
    while index > 0, lhs[index] & 0xC0 == 0x80 { index -= 1 }
    let left = decode(lhs, at: index)
    let right = decode(rhs, at: index)
    let leftUnit = left >= 0x10000 ? 0xD800 + ((left - 0x10000) >> 10) : left
    let rightUnit = right >= 0x10000 ? 0xD800 + ((right - 0x10000) >> 10) : right
    return leftUnit != rightUnit ? leftUnit < rightUnit : left < right
  }

  /// The scalar value that starts at `index` of valid UTF-8.
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32 {
    let lead = bytes[index]
    var value: UInt32
    let length: Int
    switch lead {
    case ..<0x80: return UInt32(lead)
    case 0xF0...: (value, length) = (UInt32(lead & 0x07), 4)
    case 0xE0...: (value, length) = (UInt32(lead & 0x0F), 3)
    default: (value, length) = (UInt32(lead & 0x1F), 2)
    }
    for offset in 1..<length where index + offset < bytes.count {
      value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
    }
    return value
  }

  /// Calls `body` with the bytes of term `t`.
  @inline(__always)
  func withTerm<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    termBytes.withUnsafeBufferPointer {
      body(UnsafeBufferPointer(rebasing: $0[Int(termStarts[index])..<Int(termStarts[index + 1])]))
    }
  }

  /// The index of the first term not before `term`.
  func lowerBound(_ term: UnsafeBufferPointer<UInt8>) -> Int {
    var low = 0
    var high = termCount
    while low < high {
      let middle = (low + high) / 2
      if withTerm(middle, { SearchEngine.precedes($0, term) }) {
        low = middle + 1
      } else {
        high = middle
      }
    }
    return low
  }

  /// The index of a term, if it is in the index.
  func termIndex(_ term: String) -> Int? {
    var term = term
    return term.withUTF8 { bytes in
      let index = lowerBound(bytes)
      guard index < termCount, withTerm(index, { $0.elementsEqual(bytes) }) else { return nil }
      return index
    }
  }

  /// Whether a query term also matches the longer terms it begins.
  static func matchesPrefixes(_ term: String) -> Bool {
    term.unicodeScalars.count >= 3 || SearchTokenizer.isSingleCJK(term)
  }

  // MARK: - Searching

  /// One document's best match for one query term, and whether any of the words it matched
  /// is in the document's title or identifier.
  struct Match: Sendable {
    var weight: Int
    var passage: Int
    var named: Bool
  }

  /// A ranked document before it is turned into a result.
  struct Hit: Sendable, Hashable {
    var document: Int
    var score: Int
    var passage: Int
  }

  /// The query's terms, each once, in order; `required` when a document must contain it.
  static func queryTerms(_ text: String) -> [(term: String, required: Bool)] {
    var result: [(term: String, required: Bool)] = []
    var positions: [String: Int] = [:]
    for token in SearchTokenizer.tokens(text) {
      let required = token.role == .base
      if let position = positions[token.term] {
        if required { result[position].required = true }
      } else {
        positions[token.term] = result.count
        result.append((token.term, required))
      }
    }
    return result
  }

  /// The documents that match a query, ranked, before the limit.
  func hits(_ query: SearchQuery) -> [Hit] {
    let queryTerms = SearchEngine.queryTerms(query.text)
    let found = queryTerms.map { matches(of: $0.term) }
    guard let documents = candidates(queryTerms, matches: found, filters: query.filters) else {
      return []
    }
    var hits = documents.map { score($0, queryTerms: queryTerms, matches: found) }
    switch query.order {
    case .relevance:
      hits.sort { $0.score != $1.score ? $0.score > $1.score : $0.document < $1.document }
    case .date:
      hits.sort { $0.document < $1.document }
    }
    return hits
  }

  /// Each document holding a query term (or, when the term may begin longer words, a word it
  /// begins), by document: its best passage for the term, weighted.
  func matches(of term: String) -> [Int: Match] {
    var best: [Int: Match] = [:]
    var bytes = Array(term.utf8)
    let prefixes = SearchEngine.matchesPrefixes(term)
    bytes.withUnsafeMutableBufferPointer { mutable in
      let term = UnsafeBufferPointer(mutable)
      var index = lowerBound(term)
      // A longer word counts at most three quarters of the word itself at its best, so a
      // common word does not rank by the rare words it begins.
      var cap = Int.max
      while index < termCount {
        let (exact, prefix) = withTerm(index) { candidate in
          (candidate.elementsEqual(term), candidate.starts(with: term))
        }
        guard exact || (prefixes && prefix) else { break }
        if exact {
          cap = postings(at: index).reduce(0) { max($0, Int(postingImpacts[$1])) } * 3 / 4
        }
        for posting in postings(at: index) {
          let impact = Int(postingImpacts[posting])
          let passage = Int(postingPassages[posting])
          let document = Int(postingDocuments[posting])
          let weight = exact ? impact : min(impact * 3 / 4, cap)
          let named = postingNamed[posting]
          if let current = best[document],
            current.weight > weight || (current.weight == weight && current.passage <= passage)
          {
            if named { best[document]?.named = true }
            continue
          }
          best[document] = Match(
            weight: weight, passage: passage, named: named || best[document]?.named == true)
        }
        index += 1
      }
    }
    return best
  }

  /// The documents holding every required term and one of the values of each facet filtered
  /// on; nil when the query asks for nothing (no required term, no filter).
  func candidates(
    _ queryTerms: [(term: String, required: Bool)], matches: [[Int: Match]],
    filters: [String: [String]]
  ) -> Set<Int>? {
    var candidates: Set<Int>?
    for (position, entry) in queryTerms.enumerated() where entry.required {
      let documents = Set(matches[position].keys)
      candidates = candidates.map { $0.intersection(documents) } ?? documents
    }
    for facet in SearchQuery.facets {
      let values = (filters[facet] ?? []).filter { !$0.isEmpty }
      guard !values.isEmpty else { continue }
      var allowed = Set<Int>()
      for value in values {
        guard let index = termIndex(SearchEngine.facetTerm(facet, value.lowercased())) else {
          continue
        }
        for posting in postings(at: index) { allowed.insert(Int(postingDocuments[posting])) }
      }
      candidates = candidates.map { $0.intersection(allowed) } ?? allowed
    }
    return candidates
  }

  /// A candidate's score: its terms' weights, half again when every required term is in its
  /// title; its passage is the one of its rarest required term.
  func score(
    _ document: Int, queryTerms: [(term: String, required: Bool)], matches: [[Int: Match]]
  ) -> Hit {
    var score = 0
    var passage = 0
    var passageFrequency = Int.max
    var required = 0
    var named = 0
    for (position, entry) in queryTerms.enumerated() {
      guard let match = matches[position][document] else { continue }
      score += match.weight
      if entry.required {
        required += 1
        if match.named { named += 1 }
      }
      if entry.required, matches[position].count < passageFrequency {
        passageFrequency = matches[position].count
        passage = match.passage
      }
    }
    // Every word of the query in the title: the document is most likely the one sought.
    if required > 0, named == required { score += score / 2 }
    return Hit(document: document, score: score, passage: passage)
  }

  /// Searches: the best `query.limit` results, best first.
  public func search(_ query: SearchQuery) -> [SearchResult] {
    hits(query).prefix(max(0, query.limit)).map { hit in
      let entry = entries[hit.document]
      let passage = hit.passage < entry.passages.count ? entry.passages[hit.passage] : nil
      let url = urls[hit.document]
      return SearchResult(
        path: entry.path, id: entry.identifier, title: entry.title, kind: entry.kind,
        status: entry.status, score: hit.score, excerpt: passage?.text ?? "",
        anchor: passage?.anchor, url: passage?.anchor.map { url + "#" + $0 } ?? url)
    }
  }

  /// How many documents a query matches (before the limit).
  public func count(_ query: SearchQuery) -> Int {
    hits(query).count
  }
}
