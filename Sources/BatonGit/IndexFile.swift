#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The repository's index file (`.git/index`), memory-mapped read-only; unmapped in `deinit`.
///
/// libgit2 reads the index by hashing the whole file to check its trailing checksum (git itself
/// does not check it when it reads the index) and copying every entry into a vector and a hash
/// map: 205 million instructions for the 40,000 entries of a 3.6 MB index, where a walk only
/// asks whether the index tracks each file it lists. This reads the entries where they lie, in
/// the index's order (by path bytes, then stage), and only what git's status of a file takes
/// from them: path, object id, mode, stage, flags, and the stat data git compares with the
/// file's.
///
/// Only versions 2 and 3 of the format (git's default) are read. Anything else makes `init`
/// fail, and the caller asks libgit2 instead, as it did before: version 4's compressed paths, a
/// mandatory extension (a split index's `link`, a sparse index's `sdir`), entries out of order
/// or given twice, a path with a NUL byte, a truncated file. Paths are compared byte by byte, as
/// libgit2 does in a repository that does not ignore case (`Repository.indexFile()`).
final class IndexFile {
  /// One entry: where it starts in the file, and where its path ends.
  struct Entry {
    /// The offset of the entry's stat data, the start of the entry.
    var start: Int
    /// The offset of the path's first byte.
    var pathStart: Int
    /// The path's length in bytes.
    var pathLength: Int
    /// The 16 flag bits: assume-unchanged, extended, stage (2 bits), name length (12 bits).
    var flags: UInt16
    /// The extended flags of a version 3 entry (intent-to-add, skip-worktree); 0 otherwise.
    var extendedFlags: UInt16

    /// The merge stage: 0 for a resolved path, 1 to 3 for the sides of a conflict.
    var stage: Int { Int(flags >> 12) & 3 }
  }

  /// The mapped file; empty when the repository has no index file.
  let bytes: UnsafeRawBufferPointer
  /// The entries, in the file's order.
  let entries: [Entry]
  /// The file's stamp when it was mapped; nil when there is none. A working file changed at
  /// or after its modification time may have changed after the index noted its stat data.
  let stamp: FileStamp?

  /// Maps and checks the index file at `path`. A missing file is an empty index, as in
  /// libgit2; nil when the file cannot be read or holds anything this reader does not handle.
  init?(path: String) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      guard errno == ENOENT else { return nil }
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      entries = []
      stamp = nil
      return
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_size > 12 + 20 else { return nil }
    let size = Int(info.st_size)
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
      address != UnsafeMutableRawPointer(bitPattern: -1)
    else { return nil }
    let bytes = UnsafeRawBufferPointer(start: address, count: size)
    guard let entries = IndexFile.parse(bytes) else {
      munmap(address, size)
      return nil
    }
    self.bytes = bytes
    self.entries = entries
    stamp = FileStamp(info)
  }

  deinit {
    if let base = bytes.baseAddress {
      munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
    }
  }

  /// The entries of a version 2 or 3 index, checked to be in order and to end where the
  /// extensions (all optional ones, skipped) and the 20-byte checksum begin; nil otherwise.
  private static func parse(_ bytes: UnsafeRawBufferPointer) -> [Entry]? {
    let end = bytes.count - 20
    guard bytes.loadBigEndian(at: 0) == 0x4449_5243 else { return nil }  // "DIRC"
    let version = bytes.loadBigEndian(at: 4)
    let count = Int(bytes.loadBigEndian(at: 8))
    guard version == 2 || version == 3, count <= (end - 12) / 62 else { return nil }
    var entries: [Entry] = []
    entries.reserveCapacity(count)
    var offset = 12
    for _ in 0..<count {
      guard let entry = entry(at: offset, in: bytes, end: end, version: version) else {
        return nil
      }
      if let last = entries.last, compare(bytes, last, entry) >= 0 { return nil }
      entries.append(entry)
      offset = IndexFile.end(of: entry)
    }
    return skipExtensions(bytes, from: offset, end: end) ? entries : nil
  }

  /// The entry at `offset`, nil when it does not fit before `end` or is malformed.
  private static func entry(
    at offset: Int, in bytes: UnsafeRawBufferPointer, end: Int, version: UInt32
  ) -> Entry? {
    guard offset + 62 <= end else { return nil }
    let flags = UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: offset + 60, as: UInt16.self))
    let isExtended = flags & 0x4000 != 0
    guard !isExtended || version >= 3 else { return nil }
    let pathStart = offset + (isExtended ? 64 : 62)
    let extendedFlags =
      isExtended
      ? UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: offset + 62, as: UInt16.self)) : 0
    guard pathStart < end, let base = bytes.baseAddress else { return nil }
    var length = Int(flags & 0xfff)
    if length == 0xfff {
      guard let nul = memchr(base + pathStart, 0, end - pathStart) else { return nil }
      length = UnsafeRawPointer(nul) - (base + pathStart)
    } else {
      guard pathStart + length < end, bytes[pathStart + length] == 0,
        memchr(base + pathStart, 0, length) == nil
      else { return nil }
    }
    let entry = Entry(
      start: offset, pathStart: pathStart, pathLength: length, flags: flags,
      extendedFlags: extendedFlags)
    return length > 0 && IndexFile.end(of: entry) <= end ? entry : nil
  }

  /// Where the entry after `entry` starts: the path's NUL and padding NULs make each entry a
  /// multiple of 8 bytes long.
  private static func end(of entry: Entry) -> Int {
    entry.start + ((entry.pathStart - entry.start + entry.pathLength + 8) & ~7)
  }

  /// Whether the extensions from `offset` are all optional ones (a name starting with an
  /// uppercase letter) and end exactly at `end`.
  private static func skipExtensions(_ bytes: UnsafeRawBufferPointer, from offset: Int, end: Int)
    -> Bool
  {
    var offset = offset
    while offset < end {
      guard offset + 8 <= end, bytes[offset] >= UInt8(ascii: "A"),
        bytes[offset] <= UInt8(ascii: "Z")
      else { return false }
      let size = Int(bytes.loadBigEndian(at: offset + 4))
      guard size <= end - offset - 8 else { return false }
      offset += 8 + size
    }
    return offset == end
  }

  /// The order of two entries: by path bytes, then stage (negative when `a` comes first).
  private static func compare(_ bytes: UnsafeRawBufferPointer, _ a: Entry, _ b: Entry) -> Int {
    let pathOfB = UnsafeRawBufferPointer(rebasing: bytes[b.pathStart..<b.pathStart + b.pathLength])
    let order = compare(bytes, a, pathOfB)
    return order != 0 ? -order : a.stage - b.stage
  }

  /// The order of `path` against `entry`'s path (negative when `path` comes first).
  private static func compare(
    _ bytes: UnsafeRawBufferPointer, _ entry: Entry, _ path: UnsafeRawBufferPointer
  ) -> Int {
    let common = min(entry.pathLength, path.count)
    if common > 0, let base = bytes.baseAddress, let key = path.baseAddress {
      let order = memcmp(key, base + entry.pathStart, common)
      if order != 0 { return Int(order) }
    }
    return path.count - entry.pathLength
  }

  /// The path of `entry`, in place.
  func path(of entry: Entry) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: bytes[entry.pathStart..<entry.pathStart + entry.pathLength])
  }

  /// The 20 bytes of `entry`'s object id, in place.
  func id(of entry: Entry) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: bytes[entry.start + 40..<entry.start + 60])
  }

  /// The mode of `entry` (0o100644, 0o100755, 0o120000, 0o160000).
  func mode(of entry: Entry) -> UInt32 { bytes.loadBigEndian(at: entry.start + 24) }

  /// One of the 32-bit fields of `entry`'s stat data, as git keeps them (truncated).
  func field(_ field: StatField, of entry: Entry) -> UInt32 {
    bytes.loadBigEndian(at: entry.start + field.rawValue)
  }

  /// The fields of an entry's stat data, by their offset in the entry.
  enum StatField: Int {
    case ctimeSeconds = 0
    case ctimeNanoseconds = 4
    case mtimeSeconds = 8
    case mtimeNanoseconds = 12
    case inode = 20
    case user = 28
    case group = 32
    case size = 36
  }

  /// The position of the first entry at or after `path` at `stage`, in the index's order.
  /// `hint` is where to look first: a walk asks for paths in order, so the answer is most often
  /// at or just after the previous one, found in a few comparisons instead of sixteen.
  func lowerBound(of path: UnsafeRawBufferPointer, stage: Int = 0, hint: Int = 0) -> Int {
    /// Whether the entry at `position` comes before (`path`, `stage`).
    func isBefore(_ position: Int) -> Bool {
      let order = IndexFile.compare(bytes, entries[position], path)
      return order > 0 || (order == 0 && entries[position].stage < stage)
    }
    var low = 0
    var high = entries.count
    if hint < entries.count, isBefore(hint) {
      // Gallop forward from the hint: 1, 2, 4… entries ahead, then search the last step.
      low = hint + 1
      var step = 1
      while low + step - 1 < high, isBefore(low + step - 1) {
        low += step
        step *= 2
      }
      high = min(high, low + step - 1)
    } else if hint < entries.count {
      high = hint
    }
    while low < high {
      let middle = (low + high) / 2
      if isBefore(middle) { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Whether the entry at `position` exists and its path is `path`.
  func hasPath(_ path: UnsafeRawBufferPointer, at position: Int) -> Bool {
    position < entries.count && IndexFile.compare(bytes, entries[position], path) == 0
  }

  /// Whether the entry at `position` exists and its path starts with `prefix`.
  func hasPrefix(_ prefix: UnsafeRawBufferPointer, at position: Int) -> Bool {
    guard position < entries.count, entries[position].pathLength >= prefix.count else {
      return false
    }
    guard let base = bytes.baseAddress, let key = prefix.baseAddress else { return true }
    return memcmp(key, base + entries[position].pathStart, prefix.count) == 0
  }
}

/// Calls `body` with the UTF-8 bytes of `string`, in place when the string is native (no copy).
func withBytes<T>(of string: String, _ body: (UnsafeRawBufferPointer) -> T) -> T {
  if let result = string.utf8.withContiguousStorageIfAvailable({
    body(UnsafeRawBufferPointer($0))
  }) {
    return result
  }
  return Array(string.utf8).withUnsafeBytes(body)
}
