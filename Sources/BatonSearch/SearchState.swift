import BatonConfig
import BatonGit
import BatonSupport
import Foundation

/// The search index as the last build wrote it, kept between builds (by `BuildState`) so that a
/// build after edits to a few documents' bodies patches the index instead of building it again.
///
/// What it keeps: every document's length, prior and number of excerpt files; the average
/// length and the facets the impacts were worked out with; the groups' hashes; and each shard's
/// place (where it starts, its first and last term), the documents it holds postings of (a
/// bitmap), and a *blob* of its terms with each posting's weights (`SearchEngine.Weight`), from
/// which impacts are worked out again exactly as the engine works them out.
///
/// A patch (`patch`) takes documents whose metadata, date and place are the same and whose
/// body changed. It rewrites the postings of the shards that hold their old or new terms, cuts
/// shards again from the first changed one until a cut meets an old one before an unchanged
/// shard, and writes the changed documents' excerpt groups and the manifest. The files are the
/// ones `SearchIndex.build` writes for the same documents; when the average length moves
/// (every impact would), it gives up and the index is built again.
package struct SearchState: Sendable {
  /// One document, by its number in the index (newest first).
  struct Entry: Sendable, Hashable {
    var path: String
    /// Its page, relative to the site's root.
    var url: String
    var length: Int
    /// The prior its impacts were multiplied by (`SearchEngine.prior`).
    var prior: Double
    /// How many excerpt files it has.
    var parts: Int
  }

  /// One shard of terms.
  package struct Shard: Sendable, Hashable {
    /// Where it starts, as the manifest says.
    var first: String
    /// Its file's hash (`search/t/<hash>.js`), which also names its blob.
    package var hash: String
    var firstTerm: String
    var lastTerm: String
    /// Bit `n` is set when document `n` has a posting here.
    var documents: [UInt64]
  }

  /// A posting as a blob keeps it.
  struct Posting: Sendable, Hashable {
    var document: Int32
    var weight: SearchEngine.Weight
    var passage: Int32
  }

  /// A term and its postings, by document number.
  struct Term: Sendable, Hashable {
    var term: String
    var postings: [Posting]

    var isFacet: Bool { term.hasPrefix(":") }
  }

  var entries: [Entry]
  /// Each document's number by path.
  let numbers: [String: Int]
  var totalLength: Int
  var averageLength: Double
  /// The manifest's `facets` object.
  var facets: String
  var groups: [String]
  package var shards: [Shard]

  init(
    entries: [Entry], totalLength: Int, averageLength: Double, facets: String,
    groups: [String], shards: [Shard]
  ) {
    self.entries = entries
    self.numbers = Dictionary(
      entries.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
    self.totalLength = totalLength
    self.averageLength = averageLength
    self.facets = facets
    self.groups = groups
    self.shards = shards
  }

  /// A state and the blobs of its shards, by hash: what a build hands to `BuildState`.
  package struct Built: Sendable {
    package var state: SearchState
    package var blobs: [String: [UInt8]]
    /// Each document's excerpt payloads, by number (`SearchIndex.payloads`): what a patch
    /// makes the changed documents' groups again with, so that the published excerpt files
    /// are never read back.
    package var payloads: [[[UInt8]]]
  }

  // MARK: - From a build

  /// The state of an index `SearchIndex.build` cut into `shards` (the engine kept its weights).
  static func build(
    engine: SearchEngine, shards: [(first: String, hash: String, terms: Range<Int>)],
    groups: [String], payloads: [[[UInt8]]], facets: String
  ) -> Built {
    let entries = engine.entries.indices.map { number in
      let entry = engine.entries[number]
      return Entry(
        path: entry.path, url: engine.urls[number], length: entry.length,
        prior: engine.priors[number],
        parts: SearchIndex.parts(passages: entry.passages.count))
    }
    let count = engine.entries.count
    // Straight from the engine's arrays: millions of postings are not made into values first.
    let made = shards.parallelMap { shard -> (Shard, [UInt8]) in
      var blob = BlobWriter(terms: shard.terms.count)
      var documents = [UInt64](repeating: 0, count: (count + 63) / 64)
      for index in shard.terms {
        let range = engine.postings(at: index)
        let facet = engine.withTerm(index) { blob.term($0, postings: range.count) }
        for posting in range {
          let document = engine.postingDocuments[posting]
          SearchState.set(&documents, Int(document))
          blob.posting(
            document: document, weight: facet ? nil : engine.postingWeights[posting],
            passage: engine.postingPassages[posting])
        }
      }
      let first = shard.terms.isEmpty ? "" : engine.term(shard.terms.lowerBound)
      let last = shard.terms.isEmpty ? "" : engine.term(shard.terms.upperBound - 1)
      return (
        Shard(
          first: shard.first, hash: shard.hash, firstTerm: first, lastTerm: last,
          documents: documents),
        blob.finish()
      )
    }
    var blobs: [String: [UInt8]] = [:]
    for (shard, blob) in made { blobs[shard.hash] = blob }
    return Built(
      state: SearchState(
        entries: entries, totalLength: engine.totalLength, averageLength: engine.averageLength,
        facets: facets, groups: groups, shards: made.map(\.0)),
      blobs: blobs, payloads: payloads)
  }

  /// Sets bit `number` of a bitmap (see `has`).
  static func set(_ bitmap: inout [UInt64], _ number: Int) {
    bitmap[number / 64] |= 1 << UInt64(number % 64)
  }

  /// The documents with postings among `terms`, as a bitmap over `count` documents.
  static func bitmap(_ terms: [Term], count: Int) -> [UInt64] {
    var words = [UInt64](repeating: 0, count: (count + 63) / 64)
    for term in terms {
      for posting in term.postings where Int(posting.document) < count {
        set(&words, Int(posting.document))
      }
    }
    return words
  }

  // MARK: - Blobs

  /// A shard's terms as bytes: each term as the length it shares with the one before and the
  /// rest, its postings' count, then per posting the gap to the document before, and (but for
  /// facet terms) the short weight and the named flag, the long weight and the passage; sealed
  /// (`CacheFile.sealed`).
  static func encode(_ terms: [Term]) -> [UInt8] {
    var blob = BlobWriter(terms: terms.count)
    for term in terms {
      let facet =
        term.term.utf8.withContiguousStorageIfAvailable {
          blob.term($0, postings: term.postings.count)
        } ?? blob.term(Array(term.term.utf8), postings: term.postings.count)
      for posting in term.postings {
        blob.posting(
          document: posting.document, weight: facet ? nil : posting.weight,
          passage: posting.passage)
      }
    }
    return blob.finish()
  }

  /// Writes a blob term by term, then posting by posting (see `encode`).
  struct BlobWriter {
    private var writer: ByteWriter
    private var previous: [UInt8] = []
    private var document: Int32 = -1

    init(terms: Int) {
      writer = ByteWriter(capacity: terms * 24)
      writer.varint(UInt64(terms))
    }

    /// Starts a term of `postings` postings; returns whether it is a facet term.
    mutating func term(_ bytes: some Swift.Collection<UInt8>, postings: Int) -> Bool {
      let shared = zip(previous, bytes).prefix { $0 == $1 }.count
      writer.varint(UInt64(shared))
      writer.varint(UInt64(bytes.count - shared))
      writer.bytes.append(contentsOf: bytes.dropFirst(shared))
      previous = Array(bytes)
      writer.varint(UInt64(postings))
      document = -1
      return bytes.first == UInt8(ascii: ":")
    }

    /// A posting of the term last started; `weight` nil for a facet term's.
    mutating func posting(document: Int32, weight: SearchEngine.Weight?, passage: Int32) {
      writer.varint(UInt64(max(0, document - self.document - 1)))
      self.document = document
      guard let weight else { return }
      writer.varint(UInt64(max(0, weight.short)) << 1 | (weight.named ? 1 : 0))
      writer.varint(UInt64(max(0, weight.longTwice)))
      writer.varint(UInt64(max(0, passage)))
    }

    consuming func finish() -> [UInt8] {
      CacheFile.sealed(writer.bytes)
    }
  }

  /// Reads what `encode` wrote; nil when the bytes are damaged.
  ///
  /// Straight from the blob's buffer (`BlobReader`), a term's text made in one buffer kept
  /// from term to term: a patch decodes every shard an edited document has terms in, and a
  /// call per number was most of its time.
  static func decode(_ bytes: [UInt8]) -> [Term]? {
    guard let unsealed = CacheFile.unsealed(bytes) else { return nil }
    return unsealed.withUnsafeBufferPointer { buffer -> [Term]? in
      var reader = BlobReader(buffer: buffer)
      guard let count = reader.natural(), count <= bytes.count else { return nil }
      var terms: [Term] = []
      terms.reserveCapacity(count)
      var text: [UInt8] = []
      for _ in 0..<count {
        guard let term = reader.term(&text) else { return nil }
        terms.append(term)
      }
      return reader.position == buffer.count ? terms : nil
    }
  }

  /// Reads a blob's numbers and terms from its buffer (`decode`).
  struct BlobReader {
    let buffer: UnsafeBufferPointer<UInt8>
    var position = 0

    /// A varint (`ByteCoding.varint(in:at:)`).
    @inline(__always)
    mutating func varint() -> UInt64? {
      ByteCoding.varint(in: buffer, at: &position)
    }

    /// A varint that fits an `Int`.
    @inline(__always)
    mutating func natural() -> Int? {
      varint().flatMap { $0 <= UInt64(Int.max) ? Int($0) : nil }
    }

    /// A term and its postings; `text` holds the term before it, and then this one.
    mutating func term(_ text: inout [UInt8]) -> Term? {
      guard let shared = natural(), shared <= text.count,
        let rest = natural(), rest <= buffer.count - position
      else { return nil }
      text.removeSubrange(shared...)
      text.append(contentsOf: buffer[position..<position + rest])
      position += rest
      let term = String(decoding: text, as: UTF8.self)
      let facet = text.first == UInt8(ascii: ":")
      guard let postingCount = natural(), postingCount <= buffer.count else { return nil }
      var postings: [Posting] = []
      postings.reserveCapacity(postingCount)
      var document = -1
      for _ in 0..<postingCount {
        guard let gap = natural(), document + gap + 1 <= Int(Int32.max) else { return nil }
        document += gap + 1
        var posting = Posting(
          document: Int32(document), weight: SearchEngine.Weight(), passage: 0)
        if !facet {
          guard let short = varint(), let long = varint(), let passage = varint(),
            short >> 1 <= UInt64(Int32.max), long <= UInt64(Int32.max),
            passage <= UInt64(Int32.max)
          else { return nil }
          posting.weight = SearchEngine.Weight(
            short: Int32(short >> 1), longTwice: Int32(long), named: short & 1 == 1)
          posting.passage = Int32(passage)
        }
        postings.append(posting)
      }
      return Term(term: term, postings: postings)
    }
  }
}

extension SearchState {
  /// Writes the state (not its blobs), for `BuildState`.
  package func write(to writer: inout ByteWriter) {
    writer.list(entries) { writer, entry in
      writer.string(entry.path)
      writer.string(entry.url)
      writer.natural(entry.length)
      writer.double(entry.prior)
      writer.natural(entry.parts)
    }
    writer.natural(totalLength)
    writer.double(averageLength)
    writer.string(facets)
    writer.strings(groups)
    writer.list(shards) { writer, shard in
      writer.string(shard.first)
      writer.string(shard.hash)
      writer.string(shard.firstTerm)
      writer.string(shard.lastTerm)
      writer.list(shard.documents) { $0.uint64($1) }
    }
  }

  /// Reads what `write(to:)` wrote.
  package static func read(from reader: inout ByteReader) -> SearchState? {
    guard
      let entries = reader.list({ reader -> Entry? in
        guard let path = reader.string(), let url = reader.string(),
          let length = reader.natural(), let prior = reader.double(), let parts = reader.natural()
        else { return nil }
        return Entry(path: path, url: url, length: length, prior: prior, parts: parts)
      }),
      let totalLength = reader.natural(), let averageLength = reader.double(),
      let facets = reader.string(), let groups = reader.strings(),
      let shards = reader.list({ reader -> Shard? in
        guard let first = reader.string(), let hash = reader.string(),
          let firstTerm = reader.string(), let lastTerm = reader.string(),
          let documents = reader.list({ $0.uint64() })
        else { return nil }
        return Shard(
          first: first, hash: hash, firstTerm: firstTerm, lastTerm: lastTerm,
          documents: documents)
      })
    else { return nil }
    return SearchState(
      entries: entries, totalLength: totalLength, averageLength: averageLength, facets: facets,
      groups: groups, shards: shards)
  }
}
