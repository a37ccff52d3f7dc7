#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension UnsafeRawBufferPointer {
  /// Where `byte` first is in the bytes (`memchr`, far quicker than a Swift loop on long text).
  package func firstOffset(of byte: UInt8) -> Int? {
    guard let start = baseAddress, let found = memchr(start, Int32(byte), count) else {
      return nil
    }
    return start.distance(to: UnsafeRawPointer(found))
  }

  /// Whether the bytes hold `byte` (`firstOffset(of:)`).
  package func containsByte(_ byte: UInt8) -> Bool {
    firstOffset(of: byte) != nil
  }
}

extension String {
  /// Whether the text's UTF-8 contains `part`'s: `memchr` to each candidate first byte, then
  /// `memcmp` (glibc's `memmem` is not visible to Swift).
  ///
  /// For whole pages: the standard library's generic `firstRange(of:)` on `utf8` took a quarter
  /// of a site build's CPU on the documents' bodies, and `contains` goes through Foundation.
  package func containsUTF8(_ part: String) -> Bool {
    let needle = Array(part.utf8)
    guard !needle.isEmpty else { return true }
    func search(_ haystack: UnsafeRawBufferPointer) -> Bool {
      guard let start = haystack.baseAddress, haystack.count >= needle.count else { return false }
      let last = haystack.count - needle.count
      var offset = 0
      return needle.withUnsafeBytes { wanted in
        guard let wanted = wanted.baseAddress else { return true }
        while offset <= last {
          guard let found = memchr(start + offset, Int32(needle[0]), last - offset + 1) else {
            return false
          }
          offset = start.distance(to: UnsafeRawPointer(found))
          if memcmp(start + offset, wanted, needle.count) == 0 { return true }
          offset += 1
        }
        return false
      }
    }
    return utf8.withContiguousStorageIfAvailable { search(UnsafeRawBufferPointer($0)) }
      ?? Array(utf8).withUnsafeBytes(search)
  }
}
