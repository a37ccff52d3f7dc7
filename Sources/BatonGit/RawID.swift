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
    var oid = self.oid
    return withUnsafeBytes(of: &oid.id) { raw in
      let digits: [UInt8] = Array("0123456789abcdef".utf8)
      return String(unsafeUninitializedCapacity: 40) { buffer in
        for (index, byte) in raw.enumerated() {
          buffer[index * 2] = digits[Int(byte >> 4)]
          buffer[index * 2 + 1] = digits[Int(byte & 0x0f)]
        }
        return 40
      }
    }
  }

  var objectID: ObjectID { ObjectID(lowercaseHex: hex) }

  static func < (lhs: RawID, rhs: RawID) -> Bool {
    (lhs.high.bigEndian, lhs.middle.bigEndian, lhs.low.bigEndian)
      < (rhs.high.bigEndian, rhs.middle.bigEndian, rhs.low.bigEndian)
  }
}
