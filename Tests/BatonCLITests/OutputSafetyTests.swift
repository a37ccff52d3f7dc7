import BatonTestSupport
import Foundation
import Synchronization
import Testing

/// `baton build` never destroys what it reads, never lets two builds share a folder, and says
/// in words why it could not write.
@Suite struct OutputSafetyTests {
  func makeHandbook() throws -> GitFixture {
    let fixture = try GitFixture()
    try fixture.write("baton.yml", "title: Safe\n")
    try fixture.write(
      "decisions/0001-a.md",
      "---\nstatus: accepted\nowner: '@ada'\n---\n# A\n\n## Context\n\nA.\n\n## Proposal\n\nB.\n")
    try fixture.commit("Handbook")
    return fixture
  }

  @Test func aCollectionWithAPlantedMarkerIsNeverAnOutput() throws {
    let fixture = try makeHandbook()
    defer { fixture.cleanup() }
    try fixture.write("decisions/.baton-site", "planted\n")
    try fixture.write("decisions/0002-uncommitted.md", "# Draft\n")
    let result = try BatonBinary.run(["build", "--output", "decisions"], in: fixture.path)
    #expect(result.status == 2)
    #expect(result.standardError.contains("files git tracks"), "\(result.standardError)")
    #expect(FileManager.default.fileExists(atPath: fixture.path + "/decisions/0001-a.md"))
    #expect(FileManager.default.fileExists(atPath: fixture.path + "/decisions/0002-uncommitted.md"))
  }

  @Test(arguments: [".", "decisions/site", "..", ".git/site"])
  func foldersHoldingOrInsideWhatBatonReadsAreRefused(_ output: String) throws {
    let fixture = try makeHandbook()
    defer { fixture.cleanup() }
    let result = try BatonBinary.run(["build", "--output", output], in: fixture.path)
    #expect(result.status == 2, "\(result.standardError)")
    #expect(result.standardError.contains("a build would delete"), "\(result.standardError)")
    #expect(FileManager.default.fileExists(atPath: fixture.path + "/decisions/0001-a.md"))
  }

  @Test func aSecondBuildWithNoWaitNamesTheFirst() throws {
    let fixture = try makeHandbook()
    defer { fixture.cleanup() }
    // Holds the lock as a first build would: `flock` on the file beside the folder, its pid in it.
    let first = try BatonBinary.run(["build"], in: fixture.path)
    #expect(first.status == 0, "\(first.standardError)")
    let lock = open(fixture.path + "/._site.baton-lock", O_RDWR)
    #expect(lock >= 0)
    defer { close(lock) }
    #expect(flock(lock, LOCK_EX | LOCK_NB) == 0)
    _ = ftruncate(lock, 0)
    _ = Array("\(getpid())\n".utf8).withUnsafeBytes { pwrite(lock, $0.baseAddress, $0.count, 0) }
    let refused = try BatonBinary.run(["build", "--no-wait"], in: fixture.path)
    #expect(refused.status == 2)
    #expect(refused.standardError.contains("pid \(getpid())"), "\(refused.standardError)")
  }

  @Test func concurrentBuildsBothSucceedAndLeaveAWholeSite() throws {
    let fixture = try makeHandbook()
    defer { fixture.cleanup() }
    for number in 2...60 {
      try fixture.write("decisions/\(1000 + number)-d.md", "# D\(number)\n\n## Context\n\nC.\n")
    }
    try fixture.commit("More")
    let serial = try BatonBinary.run(
      ["build", "--output", "_serial", "--no-cache"], in: fixture.path)
    #expect(serial.status == 0, "\(serial.standardError)")
    let expected = try files(fixture.path + "/_serial")
    for _ in 0..<3 {
      let results = Mutex<[BatonBinary.Result]>([])
      let path = fixture.path
      DispatchQueue.concurrentPerform(iterations: 2) { _ in
        let result = try? BatonBinary.run(["build"], in: path)
        results.withLock {
          $0.append(result ?? .init(status: -1, standardOutput: "", standardError: ""))
        }
      }
      let both = results.withLock { $0 }
      #expect(both.allSatisfy { $0.status == 0 }, "\(both.map(\.standardError))")
      #expect(try files(fixture.path + "/_site") == expected)
    }
  }

  @Test func anUnwritableOutputSaysWhyInWords() throws {
    let fixture = try makeHandbook()
    defer { fixture.cleanup() }
    let blocker = fixture.path + "/../blocker-\(UUID().uuidString)"
    try Data("a file".utf8).write(to: URL(fileURLWithPath: blocker))
    defer { try? FileManager.default.removeItem(atPath: blocker) }
    let result = try BatonBinary.run(["build", "--output", blocker + "/site"], in: fixture.path)
    #expect(result.status == 2)
    #expect(result.standardError.contains("not a directory"), "\(result.standardError)")
    #expect(!result.standardError.contains("NSCocoaErrorDomain"))
  }

  /// The files of a folder, relative, sorted, without the marker.
  func files(_ folder: String) throws -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: folder)
    var result: [String] = []
    while let path = enumerator?.nextObject() as? String {
      var isFolder: ObjCBool = false
      let exists = FileManager.default.fileExists(
        atPath: folder + "/" + path, isDirectory: &isFolder)
      if exists, !isFolder.boolValue, path != ".baton-site" { result.append(path) }
    }
    return result.sorted()
  }
}
