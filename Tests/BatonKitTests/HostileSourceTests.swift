import BatonKit
import BatonTestSupport
import Foundation
import Testing

/// Repositories built to trip Baton up: twins, files changing during a run, configuration that
/// points where it must not.
@Suite struct HostileSourceTests {
  static let today = Day(year: 2026, month: 11, day: 24) ?? Day.today()

  func check(_ fixture: GitFixture) throws -> Workflow.CheckResult {
    try Workflow.check(
      SourceOptions(repositoryPath: fixture.path, startDirectory: fixture.path), paths: [],
      today: Self.today)
  }

  @Test func unicodeTwinsAreReportedNotDropped() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    let nfc = "decisions/0008-r\u{E9}sum\u{E9}.md"
    let nfd = "decisions/0008-re\u{301}sume\u{301}.md"
    try fixture.write(nfc, "---\nstatus: accepted\n---\n# One\n\n## Context\n\nA.\n")
    try fixture.write(nfd, "---\nstatus: accepted\n---\n# Two\n\n## Context\n\nB.\n")
    try fixture.commit("Twins")
    let result = try check(fixture)
    let twins = result.diagnostics.filter { $0.ruleID == "duplicate-path" }
    #expect(twins.count == 1)
    #expect(twins.first?.severity == .error)
    #expect(twins.first?.message.contains("normalisation") == true)
    #expect(result.corpus.documents.count == 1)
  }

  @Test func filesVanishingDuringARunAreDiagnosticsNotFailures() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    for number in 1...120 {
      try fixture.write(
        "decisions/\(1000 + number)-a.md", "---\nstatus: accepted\n---\n# A\n\n## Context\n\nA.\n")
    }
    try fixture.commit("Many")
    let folder = fixture.path + "/decisions/"
    let churn = Churn { round in
      let path = folder + "\(1001 + round % 120)-a.md"
      unlink(path)
      mkdir(path, 0o755)
      rmdir(path)
      _ = FileManager.default.createFile(atPath: path, contents: Data("# Back\n".utf8))
    }
    defer { churn.stop() }
    for _ in 0..<30 {
      let result = try check(fixture)
      for diagnostic in result.diagnostics where diagnostic.ruleID == "invalid-encoding" {
        #expect(diagnostic.message.hasPrefix("file cannot be read: "), "\(diagnostic.message)")
      }
    }
  }
}
