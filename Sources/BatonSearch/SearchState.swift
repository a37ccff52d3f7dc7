import BatonConfig
import BatonGit
import BatonSupport
import Foundation

/// The search index as the last build wrote it, kept between builds (by `BuildState`) so that a
/// build after edits to a few documents' bodies patches the index instead of building it again.
///
/// What it keeps: every document's length, prior and number of excerpt parts; the average
/// length and the facets the impacts were worked out with; the groups' hashes; and each shard's
/// place (where it starts, its first and last term), the documents it holds postings of (a
/// bitmap), and a *blob* of its terms (`Record`): each term's postings as the shard's file holds
/// them, with each posting's weights (`SearchEngine.Weight`), from which impacts are worked out
/// again exactly as the engine works them out.
///
/// A patch (`patch`) takes documents whose metadata, date and place are the same and whose
/// body changed. In the shards that hold their old or new terms it replaces their postings
/// only, splicing the bytes of the others' as they were, and encodes a term again whole only
/// when its document count (and so every impact in it) moves; it cuts shards again from the
/// first changed one until a cut meets an old one before an unchanged shard, and writes the
/// changed documents' excerpt groups and the manifest. The files are the ones
/// `SearchIndex.build` writes for the same documents; when the average length moves (every
/// impact would), every term is encoded again.
package struct SearchState: Sendable {
  /// One document, by its number in the index (newest first); its path and page are in
  /// `names`.
  struct Entry: Sendable, Hashable {
    var length: Int
    /// The prior its impacts were multiplied by (`SearchEngine.prior`).
    var prior: Double
    /// How many parts it has in the excerpt files (`SearchIndex.parts`).
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
  /// Each document's path and page, by number.
  var names: Names
  var totalLength: Int
  var averageLength: Double
  /// The manifest's `facets` object.
  var facets: String
  var groups: [String]
  package var shards: [Shard]

  init(
    entries: [Entry], names: Names, totalLength: Int, averageLength: Double, facets: String,
    groups: [String], shards: [Shard]
  ) {
    self.entries = entries
    self.names = names
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

  /// Every term's postings text (`SearchIndex.encodePostings`) back to back, as a build
  /// encodes them for the shards' files: the state's blobs keep them.
  struct Texts: Sendable {
    var bytes: [UInt8] = []
    /// Term `n`'s text is `bytes[starts[n]..<starts[n + 1]]`.
    var starts: [Int] = [0]

    mutating func append(_ text: [UInt8]) {
      bytes.append(contentsOf: text)
      starts.append(bytes.count)
    }

    /// Term `index`'s text.
    subscript(index: Int) -> ArraySlice<UInt8> {
      bytes[starts[index]..<starts[index + 1]]
    }
  }

  /// The state of an index `SearchIndex.build` cut into `shards` (the engine kept its weights),
  /// with `texts` the postings texts it wrote.
  static func build(
    engine: SearchEngine, shards: [(first: String, hash: String, terms: Range<Int>)],
    texts: Texts, groups: [String], payloads: [[[UInt8]]], facets: String
  ) -> Built {
    var names = Names()
    let entries = engine.entries.indices.map { number in
      let entry = engine.entries[number]
      names.append(path: entry.path.utf8, url: engine.urls[number].utf8)
      return Entry(
        length: entry.length, prior: engine.priors[number],
        parts: SearchIndex.parts(passages: entry.passages.count))
    }
    let count = engine.entries.count
    // Straight from the engine's arrays: millions of postings are not made into values first.
    let made = shards.parallelMap { shard -> (Shard, [UInt8]) in
      let size = texts.starts[shard.terms.upperBound] - texts.starts[shard.terms.lowerBound]
      var blob = BlobWriter(terms: shard.terms.count, capacity: size * 2)
      var documents = [UInt64](repeating: 0, count: (count + 63) / 64)
      var weights: [UInt8] = []
      for index in shard.terms {
        let range = engine.postings(at: index)
        weights.removeAll(keepingCapacity: true)
        let facet = engine.withTerm(index) { $0.first == UInt8(ascii: ":") }
        for posting in range {
          SearchState.set(&documents, Int(engine.postingDocuments[posting]))
          if !facet { SearchState.appendWeight(engine.postingWeights[posting], to: &weights) }
        }
        // Made from what was just encoded: never damaged.
        let skips =
          SearchState.skips(
            text: texts[index], weights: weights[...], count: range.count, facet: facet) ?? []
        engine.withTerm(index) {
          blob.term(
            $0, count: range.count, text: texts[index], weights: weights, skips: skips)
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
        entries: entries, names: names, totalLength: engine.totalLength,
        averageLength: engine.averageLength,
        facets: facets, groups: groups, shards: made.map(\.0)),
      blobs: blobs, payloads: payloads)
  }

  /// Sets bit `number` of a bitmap (see `has`).
  static func set(_ bitmap: inout [UInt64], _ number: Int) {
    bitmap[number / 64] |= 1 << UInt64(number % 64)
  }
}

extension SearchState {
  /// Writes the state (not its blobs), for `BuildState`.
  package func write(to writer: inout ByteWriter) {
    writeEntries(to: &writer)
    writer.natural(totalLength)
    writer.double(averageLength)
    writer.string(facets)
    writer.strings(groups)
    writer.list(shards) { writer, shard in
      writer.string(shard.first)
      writer.string(shard.hash)
      writer.string(shard.firstTerm)
      writer.string(shard.lastTerm)
      SearchState.writeWords(shard.documents, to: &writer)
    }
  }

  /// Writes a bitmap as `list` writes 64-bit numbers, copied whole instead of a call a word:
  /// a state holds a few hundred bitmaps of 40,000 bits.
  static func writeWords(_ words: [UInt64], to writer: inout ByteWriter) {
    writer.natural(words.count)
    words.withUnsafeBufferPointer { buffer in
      if UInt64(1).littleEndian == 1 {
        writer.bytes.append(contentsOf: UnsafeRawBufferPointer(buffer))
      } else {
        for word in buffer { writer.uint64(word) }
      }
    }
  }

  /// Reads what `writeWords` wrote.
  static func readWords(from reader: inout ByteReader) -> [UInt64]? {
    guard let count = reader.natural(), count <= (reader.bytes.count - reader.position) / 8
    else { return nil }
    let start = reader.position
    reader.position += count * 8
    return reader.bytes.withUnsafeBytes { raw in
      (0..<count).map {
        UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + $0 * 8, as: UInt64.self))
      }
    }
  }

  /// Writes the entries as a list of each one's path and page (`ByteWriter.string`), length,
  /// prior and parts, straight from the names' bytes: tens of thousands of entries are written
  /// at every build.
  func writeEntries(to writer: inout ByteWriter) {
    writer.natural(entries.count)
    let out = names.bytes.withUnsafeBufferPointer { bytes -> [UInt8] in
      var out: [UInt8] = []
      out.reserveCapacity(names.bytes.count + entries.count * 24)
      for (number, entry) in entries.enumerated() {
        for index in (2 * number)...(2 * number + 1) {
          let (start, end) = (names.starts[index], names.starts[index + 1])
          SearchState.appendLittleEndian(UInt64(end - start), bytes: 4, to: &out)
          out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
        SearchState.appendVarint(UInt64(max(0, entry.length)), to: &out)
        SearchState.appendLittleEndian(entry.prior.bitPattern, bytes: 8, to: &out)
        SearchState.appendVarint(UInt64(max(0, entry.parts)), to: &out)
      }
      return out
    }
    writer.bytes.append(contentsOf: out)
  }

  /// Appends the low `bytes` bytes of a number, lowest first.
  @inline(__always)
  static func appendLittleEndian(_ value: UInt64, bytes: Int, to out: inout [UInt8]) {
    for shift in stride(from: 0, to: bytes * 8, by: 8) {
      out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
    }
  }

  /// Reads the entries `writeEntries` wrote, with their names, straight from the reader's
  /// buffer.
  static func readEntries(from reader: inout ByteReader) -> ([Entry], Names)? {
    guard let count = reader.natural(), count <= reader.bytes.count - reader.position else {
      return nil
    }
    let start = reader.position
    let read = reader.bytes.withUnsafeBufferPointer { buffer -> ([Entry], Names, Int)? in
      let raw = UnsafeRawBufferPointer(buffer)
      var position = start
      var entries: [Entry] = []
      entries.reserveCapacity(count)
      var names = Names()
      names.starts.reserveCapacity(count * 2 + 1)
      names.bytes.reserveCapacity(buffer.count - position)
      for _ in 0..<count {
        for _ in 0..<2 {
          guard buffer.count - position >= 4 else { return nil }
          let length = Int(
            UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
          position += 4
          guard length <= buffer.count - position else { return nil }
          names.bytes.append(
            contentsOf: UnsafeBufferPointer(rebasing: buffer[position..<position + length]))
          names.starts.append(names.bytes.count)
          position += length
        }
        guard let length = ByteCoding.varint(in: buffer, at: &position),
          length <= UInt64(Int.max), buffer.count - position >= 8
        else { return nil }
        let prior = UInt64(
          littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
        position += 8
        guard let parts = ByteCoding.varint(in: buffer, at: &position), parts <= UInt64(Int.max)
        else { return nil }
        entries.append(
          Entry(length: Int(length), prior: Double(bitPattern: prior), parts: Int(parts)))
      }
      return (entries, names, position)
    }
    guard let (entries, names, end) = read else { return nil }
    reader.position = end
    return (entries, names)
  }

  /// Reads what `write(to:)` wrote.
  package static func read(from reader: inout ByteReader) -> SearchState? {
    guard
      let (entries, names) = readEntries(from: &reader),
      let totalLength = reader.natural(), let averageLength = reader.double(),
      let facets = reader.string(), let groups = reader.strings(),
      let shards = reader.list({ reader -> Shard? in
        guard let first = reader.string(), let hash = reader.string(),
          let firstTerm = reader.string(), let lastTerm = reader.string(),
          let documents = SearchState.readWords(from: &reader)
        else { return nil }
        return Shard(
          first: first, hash: hash, firstTerm: firstTerm, lastTerm: lastTerm,
          documents: documents)
      })
    else { return nil }
    return SearchState(
      entries: entries, names: names, totalLength: totalLength, averageLength: averageLength,
      facets: facets,
      groups: groups, shards: shards)
  }
}

extension SearchState {
  /// The documents' paths and pages (relative to the site's root), by number, as UTF-8 bytes
  /// back to back: a state read and written at every build holds 80,000 of them, which as
  /// strings were most of the search state's reading and writing; a patch looks at a few.
  struct Names: Sendable, Hashable {
    var bytes: [UInt8] = []
    /// Document `n`'s path is `bytes[starts[2n]..<starts[2n + 1]]`, its page
    /// `bytes[starts[2n + 1]..<starts[2n + 2]]`.
    var starts: [Int] = [0]

    /// Adds the next document's path and page.
    mutating func append(path: some Swift.Collection<UInt8>, url: some Swift.Collection<UInt8>) {
      bytes.append(contentsOf: path)
      starts.append(bytes.count)
      bytes.append(contentsOf: url)
      starts.append(bytes.count)
    }

    /// Document `number`'s path.
    func path(_ number: Int) -> String {
      String(decoding: bytes[starts[2 * number]..<starts[2 * number + 1]], as: UTF8.self)
    }

    /// Document `number`'s page.
    func url(_ number: Int) -> String {
      String(decoding: bytes[starts[2 * number + 1]..<starts[2 * number + 2]], as: UTF8.self)
    }

    /// Whether document `number`'s path is `path`, byte for byte.
    func hasPath(_ number: Int, _ path: String) -> Bool {
      number >= 0 && 2 * number + 1 < starts.count
        && bytes[starts[2 * number]..<starts[2 * number + 1]].elementsEqual(path.utf8)
    }

    /// The numbers of the documents at `paths`, nil for a path no document has: one pass over
    /// the names, comparing only those of the same length.
    func numbers(of paths: [String]) -> [Int?] {
      var wanted: [Int: [Int]] = [:]
      for (index, path) in paths.enumerated() { wanted[path.utf8.count, default: []].append(index) }
      // The lengths looked for, as flags by length: no lookup for most names.
      var lengths = [Bool](repeating: false, count: (wanted.keys.max() ?? 0) + 1)
      for length in wanted.keys { lengths[length] = true }
      var numbers = [Int?](repeating: nil, count: paths.count)
      for number in 0..<(starts.count - 1) / 2 {
        let length = starts[2 * number + 1] - starts[2 * number]
        guard length < lengths.count, lengths[length], let indices = wanted[length] else {
          continue
        }
        for index in indices where numbers[index] == nil && hasPath(number, paths[index]) {
          numbers[index] = number
        }
      }
      return numbers
    }
  }
}
