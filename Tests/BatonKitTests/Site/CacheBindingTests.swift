import BatonGit
import BatonTestSupport
import Foundation
import Testing

/// Files a kept build state names are used only when they are the ones it wrote, and a state
/// that is ignored is said.
@Suite struct CacheBindingTests {
  @Test func aValidBlobOfAnotherRepositorysStateIsNotTrusted() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    let other = try SiteFixture.make(extra: [
      "handbook/zebra.md": "# Zebras\n\n## Summary\n\nStripes, quagga, okapi and gnu.\n"
    ])
    defer { other.cleanup() }
    try SiteStateTests.buildAndCompare(git, "the first build")
    try SiteStateTests.buildAndCompare(other, "the other repository's build")
    let folder = try SiteStateTests.stateFolder(git)
    let foreignFolder = try SiteStateTests.stateFolder(other)
    let foreign = try FileManager.default.contentsOfDirectory(atPath: foreignFolder + "shards")
      .sorted()
    let mine = try FileManager.default.contentsOfDirectory(atPath: folder + "shards").sorted()
    try #require(!foreign.isEmpty && !mine.isEmpty)
    // Each of this state's blobs replaced by a valid blob of the other state that differs.
    for name in mine {
      let path = folder + "shards/" + name
      let candidates = try foreign.map {
        try Data(contentsOf: URL(fileURLWithPath: foreignFolder + "shards/" + $0))
      }
      let original = try Data(contentsOf: URL(fileURLWithPath: path))
      let replacement = candidates.first { $0 != original } ?? candidates[0]
      try replacement.write(to: URL(fileURLWithPath: path))
    }
    let original = try SiteStateTests.read(git, SiteStateTests.postgres)
    try git.write(SiteStateTests.postgres, original + "\nA quagga appears.\n")
    let result = try SiteStateTests.buildAndCompare(git, "foreign blobs")
    #expect(result.updatedPages == nil)
    #expect(result.notes.contains { $0.hasPrefix("ignored the build state") }, "\(result.notes)")
  }

  @Test func aDamagedStateIsIgnoredWithANote() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    try SiteStateTests.buildAndCompare(git, "the first build")
    let folder = try SiteStateTests.stateFolder(git)
    try Data("not a state".utf8).write(to: URL(fileURLWithPath: folder + "state.bin"))
    let result = try SiteStateTests.buildAndCompare(git, "a damaged state")
    #expect(result.notes.contains { $0.hasPrefix("ignored the build state") }, "\(result.notes)")
  }
}
