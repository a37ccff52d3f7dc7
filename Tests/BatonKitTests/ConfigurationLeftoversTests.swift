import BatonChecks
import BatonConfig
import BatonDocuments
import BatonSource
import BatonSupport
import BatonTestSupport
import Testing

/// A key written twice in one mapping of `baton.yml` (a configuration error) or `people.yml`
/// (a `people-file` diagnostic), and a document's `urgency:` that `sla:` does not declare (it
/// used to be ignored): each is reported with its file and line, and how to fix it.
@Suite struct ConfigurationLeftoversTests {
  static func check(_ git: GitFixture) throws -> Workflow.CheckResult {
    try Workflow.check(
      SourceOptions(repositoryPath: git.path, startDirectory: git.path), paths: [],
      today: RuleExample.today)
  }

  @Test func aKeyWrittenTwiceInBatonYmlIsAnErrorAtItsLine() throws {
    let git = try GitFixture()
    defer { git.cleanup() }
    try git.write(
      "baton.yml",
      """
      title: T
      kinds:
        note: { listing: page }
      collections:
        decisions: { path: decisions, kind: decision }
      kinds:
        memo: { listing: page }

      """)
    try git.write("decisions/0001-a.md", "---\nstatus: proposed\n---\n# A\n")
    try git.commit("Config")
    #expect {
      _ = try Self.check(git)
    } throws: { error in
      guard let error = error as? ConfigurationError else { return false }
      return error.path == "baton.yml" && error.line == 6 && error.column == 1
        && error.message.contains("duplicate key 'kinds' (first on line 2): keep one")
    }
  }

  @Test func aKeyWrittenTwiceInPeopleYmlIsAnErrorAtItsLine() {
    let (_, diagnostics) = People.parse(
      "people:\n  - handle: ada\n    timezone: UTC\n    timezone: Europe/Paris\n",
      path: "people.yml")
    #expect(diagnostics.map(\.ruleID) == ["people-file"])
    #expect(diagnostics.first?.location.line == 4)
    #expect(
      diagnostics.first?.message.contains("duplicate key 'timezone' (first on line 3)") == true)
  }

  @Test func anUndeclaredUrgencyIsAWarningAtItsLine() throws {
    let git = try GitFixture()
    defer { git.cleanup() }
    try git.write("baton.yml", "title: T\nsla: { urgent: 2h, standard: 1d }\n")
    try git.write(
      "decisions/0001-a.md",
      "---\nstatus: proposed\nowner: '@ada'\nurgency: asap\n---\n# A\n\n## Context\n\nx\n")
    try git.write(
      "decisions/0002-b.md",
      "---\nstatus: proposed\nowner: '@ada'\nurgency: URGENT\n---\n# B\n\n## Context\n\nx\n")
    try git.commit("Docs")
    let found = try Self.check(git).diagnostics.filter { $0.ruleID == "unknown-urgency" }
    #expect(found.map(\.location.path) == ["decisions/0001-a.md"])
    #expect(found.first?.location.line == 4)
    #expect(found.first?.severity == .warning)
    #expect(found.first?.message.contains("'standard', 'urgent'") == true)
  }
}
