import BatonTestSupport
import Foundation
import Testing

@testable import BatonGit

/// `PackFile.offset(of:)` searches the pack index itself; these check it finds every object of
/// a pack with well-filled fan-out buckets at git's own offset, and nothing else.
@Suite struct PackIndexTests {
  @Test func findsEveryObjectOfALargePackAtGitsOffset() throws {
    let fixture = try GitFixture()
    // 20,000 small blobs in one stream: about 78 ids per fan-out bucket.
    let stream = (0..<20_000).map { "blob\ndata \("object \($0)\n".utf8.count)\nobject \($0)\n" }
      .joined()
    try fixture.run(["fast-import", "--quiet"], input: Data(stream.utf8))
    let packs = try FileManager.default.contentsOfDirectory(
      atPath: fixture.path + "/.git/objects/pack")
    let index = try #require(packs.first { $0.hasSuffix(".idx") })
    let pack = try #require(PackFile(indexPath: fixture.path + "/.git/objects/pack/" + index))
    let listing = try fixture.run(["verify-pack", "-v", ".git/objects/pack/" + index])
    var checked = 0
    for line in listing.split(separator: "\n") {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      guard fields.count >= 5, let id = RawID(hex: String(fields[0])) else { continue }
      #expect(pack.offset(of: id) == Int(fields[4]))
      checked += 1
    }
    #expect(checked == 20_000)
    // Ids next to present ones (last byte changed) are absent.
    let absent = try #require(RawID(hex: String(repeating: "ab", count: 20)))
    #expect(pack.offset(of: absent) == nil)
    var missing = 0
    for line in listing.split(separator: "\n").prefix(2_000) {
      guard let hex = line.split(separator: " ").first, hex.count == 40 else { continue }
      let flipped = String(hex.dropLast()) + (hex.last == "0" ? "1" : "0")
      if let id = RawID(hex: flipped), pack.offset(of: id) == nil { missing += 1 }
    }
    #expect(missing == 2_000)
  }
}
