/// A 128-bit content hash that is the same in every process and on every machine.
///
/// Swift's `Hasher` is seeded per process, so it cannot key a cache kept on disk; this one is
/// deterministic. It is not cryptographic: it guards against accidents (a stale page), not
/// against someone crafting collisions, which could at worst make their own page stale.
public struct Digest: Sendable, Hashable, CustomStringConvertible {
  public var high: UInt64
  public var low: UInt64

  public init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// The digest of some bytes.
  public init(of bytes: [UInt8]) {
    var hasher = StableHasher()
    hasher.combine(bytes: bytes)
    self = hasher.finalize()
  }

  /// The digest of a buffer's bytes (the same as of an array of them).
  package init(of buffer: UnsafeRawBufferPointer) {
    var hasher = StableHasher()
    hasher.combine(raw: buffer)
    self = hasher.finalize()
  }

  /// The digest of bytes given in pieces, the same as of the pieces joined: a file patched in
  /// pieces (the state's copy of `documents.json`) is hashed without being put together.
  package init(ofJoined pieces: [UnsafeRawBufferPointer]) {
    var hasher = StableHasher()
    hasher.combine(joined: pieces)
    self = hasher.finalize()
  }

  /// The digest of a text's UTF-8 bytes (the same as of those bytes).
  public init(of text: String) {
    var hasher = StableHasher()
    hasher.combine(text)
    self = hasher.finalize()
  }

  /// 32 lower-case hexadecimal digits.
  public var description: String {
    func hex(_ value: UInt64) -> String {
      let digits = String(value, radix: 16)
      return String(repeating: "0", count: 16 - digits.count) + digits
    }
    return hex(high) + hex(low)
  }

  /// Reads what `description` wrote.
  public init?(hex: some StringProtocol) {
    guard hex.utf8.count == 32, let high = UInt64(hex.prefix(16), radix: 16),
      let low = UInt64(hex.suffix(16), radix: 16)
    else { return nil }
    self.init(high: high, low: low)
  }

  /// Adds another digest lane by lane: the sum of a set of digests does not depend on order.
  package mutating func add(_ other: Digest) {
    high &+= other.high
    low &+= other.low
  }
}

/// Builds a `Digest` from a stream of values; two lanes of multiply-rotate mixing over 8-byte
/// words, each value prefixed by its length so that concatenations cannot collide.
public struct StableHasher: Sendable {
  private var a: UInt64 = 0x243F_6A88_85A3_08D3
  private var b: UInt64 = 0x1319_8A2E_0370_7344
  private var count: UInt64 = 0

  public init() {}

  @inline(__always)
  private mutating func mix(_ word: UInt64) {
    (a, b) = StableHasher.mixed(a, b, word)
    count &+= 1
  }

  /// The two lanes with one more word mixed in.
  @inline(__always)
  private static func mixed(_ a: UInt64, _ b: UInt64, _ word: UInt64) -> (UInt64, UInt64) {
    let x = a ^ (word &* 0x87C3_7B91_1142_53D5)
    let y = b ^ (word &* 0xC2B2_AE3D_27D4_EB4F)
    return (
      (x << 31 | x >> 33) &* 0x4CF5_AD43_2745_937F &+ 0x52DC_E729,
      (y << 29 | y >> 35) &* 0x9E37_79B9_7F4A_7C15 &+ 0x3849_5AB5
    )
  }

  /// Adds a 64-bit value.
  public mutating func combine(_ value: UInt64) {
    mix(value)
  }

  /// Adds an integer.
  public mutating func combine(_ value: Int) {
    mix(UInt64(bitPattern: Int64(value)))
  }

  /// Adds a Boolean.
  public mutating func combine(_ value: Bool) {
    mix(value ? 0xB001 : 0xB000)
  }

  /// Adds a digest.
  public mutating func combine(_ value: Digest) {
    mix(value.high)
    mix(value.low)
  }

  /// Adds a string's UTF-8 bytes, prefixed by their count.
  public mutating func combine(_ text: String) {
    var text = text
    text.withUTF8 { combine(raw: UnsafeRawBufferPointer($0)) }
  }

  /// Adds bytes, prefixed by their count.
  public mutating func combine(bytes: [UInt8]) {
    bytes.withUnsafeBytes { combine(raw: $0) }
  }

  /// Adds bytes, prefixed by their count (as `combine(bytes:)`, without an array of them).
  public mutating func combine(raw buffer: UnsafeRawBufferPointer) {
    mix(UInt64(buffer.count) | 0xA5 << 56)
    let offset = mixWords(buffer, from: 0)
    if offset < buffer.count {
      var tail: UInt64 = 0
      for index in offset..<buffer.count {
        tail |= UInt64(buffer[index]) << (8 * UInt64(index - offset))
      }
      mix(tail)
    }
  }

  /// Adds the bytes of `pieces` joined, prefixed by their count: the same as `combine(raw:)` of
  /// one buffer holding them, the words that straddle two pieces put together as they go.
  package mutating func combine(joined pieces: [UnsafeRawBufferPointer]) {
    mix(UInt64(pieces.reduce(0) { $0 + $1.count }) | 0xA5 << 56)
    // The bytes of a word begun at the end of a piece, low bytes first.
    var word: UInt64 = 0
    var carried = 0
    for piece in pieces {
      var offset = 0
      while carried > 0, carried < 8, offset < piece.count {
        word |= UInt64(piece[offset]) << (8 * UInt64(carried))
        carried += 1
        offset += 1
      }
      if carried == 8 {
        mix(word)
        (word, carried) = (0, 0)
      }
      offset = mixWords(piece, from: offset)
      while offset < piece.count {
        word |= UInt64(piece[offset]) << (8 * UInt64(carried))
        carried += 1
        offset += 1
      }
    }
    if carried > 0 { mix(word) }
  }

  /// Mixes the whole 8-byte words of `buffer` from `start` on, little-endian; returns where
  /// the bytes left over begin. The same as `mix` of each word in turn, written out: the lanes
  /// in locals, a pointer stepped over a count of words known before the loop, and the count of
  /// values added once at the end. The loop is the hash of every file a build writes, and a
  /// loop over offsets checked each step for a base address and an overflow (23 instructions
  /// a word instead of 15).
  @inline(__always)
  private mutating func mixWords(_ buffer: UnsafeRawBufferPointer, from start: Int) -> Int {
    let words = (buffer.count - start) / 8
    guard words > 0, let base = buffer.baseAddress else { return start }
    var (a, b) = (self.a, self.b)
    var pointer = base + start
    for _ in 0..<words {
      (a, b) = StableHasher.mixed(
        a, b, UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self)))
      pointer += 8
    }
    (self.a, self.b) = (a, b)
    count &+= UInt64(words)
    return start + words * 8
  }

  /// The digest of everything added, in order.
  public func finalize() -> Digest {
    func avalanche(_ value: UInt64) -> UInt64 {
      var x = value
      x ^= x >> 33
      x &*= 0xFF51_AFD7_ED55_8CCD
      x ^= x >> 33
      x &*= 0xC4CE_B9FE_1A85_EC53
      x ^= x >> 33
      return x
    }
    let high = avalanche((a ^ count) &+ b)
    let low = avalanche((b ^ (count << 1)) &+ avalanche(a))
    return Digest(high: high, low: low)
  }
}
