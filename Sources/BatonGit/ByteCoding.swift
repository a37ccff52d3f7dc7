/// The little-endian binary encoding of Baton's caches (the history cache here, the build and
/// search states in BatonSite and BatonSearch): fixed-width numbers, LEB128 variable-length
/// numbers, length-prefixed strings.
package enum ByteCoding {
  /// Reads a varint (`ByteWriter.varint`) at `position` in `buffer` and moves past it; nil when
  /// it runs past the end or over 64 bits. Inlinable, so that a decoder in another module
  /// (`SearchState.records`) reads a number without a call.
  @inlinable
  package static func varint(in buffer: UnsafeBufferPointer<UInt8>, at position: inout Int)
    -> UInt64?
  {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while position < buffer.count, shift < 64 {
      let byte = buffer[position]
      position += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
    return nil
  }

  /// A 64-bit checksum over 8-byte words (FNV-1a style), enough to notice a damaged or
  /// half-written file.
  package static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    bytes.withUnsafeBytes { checksum($0) }
  }

  /// The checksum of bytes wherever they are (a mapped file's).
  package static func checksum(_ raw: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var offset = 0
    while offset + 8 <= raw.count {
      let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
      hash = (hash ^ word) &* 0x0000_0100_0000_01b3
      hash ^= hash >> 29
      offset += 8
    }
    while offset < raw.count {
      hash = (hash ^ UInt64(raw[offset])) &* 0x0000_0100_0000_01b3
      offset += 1
    }
    return hash
  }
}

/// Appends little-endian numbers and length-prefixed strings to a byte array.
@usableFromInline
package struct ByteWriter {
  @usableFromInline
  package var bytes: [UInt8] = []

  package init(capacity: Int = 0) {
    bytes.reserveCapacity(capacity)
  }

  package mutating func byte(_ value: UInt8) { bytes.append(value) }

  @usableFromInline
  package mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

  /// Four bytes, low first, appended one by one (a generic append of a buffer of them cost
  /// more than the four).
  package mutating func uint32(_ value: UInt32) {
    bytes.append(UInt8(truncatingIfNeeded: value))
    bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    bytes.append(UInt8(truncatingIfNeeded: value >> 16))
    bytes.append(UInt8(truncatingIfNeeded: value >> 24))
  }

  /// Eight bytes, low first (as `uint32`).
  package mutating func uint64(_ value: UInt64) {
    uint32(UInt32(truncatingIfNeeded: value))
    uint32(UInt32(truncatingIfNeeded: value >> 32))
  }

  /// A count or length, as 32 bits.
  package mutating func count(_ value: Int) { uint32(UInt32(clamping: value)) }

  /// A non-negative number in as few bytes as it needs: seven bits a byte, low bits first, the
  /// top bit set on every byte but the last (LEB128).
  package mutating func varint(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  /// A number that may be negative, zigzag-mapped (0, -1, 1, -2, …) onto `varint`.
  package mutating func signed(_ value: Int) {
    let wide = Int64(value)
    varint(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
  }

  /// Its UTF-8 bytes' count (`count`), then the bytes, copied from the string's own storage in
  /// one go: appending its `utf8` view went byte by byte, a fifth of making the build state
  /// (and as much again in the pages' dependency digests).
  @usableFromInline
  package mutating func string(_ text: String) {
    let written: Void? = text.utf8.withContiguousStorageIfAvailable { utf8 in
      count(utf8.count)
      bytes.append(contentsOf: utf8)
    }
    if written == nil {
      count(text.utf8.count)
      bytes.append(contentsOf: text.utf8)
    }
  }

  package mutating func strings(_ strings: [String]) {
    count(strings.count)
    for text in strings { string(text) }
  }

  /// A flag byte, then the string when there is one.
  package mutating func optionalString(_ text: String?) {
    bool(text != nil)
    if let text { string(text) }
  }
}

/// Reads what `ByteWriter` wrote; every read returns nil past the end or on a malformed value.
@usableFromInline
package struct ByteReader {
  @usableFromInline
  package let bytes: [UInt8]
  @usableFromInline
  package var position: Int

  package init(bytes: [UInt8], position: Int = 0) {
    self.bytes = bytes
    self.position = position
  }

  /// Whether every byte has been read.
  package var isAtEnd: Bool { position == bytes.count }

  package mutating func byte() -> UInt8? {
    guard position < bytes.count else { return nil }
    defer { position += 1 }
    return bytes[position]
  }

  @usableFromInline
  package mutating func bool() -> Bool? {
    switch byte() {
    case 0: false
    case 1: true
    default: nil
    }
  }

  package mutating func uint32() -> UInt32? {
    guard position + 4 <= bytes.count else { return nil }
    defer { position += 4 }
    return bytes.withUnsafeBytes {
      UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt32.self))
    }
  }

  package mutating func uint64() -> UInt64? {
    guard position + 8 <= bytes.count else { return nil }
    defer { position += 8 }
    return bytes.withUnsafeBytes {
      UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt64.self))
    }
  }

  package mutating func count() -> Int? { uint32().map(Int.init) }

  package mutating func varint() -> UInt64? {
    bytes.withUnsafeBufferPointer { ByteCoding.varint(in: $0, at: &position) }
  }

  /// A `varint` that must fit an `Int`.
  @usableFromInline
  package mutating func natural() -> Int? {
    varint().flatMap { $0 <= UInt64(Int.max) ? Int($0) : nil }
  }

  package mutating func signed() -> Int? {
    varint().map { Int(Int64(bitPattern: ($0 >> 1) ^ (0 &- ($0 & 1)))) }
  }

  @usableFromInline
  package mutating func string() -> String? {
    guard let length = count(), position + length <= bytes.count else { return nil }
    defer { position += length }
    return String(decoding: bytes[position..<position + length], as: UTF8.self)
  }

  package mutating func strings() -> [String]? {
    guard let count = count(), count <= (bytes.count - position) / 4 else { return nil }
    var result: [String] = []
    result.reserveCapacity(count)
    for _ in 0..<count {
      guard let text = string() else { return nil }
      result.append(text)
    }
    return result
  }

  /// What `optionalString` wrote: `.some(nil)` for a stored absence, nil when malformed.
  package mutating func optionalString() -> String?? {
    switch bool() {
    case false?: .some(nil)
    case true?: string().map { .some($0) }
    case nil: nil
    }
  }
}
