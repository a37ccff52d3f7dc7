import Testing

@testable import BatonSite

/// A rendered file keeps its bytes in a buffer of their size, whatever room rendering left.
@Suite struct SiteFileTests {
  @Test func bytesWithMuchRoomToSpareAreFitted() {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(64_000)
    bytes.append(contentsOf: (0..<10_000).map { UInt8(truncatingIfNeeded: $0) })
    let file = SiteFile(path: "a/index.html", bytes: bytes)
    #expect(file.bytes == bytes)
    #expect(file.bytes.capacity < 11_000)
  }

  @Test func bytesThatFitAreKeptAsTheyAre() {
    let bytes = [UInt8](repeating: 1, count: 5_000)
    let file = SiteFile(path: "b.html", bytes: bytes)
    #expect(file.bytes == bytes)
    #expect(
      file.bytes.withUnsafeBufferPointer { $0.baseAddress }
        == bytes.withUnsafeBufferPointer { $0.baseAddress })
  }
}
