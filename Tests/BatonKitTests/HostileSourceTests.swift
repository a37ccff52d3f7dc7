import BatonChecks
import BatonConfig
import BatonSource
import BatonSupport
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
    let churn = Churn.vanishing(
      in: fixture.path + "/decisions", first: 1001, count: 120, text: "# Back\n")
    defer { churn.stop() }
    for _ in 0..<30 {
      let result = try check(fixture)
      for diagnostic in result.diagnostics where diagnostic.ruleID == "invalid-encoding" {
        #expect(diagnostic.message.hasPrefix("file cannot be read: "), "\(diagnostic.message)")
      }
    }
  }

  /// The configuration error a check of the fixture throws.
  func configurationError(_ fixture: GitFixture) throws -> ConfigurationError? {
    do {
      _ = try check(fixture)
      return nil
    } catch let error as ConfigurationError {
      return error
    }
  }

  @Test(arguments: [
    ("people: /etc/passwd\n", 1, "is absolute"),
    ("title: T\npeople: ../../../../etc/passwd\n", 2, "leaves the repository"),
    ("collections:\n  d: { path: ../.., kind: decision }\n", 2, "leaves the repository"),
    ("collections:\n  d:\n    path: /tmp\n    kind: decision\n", 3, "is absolute"),
    ("collections:\n  d: { path: .git, kind: decision }\n", 2, "git's own folder"),
    ("base-url: javascript:alert(1)\n", 1, "https:// or http://"),
    ("base-url: https://a.example//evil.example/x/\n", 1, "empty path segment"),
    ("base-url: 'https://a.example/\"><script>'\n", 1, "quotes"),
  ])
  func configurationThatCannotBeUsedIsAnErrorAtItsLine(
    _ yaml: String, _ line: Int, _ words: String
  ) throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("baton.yml", yaml)
    try fixture.write("decisions/0001-a.md", "# A\n")
    try fixture.commit("Config")
    let error = try #require(try configurationError(fixture))
    #expect(error.path == "baton.yml")
    #expect(error.line == line)
    #expect(error.message.contains(words), "\(error.message)")
  }

  @Test func aCollectionFolderThroughALinkIsAnError() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write(
      "baton.yml", "title: T\ncollections:\n  d: { path: linked, kind: decision }\n")
    try fixture.write("real/0001-a.md", "# A\n")
    try fixture.symlink("linked", to: "real")
    try fixture.commit("Config")
    let error = try #require(try configurationError(fixture))
    #expect(error.line == 3)
    #expect(error.message.contains("symbolic link"), "\(error.message)")
  }

  @Test func aConfigurationOverTheLimitIsAnErrorNotTheDefaults() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write(
      "baton.yml", "title: Big\n" + String(repeating: "# padding\n", count: 110_000))
    try fixture.commit("Config")
    let error = try #require(try configurationError(fixture))
    #expect(error.message.contains("over the limit"), "\(error.message)")
  }

  @Test func aPeopleFileLinkedOutsideSaysSo() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("baton.yml", "title: T\npeople: people.yml\n")
    try fixture.symlink("people.yml", to: "/etc/passwd")
    try fixture.write("decisions/0001-a.md", "# A\n")
    try fixture.commit("Config")
    let result = try check(fixture)
    let people = result.diagnostics.filter { $0.ruleID == "people-file" }
    #expect(people.count == 1)
    #expect(people.first?.message.contains("outside the repository") == true)
  }
}
