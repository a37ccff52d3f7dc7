import BatonChecks
import BatonSource
import BatonSupport
import BatonTestSupport
import Foundation
import Testing

/// `baton check --since REF`: only what a branch changed, and what that can break.
@Suite struct SinceScopeTests {
  static let today = Day(year: 2026, month: 11, day: 24) ?? Day.today()
  static let good = "---\nstatus: accepted\n---\n# Good\n\n## Context\nx\n\n## Proposal\ny\n"
  /// A legacy decision that breaks rules (no owner while proposed, no proposal).
  static let legacy = "---\nstatus: proposed\n---\n# Legacy\n\n## Context\nx\n"

  func check(_ fixture: GitFixture, since: String, revision: String? = nil) throws
    -> Workflow.CheckResult
  {
    let options = SourceOptions(
      repositoryPath: fixture.path, startDirectory: fixture.path, revision: revision,
      since: since)
    return try Workflow.check(options, paths: [], today: Self.today)
  }

  /// main: a legacy document, a target and a page linking to the target; branch `feature`.
  func repository() throws -> GitFixture {
    let fixture = try GitFixture()
    try fixture.write("decisions/0001-legacy.md", Self.legacy)
    try fixture.write("decisions/0002-target.md", Self.good)
    try fixture.write(
      "decisions/0003-linker.md", Self.good + "\nSee [the target](0002-target.md).\n")
    try fixture.write("decisions/0004-bystander.md", Self.good)
    try fixture.commit("Decision log")
    try fixture.branch("feature")
    try fixture.checkout("feature")
    return fixture
  }

  @Test func checksChangedDocumentsAndTheirBacklinksOnly() throws {
    let fixture = try repository()
    defer { fixture.cleanup() }
    try fixture.write("decisions/0002-target.md", Self.good + "\nAn edit.\n")
    try fixture.commit("Edit the target")
    let result = try check(fixture, since: "main")
    let scope = try #require(result.corpus.repository.scope)
    #expect(scope.changedPaths == ["decisions/0002-target.md"])
    #expect(result.documentsChecked == 2)
    #expect(result.diagnostics.allSatisfy { $0.location.path != "decisions/0001-legacy.md" })
    // Without --since the legacy document's problems show.
    let all = try Workflow.check(
      SourceOptions(repositoryPath: fixture.path, startDirectory: fixture.path), paths: [],
      today: Self.today)
    #expect(all.diagnostics.contains { $0.location.path == "decisions/0001-legacy.md" })
  }

  @Test func aChangedLegacyDocumentIsChecked() throws {
    let fixture = try repository()
    defer { fixture.cleanup() }
    try fixture.write("decisions/0001-legacy.md", Self.legacy + "\nTouched.\n")
    let result = try check(fixture, since: "main")
    #expect(result.documentsChecked == 1)
    #expect(result.diagnostics.contains { $0.location.path == "decisions/0001-legacy.md" })
  }

  @Test func deletingALinkedDocumentChecksTheDocumentsLinkingToIt() throws {
    let fixture = try repository()
    defer { fixture.cleanup() }
    try fixture.remove("decisions/0002-target.md")
    try fixture.commit("Remove the target")
    let result = try check(fixture, since: "main")
    #expect(result.corpus.repository.scope?.removedPaths == ["decisions/0002-target.md"])
    #expect(
      result.diagnostics.contains {
        $0.location.path == "decisions/0003-linker.md" && $0.ruleID == "broken-link"
      })
    #expect(result.documentsChecked == 1)
  }

  @Test func comparesWithTheMergeBaseNotTheTipOfTheReference() throws {
    let fixture = try repository()
    defer { fixture.cleanup() }
    try fixture.checkout("main")
    try fixture.write("decisions/0004-bystander.md", Self.good + "\nChanged on main.\n")
    try fixture.commit("Main moves on")
    try fixture.checkout("feature")
    try fixture.write("decisions/0005-new.md", Self.good)
    try fixture.commit("New decision")
    let scope = try #require(try check(fixture, since: "main").corpus.repository.scope)
    #expect(scope.changedPaths == ["decisions/0005-new.md"])
    #expect(scope.addedPaths == ["decisions/0005-new.md"])
  }

  @Test func aNumberTakenOnTheReferenceIsAnError() throws {
    let fixture = try repository()
    defer { fixture.cleanup() }
    try fixture.checkout("main")
    try fixture.write("decisions/0005-use-kafka.md", Self.good)
    try fixture.commit("Kafka on main")
    try fixture.checkout("feature")
    try fixture.write("decisions/0005-use-redis.md", Self.good)
    try fixture.commit("Redis on the branch")
    let result = try check(fixture, since: "main")
    let finding = try #require(
      result.diagnostics.first { $0.ruleID == "number-taken-on-base" })
    #expect(finding.severity == .error)
    #expect(finding.location.path == "decisions/0005-use-redis.md")
    #expect(finding.message.contains("'decisions/0005-use-kafka.md'"))
    #expect(finding.message.contains("6 is free"))
    // duplicate-id cannot see it: the checked tree has one 0005.
    #expect(!result.diagnostics.contains { $0.ruleID == "duplicate-id" })
    // A free number is fine.
    try fixture.move("decisions/0005-use-redis.md", to: "decisions/0006-use-redis.md")
    try fixture.commit("Renumber")
    #expect(
      !(try check(fixture, since: "main")).diagnostics.contains {
        $0.ruleID == "number-taken-on-base"
      })
  }

  @Test func anUnknownReferenceFailsWithAFix() throws {
    let fixture = try repository()
    defer { fixture.cleanup() }
    #expect {
      _ = try check(fixture, since: "origin/main")
    } throws: { error in
      (error as? SourceError)?.message.contains("git fetch") ?? false
    }
  }
}
