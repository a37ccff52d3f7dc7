internal import CGit2

/// A git object id held as 20 raw bytes, cheap to hash and compare; internal to BatonGit.
struct RawID: Hashable, Comparable {
  var high: UInt64
  var middle: UInt64
  var low: UInt32

  init(high: UInt64, middle: UInt64, low: UInt32) {
    self.high = high
    self.middle = middle
    self.low = low
  }

  init(_ oid: git_oid) {
    var copy = oid
    (high, middle, low) = withUnsafeBytes(of: &copy.id) { raw in
      (
        raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
        raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
        raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
      )
    }
  }

  init(_ pointer: UnsafePointer<git_oid>) {
    self.init(pointer.pointee)
  }

  /// Parses 40 hex digits; nil for anything else.
  init?(hex: String) {
    guard hex.utf8.count == 40 else { return nil }
    var oid = git_oid()
    guard git_oid_fromstrn(&oid, hex, 40) == 0 else { return nil }
    self.init(oid)
  }

  init(_ id: ObjectID) throws(GitError) {
    guard let raw = RawID(hex: id.hex) else {
      throw GitError.failure("not a full object id", function: "ObjectID", path: id.hex)
    }
    self = raw
  }

  var oid: git_oid {
    var oid = git_oid()
    withUnsafeMutableBytes(of: &oid.id) { raw in
      raw.storeBytes(of: high, toByteOffset: 0, as: UInt64.self)
      raw.storeBytes(of: middle, toByteOffset: 8, as: UInt64.self)
      raw.storeBytes(of: low, toByteOffset: 16, as: UInt32.self)
    }
    return oid
  }

  var hex: String {
    String(unsafeUninitializedCapacity: 40) { buffer in
      // Memory order of the bytes: the lowest byte of each little-endian word comes first.
      var index = 0
      func put(_ word: UInt64, count: Int) {
        for shift in 0..<count {
          let byte = UInt8(truncatingIfNeeded: word >> UInt64(shift * 8))
          buffer[index] = RawID.digit(byte >> 4)
          buffer[index + 1] = RawID.digit(byte & 0x0f)
          index += 2
        }
      }
      put(high.littleEndian, count: 8)
      put(middle.littleEndian, count: 8)
      put(UInt64(low.littleEndian), count: 4)
      return 40
    }
  }

  @inline(__always)
  private static func digit(_ value: UInt8) -> UInt8 {
    value < 10 ? 0x30 + value : 0x57 + value
  }

  var objectID: ObjectID { ObjectID(lowercaseHex: hex) }

  static func < (lhs: RawID, rhs: RawID) -> Bool {
    (lhs.high.bigEndian, lhs.middle.bigEndian, lhs.low.bigEndian)
      < (rhs.high.bigEndian, rhs.middle.bigEndian, rhs.low.bigEndian)
  }
}
