import BatonChecks
import BatonSource
import BatonTestSupport
import Foundation
import Testing

/// The statuses of older versions (for status timelines) are kept between runs in
/// `.baton/cache/statuses-v1.txt`, and trusted only under the same key and when whole.
@Suite struct StatusCacheTests {
  static let decision = "decisions/0001-use-postgres.md"

  static func text(status: String) -> String {
    "---\nstatus: \(status)\nowner: '@ada'\n---\n# Use Postgres\n\n## Context\nx\n\n"
      + "## Proposal\ny\n"
  }

  /// A decision proposed, then accepted: two versions with a status.
  func fixture() throws -> GitFixture {
    let fixture = try GitFixture()
    try fixture.write(Self.decision, Self.text(status: "proposed"))
    try fixture.commit("Propose")
    try fixture.write(Self.decision, Self.text(status: "accepted"))
    try fixture.commit("Accept")
    return fixture
  }

  func timeline(_ fixture: GitFixture) throws -> [String] {
    let options = SourceOptions(
      repositoryPath: fixture.path, startDirectory: fixture.path, includeHistory: true)
    let corpus = try Workflow.corpus(options)
    return try #require(corpus.history[Self.decision]).statusTimeline.map(\.status)
  }

  func cachePath(_ fixture: GitFixture) -> String {
    fixture.path + "/.baton/cache/statuses-v1.txt"
  }

  func cache(_ fixture: GitFixture) throws -> String {
    try String(contentsOfFile: cachePath(fixture), encoding: .utf8)
  }

  func writeCache(_ fixture: GitFixture, _ text: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: cachePath(fixture)))
  }

  @Test func versionsReadOnceAreTakenFromTheCache() throws {
    let fixture = try fixture()
    defer { fixture.cleanup() }
    #expect(try timeline(fixture) == ["proposed", "accepted"])
    let written = try cache(fixture)
    let lines = written.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines.first?.hasPrefix("baton-statuses 1 ") == true)
    #expect(lines.last == "end 2")
    #expect(lines.filter { $0.hasSuffix("\tproposed") }.count == 1)
    // Proof that the second run reads the cache, not the versions: a status planted in it shows.
    try writeCache(fixture, written.replacingOccurrences(of: "\tproposed\n", with: "\trejected\n"))
    #expect(try timeline(fixture) == ["rejected", "accepted"])
  }

  @Test func anotherConfigurationReadsTheVersionsAgain() throws {
    let fixture = try fixture()
    defer { fixture.cleanup() }
    #expect(try timeline(fixture) == ["proposed", "accepted"])
    try writeCache(
      fixture, try cache(fixture).replacingOccurrences(of: "\tproposed\n", with: "\trejected\n"))
    // New statuses for decisions change how statuses are read: the planted one is not trusted.
    try fixture.write(
      "baton.yml",
      "kinds:\n  decision:\n    statuses: [proposed, accepted, rejected, deprecated, superseded, "
        + "parked]\n")
    try fixture.commit("Park decisions")
    #expect(try timeline(fixture) == ["proposed", "accepted"])
    #expect(try cache(fixture).contains("\tproposed\n"))
  }

  @Test(arguments: [
    "drop the end line", "a short blob id", "another format", "an end count that is off",
  ])
  func aDamagedCacheIsIgnoredAndRewritten(_ damage: String) throws {
    let fixture = try fixture()
    defer { fixture.cleanup() }
    _ = try timeline(fixture)
    let planted = try cache(fixture).replacingOccurrences(
      of: "\tproposed\n", with: "\trejected\n")
    var lines = planted.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    switch damage {
    case "drop the end line": lines.remove(at: lines.count - 2)
    case "a short blob id": lines[1] = String(lines[1].dropFirst())
    case "another format": lines[0] = lines[0].replacingOccurrences(of: " 1 ", with: " 9 ")
    default: lines[lines.count - 2] = "end 3"
    }
    try writeCache(fixture, lines.joined(separator: "\n"))
    #expect(try timeline(fixture) == ["proposed", "accepted"])
    #expect(try cache(fixture).hasSuffix("end 2\n"))
    #expect(try !cache(fixture).contains("rejected"))
  }

  @Test func theCacheKeepsOnlyTheVersionsStillInHistory() throws {
    let fixture = try fixture()
    defer { fixture.cleanup() }
    _ = try timeline(fixture)
    #expect(try cache(fixture).hasSuffix("end 2\n"))
    try fixture.remove(Self.decision)
    try fixture.write(
      "decisions/0002-use-redis.md",
      "# 2. Use Redis\n\n## Status\n\nProposed\n\n## Context\nCaching sessions.\n")
    try fixture.commit("Replace")
    let options = SourceOptions(
      repositoryPath: fixture.path, startDirectory: fixture.path, includeHistory: true)
    _ = try Workflow.corpus(options)
    // The deleted decision's two versions are gone; the new one's single version is there.
    #expect(try cache(fixture).hasSuffix("end 1\n"))
  }
}
