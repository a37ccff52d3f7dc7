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
  /// One document's entry in a term's list.
  struct Posting: Sendable, Hashable {
    var document: Int
    var impact: Int
    var passage: Int
  }

  /// Documents, numbered newest first.
  let entries: [SearchEntry]
  /// Each entry's page URL relative to the site's root.
  let urls: [String]
  /// Every term, sorted by UTF-16 code units (JavaScript's string order); facet terms
  /// (`:kind=decision`) sort among them and have impact 0.
  let terms: [String]
  let postings: [[Posting]]
  /// Facet → values with their document counts, sorted by value.
  let facets: [String: [(value: String, count: Int)]]

  static let k1 = 1.2
  static let b = 0.75
  static let scale = 20.0
  static let titleBonus = 1.0

  /// Builds the index from a corpus; `pageURL` gives each document's page relative to the site.
  public init(corpus: Corpus, pageURL: (Document) -> String) {
    let documents = corpus.documents.sorted { lhs, rhs in
      switch (lhs.date, rhs.date) {
      case (let l?, let r?) where l != r: return l > r
      case (.some, nil): return true
      case (nil, .some): return false
      default: return lhs.path < rhs.path
      }
    }
    var entries = documents.parallelMap { SearchEntry(document: $0) }
    self.urls = documents.map(pageURL)
    let newest = entries.compactMap(\.date).max()
    let averageLength = max(
      1, Double(entries.map(\.length).reduce(0, +)) / Double(max(1, entries.count)))

    var frequency: [String: Int] = [:]
    for entry in entries {
      for term in entry.terms.keys { frequency[term, default: 0] += 1 }
    }
    let count = Double(entries.count)
    var lists: [String: [Posting]] = [:]
    var facetCounts: [String: [String: Int]] = [:]
    for (number, entry) in entries.enumerated() {
      let prior = SearchEngine.prior(entry, newest: newest)
      let norm = 1 - SearchEngine.b + SearchEngine.b * Double(entry.length) / averageLength
      let lastPassage = max(0, entry.passages.count - 1)
      for (term, occurrence) in entry.terms {
        let documentFrequency = Double(frequency[term] ?? 1)
        let idf = log(1 + (count - documentFrequency + 0.5) / (documentFrequency + 0.5))
        var weighted = 0.0
        for field in SearchEntry.Field.allCases {
          weighted += field.weight * Double(occurrence.counts[field.rawValue])
        }
        weighted /= norm
        let saturated = weighted * (SearchEngine.k1 + 1) / (weighted + SearchEngine.k1)
        let named =
          occurrence.counts[SearchEntry.Field.title.rawValue] > 0
          || occurrence.counts[SearchEntry.Field.identifier.rawValue] > 0
        let score = idf * (saturated + (named ? SearchEngine.titleBonus : 0)) * prior
        let impact = max(1, Int((score * SearchEngine.scale).rounded()))
        lists[term, default: []].append(
          Posting(document: number, impact: impact, passage: min(occurrence.passage, lastPassage)))
      }
      for (facet, values) in SearchEngine.facetValues(entry) {
        for value in values {
          lists[SearchEngine.facetTerm(facet, value), default: []].append(
            Posting(document: number, impact: 0, passage: 0))
          facetCounts[facet, default: [:]][value, default: 0] += 1
        }
      }
    }
    // The postings hold what ranking needs; the per-document term tables can go.
    for index in entries.indices { entries[index].terms = [:] }
    self.entries = entries
    let sorted = lists.keys.sorted(by: SearchEngine.precedes)
    self.terms = sorted
    self.postings = sorted.map { lists[$0] ?? [] }
    self.facets = facetCounts.mapValues { values in
      values.map { (value: $0.key, count: $0.value) }.sorted {
        SearchEngine.precedes($0.value, $1.value)
      }
    }
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

  /// The index of the first term not before `term`.
  func lowerBound(_ term: String) -> Int {
    var low = 0
    var high = terms.count
    while low < high {
      let middle = (low + high) / 2
      if SearchEngine.precedes(terms[middle], term) { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The postings of a term, if it is in the index.
  func postings(of term: String) -> [Posting]? {
    let index = lowerBound(term)
    guard index < terms.count, terms[index].utf16.elementsEqual(term.utf16) else { return nil }
    return postings[index]
  }

  /// Whether a query term also matches the longer terms it begins.
  static func matchesPrefixes(_ term: String) -> Bool {
    term.unicodeScalars.count >= 3 || SearchTokenizer.isSingleCJK(term)
  }

  // MARK: - Searching

  /// One document's best match for one query term.
  struct Match: Sendable {
    var weight: Int
    var passage: Int
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
    var matches: [[Int: Match]] = []
    for (term, _) in queryTerms {
      var best: [Int: Match] = [:]
      var index = lowerBound(term)
      let prefixes = SearchEngine.matchesPrefixes(term)
      while index < terms.count {
        let candidate = terms[index]
        let exact = candidate.utf16.elementsEqual(term.utf16)
        guard exact || (prefixes && candidate.utf16.starts(with: term.utf16)) else { break }
        for posting in postings[index] {
          let weight = exact ? posting.impact : posting.impact * 3 / 4
          if let current = best[posting.document],
            current.weight > weight
              || (current.weight == weight && current.passage <= posting.passage)
          {
            continue
          }
          best[posting.document] = Match(weight: weight, passage: posting.passage)
        }
        index += 1
      }
      matches.append(best)
    }
    var candidates: Set<Int>?
    for (position, entry) in queryTerms.enumerated() where entry.required {
      let documents = Set(matches[position].keys)
      candidates = candidates.map { $0.intersection(documents) } ?? documents
    }
    for facet in SearchQuery.facets {
      let values = (query.filters[facet] ?? []).filter { !$0.isEmpty }
      guard !values.isEmpty else { continue }
      var allowed = Set<Int>()
      for value in values {
        for posting in postings(of: SearchEngine.facetTerm(facet, value.lowercased())) ?? [] {
          allowed.insert(posting.document)
        }
      }
      candidates = candidates.map { $0.intersection(allowed) } ?? allowed
    }
    guard let candidates else { return [] }
    var hits: [Hit] = []
    hits.reserveCapacity(candidates.count)
    for document in candidates {
      var score = 0
      var passage = 0
      var passageFrequency = Int.max
      for (position, entry) in queryTerms.enumerated() {
        guard let match = matches[position][document] else { continue }
        score += match.weight
        if entry.required, matches[position].count < passageFrequency {
          passageFrequency = matches[position].count
          passage = match.passage
        }
      }
      hits.append(Hit(document: document, score: score, passage: passage))
    }
    switch query.order {
    case .relevance:
      hits.sort { $0.score != $1.score ? $0.score > $1.score : $0.document < $1.document }
    case .date:
      hits.sort { $0.document < $1.document }
    }
    return hits
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
