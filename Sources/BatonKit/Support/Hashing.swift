/// Small, stable, non-cryptographic hashes for fingerprints and cache keys.
enum Hashing {
  /// FNV-1a over the UTF-8 bytes, as 16 hex digits; stable across runs and machines.
  static func fnv1a64Hex(_ text: String) -> String {
    let hex = String(fnv1a64(text), radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// FNV-1a over the UTF-8 bytes.
  static func fnv1a64(_ text: String) -> UInt64 {
    fnv1a64(bytes: text.utf8)
  }

  /// FNV-1a over bytes.
  static func fnv1a64<Bytes: Sequence<UInt8>>(bytes: Bytes) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return hash
  }
}
