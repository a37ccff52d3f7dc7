#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A tree object's raw bytes, compared and searched without building libgit2 tree objects.
///
/// The format is a run of entries `<octal mode> <name>\0<20-byte id>`, sorted by name as git
/// sorts them (a folder compares as if its name ended in "/"). Two versions of a big folder
/// usually share almost all their bytes, so `differences` skips each run of bytes they share with
/// a block compare, entry by entry only in the NUL that ends each name, and stops as soon as
/// the remaining bytes match.
struct RawTree {
  /// One entry of a tree.
  struct Entry: Equatable {
    var mode: UInt32
    var name: String
    var id: RawID

    /// A folder (libgit2 normalizes modes by their type bits the same way).
    var isTree: Bool { mode & 0o170000 == 0o040000 }
    /// A regular file, executable or not.
    var isBlob: Bool { mode & 0o170000 == 0o100000 }
  }

  let bytes: [UInt8]

  /// The entry called `name`; nil when there is none. Throws when the tree is malformed.
  func entry(named name: String) throws(GitError) -> Entry? {
    let wanted = Array(name.utf8)
    return try bytes.withUnsafeBufferPointer { (buffer) throws(GitError) -> Entry? in
      var position = 0
      while position < buffer.count {
        let span = try RawTree.span(buffer, at: position)
        if span.nameEnd - span.nameStart == wanted.count
          && buffer[span.nameStart..<span.nameEnd].elementsEqual(wanted)
        {
          return RawTree.makeEntry(buffer, span)
        }
        position = span.end
      }
      return nil
    }
  }

  /// The entries that differ between two trees (either may be empty), in tree order: pairs of
  /// the old and the new entry with the same name, nil on the side where it is absent. Entries
  /// with the same mode and id are left out.
  static func differences(old: RawTree, new: RawTree) throws(GitError)
    -> [(old: Entry?, new: Entry?)]
  {
    try old.bytes.withUnsafeBufferPointer { (a) throws(GitError) -> [(old: Entry?, new: Entry?)] in
      try new.bytes.withUnsafeBufferPointer {
        (b) throws(GitError) -> [(old: Entry?, new: Entry?)] in
        try differences(a, b)
      }
    }
  }

  private static func differences(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>)
    throws(GitError) -> [(old: Entry?, new: Entry?)]
  {
    var result: [(old: Entry?, new: Entry?)] = []
    var i = 0
    var j = 0
    while true {
      // Skip the entries both trees hold next, byte for byte (so their bounds are the same in
      // both); stop where what is left of both is the same.
      let restA = UnsafeBufferPointer(rebasing: a[i...])
      let restB = UnsafeBufferPointer(rebasing: b[j...])
      let common = commonPrefix(restA, restB)
      if common == restA.count && common == restB.count { break }
      let skipped = try entriesEnd(restA, within: common)
      i += skipped
      j += skipped
      guard i < a.count else {
        let y = try span(b, at: j)
        result.append((nil, makeEntry(b, y)))
        j = y.end
        continue
      }
      guard j < b.count else {
        let x = try span(a, at: i)
        result.append((makeEntry(a, x), nil))
        i = x.end
        continue
      }
      let x = try span(a, at: i)
      let y = try span(b, at: j)
      let order = compareNames(a, x, b, y)
      if order == 0 {
        let old = makeEntry(a, x)
        let new = makeEntry(b, y)
        if old.mode != new.mode || old.id != new.id { result.append((old, new)) }
        i = x.end
        j = y.end
      } else if order < 0 {
        result.append((makeEntry(a, x), nil))
        i = x.end
      } else {
        result.append((nil, makeEntry(b, y)))
        j = y.end
      }
    }
    return result
  }

  /// Where the last whole entry that ends at or before `limit` ends (0 when none does).
  ///
  /// An entry is `<mode> <name>\0<20-byte id>`, and neither the mode nor the name holds a NUL,
  /// so one NUL search finds an entry's end: a tree diff skips the hundreds of entries two
  /// versions of a folder share this way, where parsing each (`span`) was a quarter of the
  /// history walk. They are not checked; equal in both trees, they make no difference.
  private static func entriesEnd(_ buffer: UnsafeBufferPointer<UInt8>, within limit: Int)
    throws(GitError) -> Int
  {
    var position = 0
    while position < limit {
      guard let nul = nameEnd(buffer, from: position) else { throw malformed() }
      let end = nul + 21
      guard end <= buffer.count else { throw malformed() }
      if end > limit { break }
      position = end
    }
    return position
  }

  /// Where the NUL that ends a name is, searching from `start` (neither a mode nor a name holds
  /// one); nil when there is none.
  private static func nameEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    guard let base = buffer.baseAddress, start < buffer.count,
      let nul = memchr(base + start, 0, buffer.count - start)
    else { return nil }
    return base.distance(to: nul.assumingMemoryBound(to: UInt8.self))
  }

  /// Where an entry's parts are: the mode digits start at the entry's start.
  private struct Span {
    var start: Int
    var mode: UInt32
    var nameStart: Int
    var nameEnd: Int
    var end: Int
  }

  private static func span(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int) throws(GitError)
    -> Span
  {
    var position = start
    var mode: UInt32 = 0
    while position < buffer.count, buffer[position] != 0x20 {
      let digit = buffer[position] &- 0x30
      guard digit < 8, mode < 0o1_000_000 else { throw malformed() }
      mode = mode << 3 | UInt32(digit)
      position += 1
    }
    let nameStart = position + 1
    guard nameStart < buffer.count, let nameEnd = nameEnd(buffer, from: nameStart) else {
      throw malformed()
    }
    guard nameEnd > nameStart, nameEnd + 21 <= buffer.count else { throw malformed() }
    return Span(start: start, mode: mode, nameStart: nameStart, nameEnd: nameEnd, end: nameEnd + 21)
  }

  private static func malformed() -> GitError {
    GitError.failure("malformed tree object", function: "RawTree")
  }

  private static func makeEntry(_ buffer: UnsafeBufferPointer<UInt8>, _ span: Span) -> Entry {
    let name = String(
      decoding: UnsafeBufferPointer(rebasing: buffer[span.nameStart..<span.nameEnd]), as: UTF8.self)
    let id = UnsafeRawBufferPointer(buffer).rawID(at: span.nameEnd + 1)
    return Entry(mode: span.mode, name: name, id: id)
  }

  /// Orders two entries as git sorts a tree.
  private static func compareNames(
    _ a: UnsafeBufferPointer<UInt8>, _ x: Span, _ b: UnsafeBufferPointer<UInt8>, _ y: Span
  ) -> Int {
    let lengthA = x.nameEnd - x.nameStart
    let lengthB = y.nameEnd - y.nameStart
    let shared = min(lengthA, lengthB)
    for offset in 0..<shared {
      let p = a[x.nameStart + offset]
      let q = b[y.nameStart + offset]
      if p != q { return Int(p) - Int(q) }
    }
    let p: UInt8 =
      lengthA > shared ? a[x.nameStart + shared] : (x.mode & 0o170000 == 0o040000 ? 0x2f : 0)
    let q: UInt8 =
      lengthB > shared ? b[y.nameStart + shared] : (y.mode & 0o170000 == 0o040000 ? 0x2f : 0)
    return Int(p) - Int(q)
  }

  /// How many leading bytes two buffers share.
  private static func commonPrefix(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>)
    -> Int
  {
    let limit = min(a.count, b.count)
    let rawA = UnsafeRawBufferPointer(a)
    let rawB = UnsafeRawBufferPointer(b)
    var index = 0
    // Two versions of a folder share most of their bytes: compare blocks with memcmp (which
    // uses vector instructions) first, then words, then bytes.
    if let p = a.baseAddress, let q = b.baseAddress {
      while index + 256 <= limit && memcmp(p + index, q + index, 256) == 0 { index += 256 }
    }
    while index + 8 <= limit
      && rawA.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        == rawB.loadUnaligned(fromByteOffset: index, as: UInt64.self)
    {
      index += 8
    }
    while index < limit && a[index] == b[index] { index += 1 }
    return index
  }
}
