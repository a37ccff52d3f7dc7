import Foundation

/// The on-disk history cache: the records of every commit that touched documents up to `head`.
///
/// Stored in `<cacheDirectory>/history-v2.bin`, written atomically (temporary file, then
/// rename). It is trusted only for the same options, the same root commits (repository
/// identity), the same shallow boundary, and a `head` that is still an ancestor of the new head.
///
/// The format is little-endian binary: the magic `BATONHC` and a version byte, a 64-bit FNV-1a
/// checksum of everything after it, then the header (head, roots, prefixes, extensions, shallow
/// boundary, walked commits), a table of distinct strings (paths, names, emails, subjects),
/// and the records, which refer to strings by index. Object ids are 20 raw bytes. Reading it
/// back for 50,000 commits takes milliseconds, where JSON took half a second.
struct HistoryCache {
  static let version: UInt8 = 2
  static let fileName = "history-v2.bin"
  private static let magic = Array("BATONHC".utf8)

  var head: RawID
  var roots: [RawID]
  var prefixes: [String]
  var extensions: [String]
  var shallowBoundary: [RawID]
  var walkedCommits: Int
  var records: [HistoryRecord]

  struct LoadFailure: Error {
    var reason: String
  }

  /// Reads the cache; nil when there is none, a failure saying why when it cannot be used.
  static func load(from directory: String) -> Result<HistoryCache, LoadFailure>? {
    let path = directory + "/" + fileName
    guard FileSystem.kind(atPath: path) != .missing else { return nil }
    let file = FileSystem.read(path: path, maxBytes: 1 << 34)
    guard let bytes = file.contents else {
      return .failure(LoadFailure(reason: "it could not be read"))
    }
    guard bytes.count >= 16, bytes.starts(with: magic) else {
      return .failure(LoadFailure(reason: "it could not be read (not a Baton history cache)"))
    }
    guard bytes[7] == version else {
      return .failure(LoadFailure(reason: "it has format version \(bytes[7])"))
    }
    var reader = ByteReader(bytes: bytes, position: 8)
    guard let stored = reader.uint64(), stored == checksum(bytes[16...]) else {
      return .failure(LoadFailure(reason: "it could not be read (checksum mismatch)"))
    }
    guard let cache = decode(&reader), reader.position == bytes.count else {
      return .failure(LoadFailure(reason: "it could not be read (truncated or malformed)"))
    }
    return .success(cache)
  }

  /// Writes the cache atomically; returns a note when it could not.
  func save(to directory: String) -> String? {
    var writer = ByteWriter()
    writer.bytes = HistoryCache.magic + [HistoryCache.version]
    writer.uint64(0)  // checksum, filled in below
    encode(into: &writer)
    let sum = HistoryCache.checksum(writer.bytes[16...])
    withUnsafeBytes(of: sum.littleEndian) { raw in
      for (offset, byte) in raw.enumerated() { writer.bytes[8 + offset] = byte }
    }
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
      try Data(writer.bytes).write(
        to: URL(fileURLWithPath: directory + "/" + HistoryCache.fileName), options: .atomic)
      // The JSON cache of version 1 is superseded; do not leave megabytes behind.
      try? FileManager.default.removeItem(atPath: directory + "/history-v1.json")
      return nil
    } catch {
      return "could not write the history cache in '\(directory)': \(error)"
    }
  }

  private func encode(into writer: inout ByteWriter) {
    var table: [String: UInt32] = [:]
    var strings: [String] = []
    func index(_ text: String) -> UInt32 {
      if let known = table[text] { return known }
      let next = UInt32(strings.count)
      table[text] = next
      strings.append(text)
      return next
    }
    // Record bodies first, into their own buffer, so the string table can precede them.
    var body = ByteWriter()
    body.count(records.count)
    for record in records {
      body.id(record.id)
      body.uint32(index(record.authorName))
      body.uint32(index(record.authorEmail))
      body.uint64(UInt64(bitPattern: record.time))
      body.uint32(UInt32(bitPattern: Int32(clamping: record.offset)))
      body.uint32(index(record.subject))
      body.count(record.changes.count)
      for change in record.changes {
        body.bytes.append(change.kind.rawValue | (change.blob == nil ? 0 : 0x10))
        body.uint32(index(change.path))
        if let blob = change.blob { body.id(blob) }
        body.uint32(change.from.map(index) ?? UInt32.max)
      }
    }
    writer.id(head)
    writer.ids(roots)
    writer.strings(prefixes)
    writer.strings(extensions)
    writer.ids(shallowBoundary)
    writer.uint64(UInt64(walkedCommits))
    writer.strings(strings)
    writer.bytes += body.bytes
  }

  private static func decode(_ reader: inout ByteReader) -> HistoryCache? {
    guard let head = reader.id(), let roots = reader.ids(), let prefixes = reader.strings(),
      let extensions = reader.strings(), let boundary = reader.ids(),
      let walked = reader.uint64(), let strings = reader.strings(), let count = reader.count()
    else { return nil }
    func string(_ index: UInt32?) -> String? {
      guard let index, Int(index) < strings.count else { return nil }
      return strings[Int(index)]
    }
    var records: [HistoryRecord] = []
    records.reserveCapacity(count)
    for _ in 0..<count {
      guard let id = reader.id(), let name = string(reader.uint32()),
        let email = string(reader.uint32()), let time = reader.uint64(),
        let offset = reader.uint32(), let subject = string(reader.uint32()),
        let changeCount = reader.count()
      else { return nil }
      var changes: [HistoryRecord.Change] = []
      changes.reserveCapacity(changeCount)
      for _ in 0..<changeCount {
        guard let flags = reader.byte(),
          let kind = HistoryRecord.Change.Kind(rawValue: flags & 0x0f),
          let path = string(reader.uint32())
        else { return nil }
        var blob: RawID?
        if flags & 0x10 != 0 {
          guard let id = reader.id() else { return nil }
          blob = id
        }
        guard let fromIndex = reader.uint32() else { return nil }
        var from: String?
        if fromIndex != UInt32.max {
          guard let text = string(fromIndex) else { return nil }
          from = text
        }
        changes.append(HistoryRecord.Change(path: path, blob: blob, from: from, kind: kind))
      }
      records.append(
        HistoryRecord(
          id: id, authorName: name, authorEmail: email, time: Int64(bitPattern: time),
          offset: Int(Int32(bitPattern: offset)), subject: subject, changes: changes))
    }
    return HistoryCache(
      head: head, roots: roots, prefixes: prefixes, extensions: extensions,
      shallowBoundary: boundary, walkedCommits: Int(walked), records: records)
  }

  /// 64-bit FNV-1a, enough to notice a damaged or half-written file.
  private static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    return hash
  }
}

/// Appends little-endian numbers, ids and length-prefixed strings to a byte array.
private struct ByteWriter {
  var bytes: [UInt8] = []

  mutating func uint32(_ value: UInt32) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  mutating func uint64(_ value: UInt64) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  mutating func count(_ value: Int) { uint32(UInt32(clamping: value)) }

  mutating func id(_ id: RawID) {
    withUnsafeBytes(of: id.high) { bytes.append(contentsOf: $0) }
    withUnsafeBytes(of: id.middle) { bytes.append(contentsOf: $0) }
    withUnsafeBytes(of: id.low) { bytes.append(contentsOf: $0) }
  }

  mutating func ids(_ ids: [RawID]) {
    count(ids.count)
    for id in ids { self.id(id) }
  }

  mutating func strings(_ strings: [String]) {
    count(strings.count)
    for text in strings {
      count(text.utf8.count)
      bytes.append(contentsOf: text.utf8)
    }
  }
}

/// Reads what `ByteWriter` wrote; every read returns nil past the end.
private struct ByteReader {
  let bytes: [UInt8]
  var position: Int

  mutating func byte() -> UInt8? {
    guard position < bytes.count else { return nil }
    defer { position += 1 }
    return bytes[position]
  }

  mutating func uint32() -> UInt32? {
    guard position + 4 <= bytes.count else { return nil }
    defer { position += 4 }
    return bytes.withUnsafeBytes {
      UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt32.self))
    }
  }

  mutating func uint64() -> UInt64? {
    guard position + 8 <= bytes.count else { return nil }
    defer { position += 8 }
    return bytes.withUnsafeBytes {
      UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt64.self))
    }
  }

  mutating func count() -> Int? { uint32().map(Int.init) }

  mutating func id() -> RawID? {
    guard position + 20 <= bytes.count else { return nil }
    defer { position += 20 }
    return bytes.withUnsafeBytes { $0.rawID(at: position) }
  }

  mutating func ids() -> [RawID]? {
    guard let count = count(), count <= (bytes.count - position) / 20 else { return nil }
    var result: [RawID] = []
    for _ in 0..<count {
      guard let id = id() else { return nil }
      result.append(id)
    }
    return result
  }

  mutating func strings() -> [String]? {
    guard let count = count(), count <= (bytes.count - position) / 4 else { return nil }
    var result: [String] = []
    result.reserveCapacity(count)
    for _ in 0..<count {
      guard let length = self.count(), position + length <= bytes.count else { return nil }
      result.append(String(decoding: bytes[position..<position + length], as: UTF8.self))
      position += length
    }
    return result
  }
}
