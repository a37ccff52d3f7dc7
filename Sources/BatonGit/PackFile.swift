#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One pack file and its version 2 index, memory-mapped read-only; unmapped in `deinit`.
///
/// Only what the history walk needs: find an object's offset by id, and read the entry header
/// at an offset. Offsets and sizes are in bytes from the start of the `.pack` file. Anything it
/// does not understand (index version 1, a truncated file) makes `init` fail, and the caller
/// reads those objects through libgit2 instead.
final class PackFile {
  /// The kinds of pack entries (git's numbering).
  enum EntryKind: UInt8 {
    case commit = 1
    case tree = 2
    case blob = 3
    case tag = 4
    case offsetDelta = 6
    case referenceDelta = 7
  }

  /// A pack entry's header: what follows it is zlib data inflating to `size` bytes.
  struct Entry {
    var kind: EntryKind
    var size: Int
    /// Where the compressed data starts.
    var dataOffset: Int
    /// The base of an offset delta.
    var baseOffset: Int?
    /// The base of a reference delta.
    var baseID: RawID?
  }

  let pack: UnsafeRawBufferPointer
  private let index: UnsafeRawBufferPointer
  private let count: Int

  init?(indexPath: String) {
    guard indexPath.hasSuffix(".idx") else { return nil }
    let packPath = String(indexPath.dropLast(4)) + ".pack"
    guard let index = PackFile.map(indexPath) else { return nil }
    guard let pack = PackFile.map(packPath) else {
      PackFile.unmap(index)
      return nil
    }
    self.index = index
    self.pack = pack
    // Version 2 index: magic, version, 256 fan-out counts, ids, CRCs, offsets, large offsets.
    let valid =
      index.count >= 8 + 1024 && index.loadBigEndian(at: 0) == 0xff74_4f63
      && index.loadBigEndian(at: 4) == 2
    let objects = valid ? Int(index.loadBigEndian(at: 8 + 255 * 4)) : 0
    count = objects
    let packObjects =
      pack.count >= 12 && pack.loadBigEndian(at: 0) == 0x5041_434b
      ? Int(pack.loadBigEndian(at: 8)) : -1
    guard valid, index.count >= 8 + 1024 + objects * 28, packObjects == objects else {
      return nil
    }
  }

  deinit {
    PackFile.unmap(index)
    PackFile.unmap(pack)
  }

  /// The offset of the object `id` in the pack; nil when the pack does not hold it.
  func offset(of id: RawID) -> Int? {
    let first = Int(UInt8(truncatingIfNeeded: UInt64(littleEndian: id.high)))
    var low = first == 0 ? 0 : Int(index.loadBigEndian(at: 8 + (first - 1) * 4))
    var high = Int(index.loadBigEndian(at: 8 + first * 4))
    let names = 8 + 1024
    while low < high {
      let middle = (low + high) / 2
      let candidate = index.rawID(at: names + middle * 20)
      if candidate == id { return objectOffset(middle) }
      if candidate < id { low = middle + 1 } else { high = middle }
    }
    return nil
  }

  private func objectOffset(_ position: Int) -> Int? {
    let offsets = 8 + 1024 + count * 24
    let small = index.loadBigEndian(at: offsets + position * 4)
    if small & 0x8000_0000 == 0 { return Int(small) }
    let large = offsets + count * 4 + Int(small & 0x7fff_ffff) * 8
    guard large + 8 <= index.count else { return nil }
    let value =
      UInt64(index.loadBigEndian(at: large)) << 32 | UInt64(index.loadBigEndian(at: large + 4))
    return value < UInt64(pack.count) ? Int(value) : nil
  }

  /// Parses the entry header at `offset`; nil when it is malformed.
  func entry(at offset: Int) -> Entry? {
    var position = offset
    guard position < pack.count else { return nil }
    var byte = pack[position]
    position += 1
    guard let kind = EntryKind(rawValue: (byte >> 4) & 7) else { return nil }
    var size = Int(byte & 0x0f)
    var shift = 4
    while byte & 0x80 != 0 {
      guard position < pack.count, shift < 57 else { return nil }
      byte = pack[position]
      position += 1
      size |= Int(byte & 0x7f) << shift
      shift += 7
    }
    var entry = Entry(kind: kind, size: size, dataOffset: position)
    switch kind {
    case .offsetDelta:
      guard position < pack.count else { return nil }
      byte = pack[position]
      position += 1
      var distance = Int(byte & 0x7f)
      while byte & 0x80 != 0 {
        guard position < pack.count, distance < (1 << 48) else { return nil }
        byte = pack[position]
        position += 1
        distance = ((distance + 1) << 7) | Int(byte & 0x7f)
      }
      guard distance > 0, distance <= offset else { return nil }
      entry.baseOffset = offset - distance
    case .referenceDelta:
      guard position + 20 <= pack.count else { return nil }
      entry.baseID = pack.rawID(at: position)
      position += 20
    default:
      break
    }
    entry.dataOffset = position
    return entry
  }

  private static func map(_ path: String) -> UnsafeRawBufferPointer? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_size > 0 else { return nil }
    let size = Int(info.st_size)
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
      address != UnsafeMutableRawPointer(bitPattern: -1)
    else { return nil }
    return UnsafeRawBufferPointer(start: address, count: size)
  }

  private static func unmap(_ buffer: UnsafeRawBufferPointer) {
    if let base = buffer.baseAddress {
      munmap(UnsafeMutableRawPointer(mutating: base), buffer.count)
    }
  }
}

extension UnsafeRawBufferPointer {
  /// A big-endian 32-bit number at `offset`.
  @inline(__always)
  func loadBigEndian(at offset: Int) -> UInt32 {
    UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }

  /// The 20-byte object id at `offset`.
  @inline(__always)
  func rawID(at offset: Int) -> RawID {
    RawID(
      high: loadUnaligned(fromByteOffset: offset, as: UInt64.self),
      middle: loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self),
      low: loadUnaligned(fromByteOffset: offset + 16, as: UInt32.self))
  }
}
