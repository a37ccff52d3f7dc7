import Testing

@testable import BatonSupport

/// Bytes hashed in pieces (`Digest(ofJoined:)`, the state's copy of `documents.json` patched)
/// have the digest of the pieces joined, wherever the pieces split the 8-byte words the hasher
/// mixes.
@Suite struct StableHasherTests {
  @Test func piecesHaveTheDigestOfTheirJoin() {
    let bytes = (0..<61).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
    let splits: [[Int]] = [
      [], [0], [3], [8], [3, 5], [1, 2, 3, 17], [7, 7, 30], [60], [0, 61], [5, 6, 7, 8, 9, 10],
    ]
    for cuts in splits {
      let bounds = [0] + cuts + [bytes.count]
      let digest = bytes.withUnsafeBytes { buffer in
        Digest(
          ofJoined: zip(bounds, bounds.dropFirst()).map {
            UnsafeRawBufferPointer(rebasing: buffer[$0..<$1])
          })
      }
      #expect(digest == Digest(of: bytes), "split at \(cuts)")
    }
    #expect(Digest(ofJoined: []) == Digest(of: [UInt8]()))
  }
}
