import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The on-disk history cache: the records of every commit that touched documents up to `head`.
///
/// Stored in `<cacheDirectory>/history-v2.bin`, written atomically (temporary file, then
/// rename). It is trusted only for the same options, the same root commits (repository
/// identity), the same shallow boundary, and a `head` that is still an ancestor of the new head.
///
/// The format is little-endian binary: the magic `BATONHC` and a version byte, then segments.
/// A segment is its length, a 64-bit checksum, the head of the segment before it (none for the
/// first), the header (head, roots, prefixes, extensions, shallow boundary, walked commits), a
/// table of distinct strings (paths, names, emails), and its records, which refer to those
/// strings by index and hold their subjects inline. Object ids are 20 raw bytes. An incremental
/// run appends a segment with just its new records instead of rewriting the file. Reading it back for 50,000 commits takes tens of milliseconds, where JSON
/// took half a second.
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
  /// How many segments the file had when loaded (1 when written in one piece).
  var segments = 1
  /// The file's size when loaded; nil for a cache built in memory.
  var fileSize: Int?

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
    guard bytes.count >= 8, bytes.starts(with: magic) else {
      return .failure(LoadFailure(reason: "it could not be read (not a Baton history cache)"))
    }
    guard bytes[7] == version else {
      return .failure(LoadFailure(reason: "it has format version \(bytes[7])"))
    }
    var reader = ByteReader(bytes: bytes, position: 8)
    var cache: HistoryCache?
    var newerFirst: [[HistoryRecord]] = []
    while reader.position < bytes.count {
      guard let length = reader.uint64(), let stored = reader.uint64(),
        length <= UInt64(bytes.count - reader.position)
      else {
        return .failure(LoadFailure(reason: "it could not be read (truncated)"))
      }
      let end = reader.position + Int(length)
      guard stored == ByteCoding.checksum(bytes[reader.position..<end]) else {
        return .failure(LoadFailure(reason: "it could not be read (checksum mismatch)"))
      }
      guard let base = reader.optionalID(), base == cache?.head,
        let segment = decode(&reader), reader.position == end,
        cache.map({ $0.hasSameOptions(as: segment) }) ?? true
      else {
        return .failure(LoadFailure(reason: "it could not be read (malformed)"))
      }
      newerFirst.insert(segment.records, at: 0)
      var merged = segment
      merged.segments = (cache?.segments ?? 0) + 1
      merged.records = []
      cache = merged
    }
    guard var cache else {
      return .failure(LoadFailure(reason: "it could not be read (empty)"))
    }
    cache.records = newerFirst.count == 1 ? newerFirst[0] : Array(newerFirst.joined())
    cache.fileSize = bytes.count
    return .success(cache)
  }

  private func hasSameOptions(as other: HistoryCache) -> Bool {
    prefixes == other.prefixes && extensions == other.extensions
      && shallowBoundary == other.shallowBoundary
  }

  /// Writes the cache; returns a note when it could not.
  ///
  /// When it extends `previous` (loaded from the same file, which has not changed since), only
  /// the first `newRecords` records are appended as a new segment; otherwise, or once there are
  /// many segments, the whole file is rewritten atomically (temporary file, then rename).
  func save(to directory: String, extending previous: HistoryCache?, newRecords: Int) -> String? {
    let path = directory + "/" + HistoryCache.fileName
    do {
      if let previous, previous.segments < 32, newRecords <= records.count,
        let size = previous.fileSize,
        append(
          segment(base: previous.head, records: records.prefix(newRecords)), to: path, at: size)
      {
        return nil
      }
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
      let bytes =
        HistoryCache.magic + [HistoryCache.version] + segment(base: nil, records: records[...])
      try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
      // The JSON cache of version 1 is superseded; do not leave megabytes behind.
      try? FileManager.default.removeItem(atPath: directory + "/history-v1.json")
      return nil
    } catch {
      return "could not write the history cache in '\(directory)': \(error)"
    }
  }

  /// A segment: payload length, checksum, then the base head (the head of the segment before),
  /// the header and `records`.
  private func segment(base: RawID?, records: ArraySlice<HistoryRecord>) -> [UInt8] {
    var payload = ByteWriter()
    payload.optionalID(base)
    encode(records: records, into: &payload)
    var writer = ByteWriter()
    writer.uint64(UInt64(payload.bytes.count))
    writer.uint64(ByteCoding.checksum(payload.bytes[...]))
    return writer.bytes + payload.bytes
  }

  /// Appends `bytes` when the file still has `expectedSize` bytes; false when it did not.
  private func append(_ bytes: [UInt8], to path: String, at expectedSize: Int) -> Bool {
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, Int(info.st_size) == expectedSize else { return false }
    let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    if written == bytes.count { return true }
    // A short write leaves a damaged segment: cut it off; the caller rewrites the file.
    _ = ftruncate(descriptor, off_t(expectedSize))
    return false
  }

  private func encode(records: ArraySlice<HistoryRecord>, into writer: inout ByteWriter) {
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
      body.string(record.subject)  // nearly always unique: not worth the table
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
      let walked = reader.uint64().flatMap({ Int(exactly: $0) }), let strings = reader.strings(),
      let count = reader.count(),
      // Each record takes 20 bytes or more: a larger count is damage, not a size to reserve.
      count <= (reader.bytes.count - reader.position) / 20
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
        let offset = reader.uint32(), let subject = reader.string(),
        let changeCount = reader.count(), changeCount <= reader.bytes.count - reader.position
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
      shallowBoundary: boundary, walkedCommits: walked, records: records)
  }
}

extension ByteWriter {
  mutating func id(_ id: RawID) {
    withUnsafeBytes(of: id.high) { bytes.append(contentsOf: $0) }
    withUnsafeBytes(of: id.middle) { bytes.append(contentsOf: $0) }
    withUnsafeBytes(of: id.low) { bytes.append(contentsOf: $0) }
  }

  mutating func optionalID(_ id: RawID?) {
    bytes.append(id == nil ? 0 : 1)
    if let id { self.id(id) }
  }

  mutating func ids(_ ids: [RawID]) {
    count(ids.count)
    for id in ids { self.id(id) }
  }
}

extension ByteReader {
  mutating func id() -> RawID? {
    guard position + 20 <= bytes.count else { return nil }
    defer { position += 20 }
    return bytes.withUnsafeBytes { $0.rawID(at: position) }
  }

  /// A flag byte, then the id when the flag is 1; `.some(nil)` for a stored absence.
  mutating func optionalID() -> RawID?? {
    switch byte() {
    case 0: return .some(nil)
    case 1: return id().map { .some($0) }
    default: return nil
    }
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
}
