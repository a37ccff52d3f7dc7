import BatonGit
import BatonSupport

extension SearchState {
  /// One term of a shard as its blob keeps it: the term, its postings as the shard's file holds
  /// them, and the weights the impacts in them were worked out from.
  ///
  /// A patch copies the records of terms an edit leaves alone as they are, and changes a record
  /// only where an edited document's posting is: the file's text and the blob are pieced
  /// together from the old ones, and no posting of another document is decoded or encoded
  /// again, unless the term's document count (and with it every impact) moves.
  struct Record: Sendable {
    var term: String
    /// How many postings it has.
    var count: Int
    /// Its postings as the shard's file holds them (`SearchIndex.encodePostings`).
    var text: ArraySlice<UInt8>
    /// Per posting (none for a facet term) the short weight with the named flag, then the
    /// doubled long weight, as varints (`SearchEngine.Weight`).
    var weights: ArraySlice<UInt8>
    /// Where every `skipEvery`th posting is (`Skip`), so that an edited document's posting is
    /// found without reading the postings before it.
    var skips: ArraySlice<UInt8>
    /// The old shard it was read from; nil for a term a patch added.
    var origin: Int?
    /// The edited documents it has postings of after the patch (empty in a record read and not
    /// patched, whose shard holds none of them): what the shard's bitmap is worked out from.
    var holds: [Int32] = []

    var isFacet: Bool { term.utf8.first == UInt8(ascii: ":") }
  }

  /// What starts a blob of this format: an older blob is not taken for one.
  static let blobMarker: [UInt8] = Array("sb2".utf8)

  /// Postings between two skips of a record.
  static let skipEvery = 64

  /// A skip of a record: before posting `n * skipEvery` (n from 1), the document of the
  /// posting before it, and where it starts in the text and in the weights; three 32-bit
  /// little-endian numbers.
  struct Skip: Equatable {
    var previous: Int
    var text: Int
    var weights: Int

    static let size = 12

    /// Skip `index` of `skips`.
    static func at(_ index: Int, in skips: ArraySlice<UInt8>) -> Skip {
      skips.withUnsafeBytes { raw in
        func word(_ at: Int) -> Int {
          Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
        }
        let base = index * size
        return Skip(previous: word(base), text: word(base + 4), weights: word(base + 8))
      }
    }

    /// Appends a skip.
    func append(to bytes: inout [UInt8]) {
      for value in [previous, text, weights] {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian) {
          bytes.append(contentsOf: $0)
        }
      }
    }
  }

  /// The skips of a record's text and weights (see `Skip`); nil when they are damaged.
  static func skips(
    text: ArraySlice<UInt8>, weights: ArraySlice<UInt8>, count: Int, facet: Bool
  ) -> [UInt8]? {
    guard count > skipEvery else { return [] }
    var skips: [UInt8] = []
    skips.reserveCapacity(count / skipEvery * Skip.size)
    let ok = reading(text) { reader -> Bool in
      weights.withUnsafeBufferPointer { weightBuffer in
        var weightPosition = 0
        var document = -1
        for ordinal in 0..<count {
          if ordinal > 0, ordinal % skipEvery == 0 {
            Skip(previous: document, text: reader.position, weights: weightPosition).append(
              to: &skips)
          }
          guard let gap = reader.next() else { return false }
          document += gap + 1
          guard !facet else { continue }
          guard reader.next() != nil, reader.next() != nil,
            ByteCoding.varint(in: weightBuffer, at: &weightPosition) != nil,
            ByteCoding.varint(in: weightBuffer, at: &weightPosition) != nil
          else { return false }
        }
        return true
      }
    }
    return ok ? skips : nil
  }

  /// Writes a blob: the marker, the count of terms, then per term the length it shares with
  /// the one before and the rest, its postings' count, its text, its weights and its skips
  /// (each after its length); sealed (`CacheFile.sealed`).
  struct BlobWriter {
    private var writer: ByteWriter
    private var previous: [UInt8] = []

    init(terms: Int, capacity: Int) {
      writer = ByteWriter(capacity: capacity + terms * 8 + 16)
      writer.bytes.append(contentsOf: SearchState.blobMarker)
      writer.varint(UInt64(terms))
    }

    /// Adds a term with `count` postings, its text and its weights.
    mutating func term(
      _ bytes: some Collection<UInt8>, count: Int, text: some Collection<UInt8>,
      weights: some Collection<UInt8>, skips: some Collection<UInt8>
    ) {
      let shared = zip(previous, bytes).prefix { $0 == $1 }.count
      writer.varint(UInt64(shared))
      writer.varint(UInt64(bytes.count - shared))
      writer.bytes.append(contentsOf: bytes.dropFirst(shared))
      previous = Array(bytes)
      writer.varint(UInt64(count))
      writer.varint(UInt64(text.count))
      writer.bytes.append(contentsOf: text)
      writer.varint(UInt64(weights.count))
      writer.bytes.append(contentsOf: weights)
      writer.varint(UInt64(skips.count))
      writer.bytes.append(contentsOf: skips)
    }

    /// The blob, sealed in place (its buffer was made with room for the seal).
    consuming func finish() -> [UInt8] {
      var bytes = writer.bytes
      CacheFile.seal(&bytes)
      return bytes
    }
  }

  /// The blob of a shard's records.
  static func blob(_ records: [Record]) -> [UInt8] {
    let size = records.reduce(0) {
      $0 + $1.term.utf8.count + $1.text.count + $1.weights.count + $1.skips.count
    }
    var writer = BlobWriter(terms: records.count, capacity: size)
    for record in records {
      writer.term(
        record.term.utf8, count: record.count, text: record.text, weights: record.weights,
        skips: record.skips)
    }
    return writer.finish()
  }

  /// Appends a posting's weights as a record keeps them.
  static func appendWeight(_ weight: SearchEngine.Weight, to bytes: inout [UInt8]) {
    appendVarint(UInt64(max(0, weight.short)) << 1 | (weight.named ? 1 : 0), to: &bytes)
    appendVarint(UInt64(max(0, weight.longTwice)), to: &bytes)
  }

  /// Appends a LEB128 varint (`ByteWriter.varint`).
  @inline(__always)
  static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(rest & 0x7F) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  /// The records of a blob, each with its text and weights as slices of the blob's bytes (not
  /// copied); nil when the blob is damaged or of another format. Postings are not read here.
  ///
  /// The seal (`CacheFile.sealed`) is checked in place: a patch reads megabytes of blobs, and
  /// `CacheFile.unsealed` would copy each one it is handed.
  static func records(_ blob: [UInt8], origin: Int?) -> [Record]? {
    guard blob.count >= 8 else { return nil }
    let end = blob.count - 8
    let seal = blob.withUnsafeBytes {
      UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: end, as: UInt64.self))
    }
    let bytes = blob[..<end]
    guard seal == ByteCoding.checksum(bytes), bytes.starts(with: blobMarker) else { return nil }
    return bytes.withUnsafeBufferPointer { buffer -> [Record]? in
      var position = blobMarker.count
      func natural() -> Int? {
        ByteCoding.varint(in: buffer, at: &position).flatMap {
          $0 <= UInt64(buffer.count) ? Int($0) : nil
        }
      }
      guard let count = natural() else { return nil }
      var records: [Record] = []
      records.reserveCapacity(count)
      var term: [UInt8] = []
      for _ in 0..<count {
        guard let shared = natural(), shared <= term.count, let rest = natural(),
          rest <= buffer.count - position
        else { return nil }
        term.removeSubrange(shared...)
        term.append(contentsOf: buffer[position..<position + rest])
        position += rest
        guard let postings = natural(), let textCount = natural(),
          textCount <= buffer.count - position
        else { return nil }
        let text = bytes[position..<position + textCount]
        position += textCount
        guard let weightCount = natural(), weightCount <= buffer.count - position else {
          return nil
        }
        let weights = bytes[position..<position + weightCount]
        position += weightCount
        guard let skipCount = natural(), skipCount <= buffer.count - position,
          skipCount == max(0, (postings - 1) / skipEvery) * Skip.size
        else { return nil }
        let skips = bytes[position..<position + skipCount]
        position += skipCount
        records.append(
          Record(
            term: String(decoding: term, as: UTF8.self), count: postings, text: text,
            weights: weights, skips: skips, origin: origin))
      }
      return position == buffer.count ? records : nil
    }
  }
}

extension SearchState {
  /// Works out records from postings: each posting's impact from its weights, its document's
  /// length norm and prior, and the term's document count, as the engine works it out.
  struct PostingCoder: Sendable {
    /// How many documents the index has.
    let count: Int
    let norms: [Double]
    let priors: [Double]

    init(entries: [Entry], averageLength: Double) {
      count = entries.count
      norms = entries.map { SearchEngine.norm(length: $0.length, averageLength: averageLength) }
      priors = entries.map(\.prior)
    }

    /// A posting's impact in a term of `idf`.
    @inline(__always)
    func impact(_ posting: Posting, idf: Double) -> Int {
      let document = Int(posting.document)
      return SearchEngine.impact(
        posting.weight, idf: idf, norm: norms[document], prior: priors[document])
    }

    /// The record of a term, every posting encoded.
    func record(_ term: Term, origin: Int?, holds: [Int32]) -> Record {
      let facet = term.isFacet
      let idf = SearchEngine.idf(frequency: term.postings.count, count: count)
      let text = SearchIndex.encodePostings(count: term.postings.count, facet: facet) { offset in
        let posting = term.postings[offset]
        return (
          Int(posting.document), facet ? 0 : impact(posting, idf: idf), posting.weight.named,
          Int(posting.passage)
        )
      }
      var weights: [UInt8] = []
      if !facet {
        weights.reserveCapacity(term.postings.count * 2)
        for posting in term.postings { SearchState.appendWeight(posting.weight, to: &weights) }
      }
      // Made from what was just encoded: never damaged.
      let skips =
        SearchState.skips(
          text: text[...], weights: weights[...], count: term.postings.count, facet: facet) ?? []
      return Record(
        term: term.term, count: term.postings.count, text: text[...], weights: weights[...],
        skips: skips[...], origin: origin, holds: holds)
    }

    /// A record with the postings of some of its documents given new weights and passages,
    /// the same documents, so that no other posting's impact moves: the bytes of those
    /// postings are replaced in its text and weights, the rest copied and the skips after them
    /// moved; and whether it changed.
    func spliced(_ record: Record, at found: [Found], with postings: [Posting]) -> (
      record: Record, changed: Bool
    ) {
      let idf = SearchEngine.idf(frequency: record.count, count: count)
      var text: [UInt8] = []
      var weights: [UInt8] = []
      text.reserveCapacity(record.text.count + 8)
      weights.reserveCapacity(record.weights.count + 8)
      var (copiedText, copiedWeights) = (record.text.startIndex, record.weights.startIndex)
      // Each replacement's ordinal, and how far it moved what follows it.
      var shifts: [(ordinal: Int, text: Int, weights: Int)] = []
      var changed = false
      for (place, posting) in zip(found, postings) {
        let start = record.text.startIndex + place.numbers.lowerBound
        let end = record.text.startIndex + place.numbers.upperBound
        text.append(contentsOf: record.text[copiedText..<start])
        let written = text.count
        let impact = self.impact(posting, idf: idf)
        SearchIndex.appendVLQ(impact * 2 + (posting.weight.named ? 1 : 0), to: &text)
        SearchIndex.appendVLQ(Int(posting.passage), to: &text)
        copiedText = end
        let weightStart = record.weights.startIndex + place.weights.lowerBound
        let weightEnd = record.weights.startIndex + place.weights.upperBound
        weights.append(contentsOf: record.weights[copiedWeights..<weightStart])
        let weighed = weights.count
        SearchState.appendWeight(posting.weight, to: &weights)
        copiedWeights = weightEnd
        if !changed {
          changed =
            !text[written...].elementsEqual(record.text[start..<end])
            || !weights[weighed...].elementsEqual(record.weights[weightStart..<weightEnd])
        }
        shifts.append(
          (
            place.ordinal, text.count - written - place.numbers.count,
            weights.count - weighed - place.weights.count
          ))
      }
      guard changed else { return (record, false) }
      text.append(contentsOf: record.text[copiedText...])
      weights.append(contentsOf: record.weights[copiedWeights...])
      var spliced = record
      spliced.text = text[...]
      spliced.weights = weights[...]
      spliced.skips = SearchState.shifted(record.skips, by: shifts)[...]
      return (spliced, true)
    }
  }

  /// Skips with the text and weights offsets after each replaced posting moved by how much
  /// the replacement grew or shrank.
  static func shifted(
    _ skips: ArraySlice<UInt8>, by shifts: [(ordinal: Int, text: Int, weights: Int)]
  ) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(skips.count)
    for index in 0..<(skips.count / Skip.size) {
      var skip = Skip.at(index, in: skips)
      let ordinal = (index + 1) * skipEvery
      for shift in shifts where shift.ordinal < ordinal {
        skip.text += shift.text
        skip.weights += shift.weights
      }
      skip.append(to: &result)
    }
    return result
  }
}

extension SearchState {
  /// An edited document's posting in a record: its document, its place among the postings,
  /// the offsets in the text of the numbers after its gap (impact and passage), and those of
  /// its weights.
  struct Found: Sendable, Equatable {
    var document: Int32
    var ordinal: Int
    var numbers: Range<Int>
    var weights: Range<Int>
  }

  /// The value of each base64 character (`SearchIndex.vlqDigits`), 64 for any other byte.
  static let vlqValues: [UInt8] = {
    var values = [UInt8](repeating: 64, count: 256)
    for (value, digit) in SearchIndex.vlqDigits.enumerated() { values[Int(digit)] = UInt8(value) }
    return values
  }()

  /// Reads base64 VLQ numbers (`SearchIndex.appendVLQ`) from a record's text.
  struct VLQReader {
    let buffer: UnsafeBufferPointer<UInt8>
    let values: UnsafeBufferPointer<UInt8>
    var position = 0

    /// The next number; nil past the end or at a byte that is not a digit.
    @inline(__always)
    mutating func next() -> Int? {
      var value = 0
      var shift = 0
      while position < buffer.count, shift < 60 {
        let digit = Int(values[Int(buffer[position])])
        position += 1
        guard digit < 64 else { return nil }
        value |= (digit & 31) << shift
        if digit < 32 { return value }
        shift += 5
      }
      return nil
    }
  }

  /// Calls `body` with a reader of `text`.
  static func reading<Result>(
    _ text: ArraySlice<UInt8>, _ body: (inout VLQReader) -> Result
  ) -> Result {
    text.withUnsafeBufferPointer { buffer in
      vlqValues.withUnsafeBufferPointer { values in
        var reader = VLQReader(buffer: buffer, values: values)
        return body(&reader)
      }
    }
  }

  /// The postings of `numbers` (ascending) in a record, in order; nil when it is damaged.
  /// Each is looked for from the skip before it (`Skip`), not from the first posting.
  static func find(_ numbers: [Int32], in record: Record) -> [Found]? {
    var found: [Found] = []
    for number in numbers {
      guard let place = find(number, in: record) else { return nil }
      if let hit = place.found { found.append(hit) }
    }
    return found
  }

  /// Where a posting of document `number` is in a record: `found`, nil when it has none; nil
  /// when the record is damaged.
  static func find(_ number: Int32, in record: Record) -> (found: Found?, at: Int)? {
    let facet = record.isFacet
    // The last skip before a posting of `number`.
    var low = 0
    var high = record.skips.count / Skip.size
    while low < high {
      let middle = (low + high) / 2
      if Skip.at(middle, in: record.skips).previous < Int(number) {
        low = middle + 1
      } else {
        high = middle
      }
    }
    let skip =
      low > 0 ? Skip.at(low - 1, in: record.skips) : Skip(previous: -1, text: 0, weights: 0)
    let first = low * skipEvery
    let hit = reading(record.text) { reader -> (ordinal: Int, numbers: Range<Int>)?? in
      reader.position = skip.text
      var document = skip.previous
      for ordinal in first..<record.count {
        guard let gap = reader.next() else { return nil }
        document += gap + 1
        let start = reader.position
        if !facet {
          guard reader.next() != nil, reader.next() != nil else { return nil }
        }
        if document == Int(number) { return .some((ordinal, start..<reader.position)) }
        if document > Int(number) { break }
      }
      return .some(nil)
    }
    guard let hit else { return nil }
    guard let (ordinal, numbers) = hit else { return (nil, first) }
    guard !facet else {
      return (Found(document: number, ordinal: ordinal, numbers: numbers, weights: 0..<0), first)
    }
    // Its weights, from the skip's.
    let weights = record.weights.withUnsafeBufferPointer { buffer -> Range<Int>? in
      var position = skip.weights
      for _ in first..<ordinal {
        guard ByteCoding.varint(in: buffer, at: &position) != nil,
          ByteCoding.varint(in: buffer, at: &position) != nil
        else { return nil }
      }
      let start = position
      guard ByteCoding.varint(in: buffer, at: &position) != nil,
        ByteCoding.varint(in: buffer, at: &position) != nil
      else { return nil }
      return start..<position
    }
    guard let weights else { return nil }
    return (Found(document: number, ordinal: ordinal, numbers: numbers, weights: weights), first)
  }

  /// A record's postings, decoded; nil when its text or weights are damaged.
  static func postings(of record: Record) -> [Posting]? {
    let facet = record.isFacet
    var weights: [SearchEngine.Weight] = []
    if !facet {
      weights.reserveCapacity(record.count)
      let ok = record.weights.withUnsafeBufferPointer { buffer -> Bool in
        var position = 0
        for _ in 0..<record.count {
          guard let short = ByteCoding.varint(in: buffer, at: &position),
            let long = ByteCoding.varint(in: buffer, at: &position),
            short >> 1 <= UInt64(Int32.max), long <= UInt64(Int32.max)
          else { return false }
          weights.append(
            SearchEngine.Weight(
              short: Int32(short >> 1), longTwice: Int32(long), named: short & 1 == 1))
        }
        return position == buffer.count
      }
      guard ok else { return nil }
    }
    return reading(record.text) { reader -> [Posting]? in
      var postings: [Posting] = []
      postings.reserveCapacity(record.count)
      var document = -1
      for ordinal in 0..<record.count {
        guard let gap = reader.next(), document + gap + 1 <= Int(Int32.max) else { return nil }
        document += gap + 1
        var posting = Posting(document: Int32(document), weight: SearchEngine.Weight(), passage: 0)
        if !facet {
          guard reader.next() != nil, let passage = reader.next(), passage <= Int(Int32.max)
          else { return nil }
          posting.weight = weights[ordinal]
          posting.passage = Int32(passage)
        }
        postings.append(posting)
      }
      return reader.position == reader.buffer.count ? postings : nil
    }
  }

  /// The documents with postings in `records`, as a bitmap over `count` documents; nil when a
  /// text is damaged.
  static func bitmap(_ records: [Record], count: Int) -> [UInt64]? {
    var words = [UInt64](repeating: 0, count: (count + 63) / 64)
    for record in records {
      let facet = record.isFacet
      let ok = reading(record.text) { reader -> Bool in
        var document = -1
        for _ in 0..<record.count {
          guard let gap = reader.next() else { return false }
          document += gap + 1
          guard document < count else { return false }
          set(&words, document)
          if !facet {
            guard reader.next() != nil, reader.next() != nil else { return false }
          }
        }
        return true
      }
      guard ok else { return nil }
    }
    return words
  }
}
