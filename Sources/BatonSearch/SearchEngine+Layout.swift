import BatonDocuments
import BatonSupport
import Dispatch
import Foundation
import Synchronization

extension SearchEngine {
  /// The documents of one run, read by one worker.
  struct Chunk: Sendable {
    var entries: [SearchEntry]
    var collector: SearchTermCollector
    /// What the run was read from, to tell whether a later build may take it as it is (see
    /// `SearchMemo`): each document's path and parsed body.
    var sources: [SearchMemo.Source]
  }

  /// Where runs end: after a document whose path's hash has its top `runBits` bits clear (one in
  /// 2^runBits, so about 256 documents a run), or once a run holds `maximumRun` documents.
  ///
  /// Runs end where the documents say, not every N documents, so a document added, removed or
  /// moved (a changed date) changes only the run it leaves and the run it lands in (split in two
  /// when its own path ends a run), and the runs after it cut at `maximumRun` up to the next end
  /// its path says, which are rare; every other run holds the same documents as before, and a
  /// rebuild in `baton serve` reads only the changed runs again (`SearchMemo`). The index made
  /// from the runs does not depend on where they end.
  static let runBits: UInt64 = 8
  static let maximumRun = 1024

  /// The runs of documents in order: index ranges into `documents`.
  static func runs(_ documents: [Document]) -> [Range<Int>] {
    var runs: [Range<Int>] = []
    var start = 0
    for (index, document) in documents.enumerated() {
      let length = index + 1 - start
      if Digest(of: document.path).high >> (64 - runBits) == 0 || length >= maximumRun {
        runs.append(start..<(index + 1))
        start = index + 1
      }
    }
    if start < documents.count || runs.isEmpty { runs.append(start..<documents.count) }
    return runs
  }

  /// Reads documents in parallel runs, in order; a run `memo` holds for the same documents is
  /// taken from it.
  ///
  /// - Parameter keepingSources: keep what each run was read from (`Chunk.sources`) for a
  ///   memo; without, the runs do not hold on to the documents' trees.
  static func collect(
    _ documents: [Document], memo: SearchMemo = SearchMemo(), keepingSources: Bool = true
  ) -> [Chunk] {
    let runs = runs(documents)
    let results = Mutex<[Chunk?]>(runs.map { memo.chunk(for: documents[$0]) })
    let missing = results.withLock { chunks in chunks.indices.filter { chunks[$0] == nil } }
    DispatchQueue.concurrentPerform(iterations: missing.count) { position in
      let index = missing[position]
      var collector = SearchTermCollector()
      var entries: [SearchEntry] = []
      entries.reserveCapacity(runs[index].count)
      for document in documents[runs[index]] {
        entries.append(SearchEntry(document: document, collector: &collector))
      }
      collector.forgetFolds()
      let chunk = Chunk(
        entries: entries, collector: collector,
        sources: keepingSources ? documents[runs[index]].map(SearchMemo.Source.init) : [])
      results.withLock { $0[index] = chunk }
    }
    return results.withLock { $0.compactMap { $0 } }
  }

  /// The sorted terms and flat postings of the engine, made from the runs' collectors.
  struct Layout {
    var termBytes: [UInt8] = []
    var termStarts: [Int32] = [0]
    var postingStarts: [Int] = []
    var postingDocuments: [Int32] = []
    var postingImpacts: [Int32] = []
    var postingPassages: [Int32] = []
    var postingNamed: [Bool] = []
    /// Each posting's weights (see `Weight`), when asked for: what the build state keeps so that
    /// impacts can be worked out again for a changed term weight.
    var postingWeights: [Weight] = []
    var facets: [String: [(value: String, count: Int)]] = [:]
    /// The sum of the documents' lengths and its average as ranking uses it (`quantized`).
    var totalLength = 0
    var averageLength = 1.0
    /// Each document's prior, by number.
    var priors: [Double] = []

    init(chunks: [Chunk], entries: [SearchEntry], keepingWeights: Bool = false) {
      var table = TermTable(capacity: chunks.reduce(0) { $0 + $1.collector.table.count } / 2)
      let maps = Layout.globalIDs(chunks, table: &table)
      let facetPostings = FacetPostings(entries, table: &table)
      let frequency = Layout.frequencies(chunks, maps: maps, count: table.count)
      var lengths = frequency
      for id in facetPostings.terms { lengths[Int(id)] += 1 }
      let rank = order(table, lengths: lengths)
      let idf = frequency.map {
        SearchEngine.idf(frequency: Int($0), count: entries.count)
      }
      totalLength = entries.map(\.length).reduce(0, +)
      averageLength = SearchEngine.quantized(
        Double(totalLength) / Double(max(1, entries.count)))
      fill(
        chunks, maps: maps, facetPostings: facetPostings, rank: rank, idf: idf,
        newest: entries.compactMap(\.date).max(), keepingWeights: keepingWeights)
      facets = facetPostings.counts.mapValues { values in
        values.map { (value: $0.key, count: $0.value) }.sorted {
          SearchEngine.precedes($0.value, $1.value)
        }
      }
    }

    /// One table for all terms: each run's ids mapped to global ids.
    static func globalIDs(_ chunks: [Chunk], table: inout TermTable) -> [[Int32]] {
      chunks.map { chunk in
        let local = chunk.collector.table
        return (0..<local.count).map { id in
          local.withTerm(id) { table.intern($0, hash: local.hashes[id]) }
        }
      }
    }

    /// Facet terms, one posting per value (a repeated tag repeats), in document order.
    struct FacetPostings {
      var terms: [Int32] = []
      /// Where each document's facet terms start in `terms`, and where the last ends.
      var starts: [Int] = [0]
      var counts: [String: [String: Int]] = [:]

      init(_ entries: [SearchEntry], table: inout TermTable) {
        for entry in entries {
          for (facet, values) in SearchEngine.facetValues(entry) {
            for value in values {
              var term = SearchEngine.facetTerm(facet, value)
              terms.append(term.withUTF8 { table.intern($0) })
              counts[facet, default: [:]][value, default: 0] += 1
            }
          }
          starts.append(terms.count)
        }
      }
    }

    /// Each term's document frequency, by global id.
    static func frequencies(_ chunks: [Chunk], maps: [[Int32]], count: Int) -> [Int32] {
      var frequency = [Int32](repeating: 0, count: count)
      for (chunk, map) in zip(chunks, maps) {
        for id in chunk.collector.termIDs { frequency[Int(map[Int(id)])] += 1 }
      }
      return frequency
    }

    /// Lays the terms out in JavaScript's order with where each one's postings start; returns
    /// `rank`, which maps a global id to its place.
    mutating func order(_ table: TermTable, lengths: [Int32]) -> [Int32] {
      var sorted = (0..<Int32(table.count)).map { $0 }
      table.bytes.withUnsafeBufferPointer { bytes in
        table.starts.withUnsafeBufferPointer { starts in
          func term(_ id: Int32) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[Int(starts[Int(id)])..<Int(starts[Int(id) + 1])])
          }
          sorted.sort { SearchEngine.precedes(term($0), term($1)) }
        }
      }
      var rank = [Int32](repeating: 0, count: table.count)
      termBytes.reserveCapacity(table.bytes.count)
      termStarts.reserveCapacity(table.count + 1)
      postingStarts.reserveCapacity(table.count + 1)
      var total = 0
      for (position, id) in sorted.enumerated() {
        rank[Int(id)] = Int32(position)
        table.withTerm(Int(id)) { termBytes.append(contentsOf: $0) }
        termStarts.append(Int32(termBytes.count))
        postingStarts.append(total)
        total += Int(lengths[Int(id)])
      }
      postingStarts.append(total)
      return rank
    }

    /// Impacts, laid out by term and, within a term, by document; and each document's prior.
    mutating func fill(
      _ chunks: [Chunk], maps: [[Int32]], facetPostings: FacetPostings, rank: [Int32],
      idf: [Double], newest: Day?, keepingWeights: Bool
    ) {
      let total = postingStarts.last ?? 0
      var cursor = postingStarts
      var documents = [Int32](repeating: 0, count: total)
      var impacts = [Int32](repeating: 0, count: total)
      var passages = [Int32](repeating: 0, count: total)
      var named = [Bool](repeating: false, count: total)
      var weights = [Weight](repeating: Weight(), count: keepingWeights ? total : 0)
      var number = 0
      for (chunk, map) in zip(chunks, maps) {
        let collector = chunk.collector
        for (local, entry) in chunk.entries.enumerated() {
          let prior = SearchEngine.prior(entry, newest: newest)
          priors.append(prior)
          let norm = SearchEngine.norm(length: entry.length, averageLength: averageLength)
          let lastPassage = Int32(max(0, entry.passages.count - 1))
          for row in collector.documentStarts[local]..<collector.documentStarts[local + 1] {
            let id = Int(map[Int(collector.termIDs[row])])
            let slot = cursor[Int(rank[id])]
            cursor[Int(rank[id])] += 1
            let weight = Weight(collector.counts[row])
            documents[slot] = Int32(number)
            impacts[slot] = Int32(
              SearchEngine.impact(weight, idf: idf[id], norm: norm, prior: prior))
            passages[slot] = min(collector.passages[row], lastPassage)
            named[slot] = weight.named
            if keepingWeights { weights[slot] = weight }
          }
          for facet in facetPostings.starts[number]..<facetPostings.starts[number + 1] {
            let position = Int(rank[Int(facetPostings.terms[facet])])
            documents[cursor[position]] = Int32(number)
            cursor[position] += 1
          }
          number += 1
        }
      }
      postingDocuments = documents
      postingImpacts = impacts
      postingPassages = passages
      postingNamed = named
      postingWeights = weights
    }
  }

  /// A term's counts in a document's fields, weighted: the short fields (title, identifier,
  /// tags, owner), which BM25 does not normalise by length, and the long ones (headings, body),
  /// which it does.
  ///
  /// Field weights are multiples of a half, so both sums are kept whole (the long one doubled)
  /// and are exactly the doubles the ranking sums, field by field, would give: the build state
  /// keeps them to work impacts out again without the documents.
  struct Weight: Sendable, Hashable {
    var short: Int32 = 0
    /// The long fields' weighted count, doubled.
    var longTwice: Int32 = 0
    /// Whether the term is in the title or identifier.
    var named = false

    init() {}

    init(short: Int32, longTwice: Int32, named: Bool) {
      self.short = short
      self.longTwice = longTwice
      self.named = named
    }

    @inline(__always)
    init(_ counts: SIMD8<UInt16>) {
      var short: Int32 = 0
      var longTwice: Int32 = 0
      for field in SearchEntry.Field.allCases {
        let count = Int32(counts[field.rawValue])
        switch field {
        case .headings, .body: longTwice += Int32(field.weight * 2) * count
        // The short fields' weights are whole numbers.
        case .title, .identifier, .tags, .owner: short += Int32(field.weight) * count
        }
      }
      self.init(short: short, longTwice: longTwice, named: SearchEngine.isNamed(counts))
    }
  }

  /// The length normalisation of BM25 for a document.
  @inline(__always)
  static func norm(length: Int, averageLength: Double) -> Double {
    1 - SearchEngine.b + SearchEngine.b * Double(length) / averageLength
  }

  /// A term's impact in a document: BM25F over its weighted field counts, the title bonus and
  /// the prior, scaled to an integer.
  ///
  /// Only headings and body are normalised by the document's length; the short fields (title,
  /// identifier, tags, owner) are not, so a long document's title counts as much as a short
  /// one's.
  @inline(__always)
  static func impact(_ weight: Weight, idf: Double, norm: Double, prior: Double) -> Int {
    let weighted = Double(weight.short) + Double(weight.longTwice) / 2 / norm
    let saturated = weighted * (SearchEngine.k1 + 1) / (weighted + SearchEngine.k1)
    let score = idf * (saturated + (weight.named ? SearchEngine.titleBonus : 0)) * prior
    return max(1, Int((score * SearchEngine.scale).rounded()))
  }

  /// The weight of a term in a document from how many documents hold it, of `count` in all.
  @inline(__always)
  static func idf(frequency: Int, count: Int) -> Double {
    let documentFrequency = Double(max(1, frequency))
    return log(1 + (Double(count) - documentFrequency + 0.5) / (documentFrequency + 0.5))
  }

  /// The average document length as ranking uses it: rounded to a step of an eighth of the
  /// power of two below it (a step is 6 to 12.5% of the length), so that an edit to one
  /// document of many seldom moves it. When it moves, every document's impacts may, and with
  /// them every shard of the index; when it does not, an edit changes only the postings of the
  /// edited document's words (and of the words it gains or loses, whose IDF moves).
  static func quantized(_ averageLength: Double) -> Double {
    guard averageLength >= 8 else { return max(1, averageLength.rounded()) }
    let power = Int.bitWidth - Int(averageLength).leadingZeroBitCount - 1
    let step = Double(1 << (power - 3))
    return (averageLength / step).rounded() * step
  }

  /// Whether a term is in the document's title or identifier.
  @inline(__always)
  static func isNamed(_ counts: SIMD8<UInt16>) -> Bool {
    counts[SearchEntry.Field.title.rawValue] > 0
      || counts[SearchEntry.Field.identifier.rawValue] > 0
  }
}
