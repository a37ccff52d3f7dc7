import BatonTestSupport
import Foundation
import Testing

/// `baton check --write-baseline` and the baseline it writes: known findings hidden, new ones
/// failing, fixed ones reported, in every report format.
@Suite(.serialized) struct BaselineTests {
  /// A legacy decision: no Proposal, an overdue call to action, an unknown handle twice, and
  /// (past its date with no objection, under lazy consensus) ready to accept.
  static let legacy =
    "---\nstatus: proposed\nowner: '@ada'\nrespond-by: 2026-05-01\n---\n# Legacy\n\n"
    + "## Context\nAsk @nobody, then @nobody again.\n\n## Call to Action\n@grace, review.\n"
  /// A second legacy record with no status and no proposal.
  static let bare = "# Bare\n\n## Context\nx\n"
  static let good = "---\nstatus: accepted\n---\n# Good\n\n## Context\nx\n\n## Proposal\ny\n"
  static let people = "people:\n  - handle: ada\n  - handle: grace\n"

  func legacyRepository() throws -> GitFixture {
    let fixture = try GitFixture()
    try fixture.write("decisions/0001-legacy.md", Self.legacy)
    try fixture.write("decisions/0002-bare.md", Self.bare)
    try fixture.write("people.yml", Self.people)
    try fixture.write("baton.yml", "people: people.yml\n")
    try fixture.commit("A legacy log")
    return fixture
  }

  func check(_ arguments: [String], in fixture: GitFixture, today: String = "2026-06-01") throws
    -> BatonBinary.Result
  {
    try BatonBinary.run(["check", "--today", today] + arguments, in: fixture.path)
  }

  func baselineEntries(_ fixture: GitFixture, _ file: String = ".baton-baseline.json") throws
    -> [[String: String]]
  {
    let data = try Data(contentsOf: URL(fileURLWithPath: fixture.path + "/" + file))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["version"] as? Int == 1)
    return try #require(object["findings"] as? [[String: String]])
  }

  @Test func writeBaselineTakesAnAttachedFile() throws {
    let fixture = try legacyRepository()
    defer { fixture.cleanup() }
    let written = try check(["--write-baseline=known.json"], in: fixture)
    #expect(written.status == 0, "\(written.standardError)")
    #expect(try baselineEntries(fixture, "known.json").count == 7)
    #expect(!FileManager.default.fileExists(atPath: fixture.path + "/.baton-baseline.json"))
    #expect(try check(["--baseline", "known.json"], in: fixture).status == 0)
    // A path to check after the flag stays a path, not a file name.
    let narrowed = try check(["--write-baseline=k2.json", "decisions/0002-bare.md"], in: fixture)
    #expect(narrowed.status == 0, "\(narrowed.standardError)")
    #expect(
      try baselineEntries(fixture, "k2.json").allSatisfy { $0["path"] == "decisions/0002-bare.md" })
  }

  @Test func knownFindingsAreHiddenAndNewOnesFail() throws {
    let fixture = try legacyRepository()
    defer { fixture.cleanup() }
    let before = try check([], in: fixture)
    #expect(before.status == 1)

    let written = try check(["--write-baseline"], in: fixture)
    #expect(written.status == 0, "\(written.standardError)")
    #expect(
      written.standardError.contains("wrote 7 findings to the baseline '.baton-baseline.json'"))
    let entries = try baselineEntries(fixture)
    #expect(entries.count == 7)
    let keys = entries.map { [$0["path"] ?? "", $0["rule"] ?? "", $0["subject"] ?? ""] }
    #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) })
    #expect(keys.contains(["decisions/0001-legacy.md", "required-section", "Proposal"]))
    #expect(keys.contains(["decisions/0001-legacy.md", "unknown-handle", "@nobody"]))
    // Written again, the file is byte for byte the same.
    let text = try String(contentsOfFile: fixture.path + "/.baton-baseline.json", encoding: .utf8)
    #expect(try check(["--write-baseline"], in: fixture, today: "2026-06-20").status == 0)
    #expect(
      try String(contentsOfFile: fixture.path + "/.baton-baseline.json", encoding: .utf8) == text)
    try fixture.commit("Baseline")

    // Days later, and after lines added above every finding, all are still known.
    try fixture.write(
      "decisions/0001-legacy.md",
      Self.legacy.replacingOccurrences(of: "# Legacy\n", with: "# Legacy\n\nA note.\n\nMore.\n"))
    try fixture.write("decisions/0002-bare.md", "# Bare\n\nIntro.\n\n## Context\nx\n")
    let later = try check([], in: fixture, today: "2026-07-15")
    #expect(later.status == 0, "\(later.standardError)")
    #expect(later.standardError.contains("7 known findings hidden by the baseline"))
    #expect(!later.standardError.contains("no longer"))

    // A new finding in a known document, and a new document, fail.
    try fixture.write(
      "decisions/0001-legacy.md", Self.legacy + "\nAlso ask @someoneelse.\n")
    try fixture.write("decisions/0003-new.md", Self.bare)
    let new = try check([], in: fixture)
    #expect(new.status == 1)
    #expect(new.standardError.contains("'@someoneelse' is not in"))
    #expect(new.standardError.contains("decisions/0003-new.md:"))
    #expect(!new.standardError.contains("'@nobody'"))
    #expect(!new.standardError.contains("decisions/0002-bare.md:"))
    // --no-baseline shows everything again.
    let all = try check(["--no-baseline"], in: fixture)
    #expect(all.standardError.contains("'@nobody'"))
    #expect(!all.standardError.contains("hidden by the baseline"))
  }

  @Test func fixedEntriesAreReportedWithTheCommandThatShrinksTheBaseline() throws {
    let fixture = try legacyRepository()
    defer { fixture.cleanup() }
    #expect(try check(["--write-baseline"], in: fixture).status == 0)
    try fixture.write("decisions/0002-bare.md", Self.good)
    let fixed = try check([], in: fixture)
    #expect(fixed.status == 0)
    #expect(
      fixed.standardError.contains(
        "2 findings of the baseline '.baton-baseline.json' no longer occur: "
          + "run 'baton check --write-baseline' to drop them"))
    #expect(
      fixed.standardError.contains("fixed: decisions/0002-bare.md: required-section 'Proposal'"))
    #expect(fixed.standardError.contains("fixed: decisions/0002-bare.md: missing-status"))
    #expect(try check(["--write-baseline"], in: fixture).status == 0)
    #expect(try baselineEntries(fixture).count == 5)
    #expect(!(try check([], in: fixture)).standardError.contains("no longer"))
  }

  @Test func aConfiguredBaselineCombinesWithSince() throws {
    let fixture = try legacyRepository()
    defer { fixture.cleanup() }
    try fixture.write("baton.yml", "people: people.yml\nbaseline: known-findings.json\n")
    #expect(try check(["--write-baseline"], in: fixture).status == 0)
    #expect(try baselineEntries(fixture, "known-findings.json").count == 7)
    #expect(!FileManager.default.fileExists(atPath: fixture.path + "/.baton-baseline.json"))
    try fixture.commit("Baseline")
    try fixture.branch("change")
    try fixture.checkout("change")
    // The branch touches a legacy document (its known findings stay hidden) and adds a broken
    // one; the untouched legacy document is neither checked nor reported as fixed.
    try fixture.write("decisions/0001-legacy.md", Self.legacy + "\nMore context.\n")
    try fixture.write("decisions/0003-new.md", Self.bare)
    try fixture.commit("Change")
    let since = try check(["--since", "main"], in: fixture)
    #expect(since.status == 1)
    #expect(since.standardError.contains("in 2 documents; 5 known findings hidden by the baseline"))
    #expect(since.standardError.contains("decisions/0003-new.md:"))
    #expect(!since.standardError.contains("decisions/0001-legacy.md:"))
    #expect(!since.standardError.contains("no longer"))
    // Written with --since, the baseline keeps the entries of the paths it did not check.
    #expect(try check(["--since", "main", "--write-baseline"], in: fixture).status == 0)
    let entries = try baselineEntries(fixture, "known-findings.json")
    #expect(entries.count == 9)
    #expect(entries.contains { $0["path"] == "decisions/0002-bare.md" })
    // Read from the revision being checked too.
    #expect(try check(["--rev", "main"], in: fixture).status == 0)
  }

  @Test func reportsMarkNothingFromTheBaselineAsNew() throws {
    let fixture = try legacyRepository()
    defer { fixture.cleanup() }
    #expect(try check(["--write-baseline"], in: fixture).status == 0)
    let known = Set(try baselineEntries(fixture).compactMap { $0["fingerprint"] })
    try fixture.write("decisions/0003-new.md", Self.bare)

    let json = try check(["--format", "json"], in: fixture)
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.count == 2)
    #expect(diagnostics.allSatisfy { $0["baselineState"] as? String == "new" })
    #expect(diagnostics.allSatisfy { !known.contains($0["fingerprint"] as? String ?? "") })
    let baseline = try #require(report["baseline"] as? [String: Any])
    #expect(baseline["hidden"] as? Int == 7)
    #expect(baseline["file"] as? String == ".baton-baseline.json")

    let sarif = try check(["--format", "sarif"], in: fixture)
    #expect(try SARIFSchema.violations(sarif.standardOutput).isEmpty)
    let log = try #require(
      try JSONSerialization.jsonObject(with: Data(sarif.standardOutput.utf8)) as? [String: Any])
    let results = try #require(
      (log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
    #expect(results.count == 2)
    for result in results {
      #expect(result["baselineState"] as? String == "new")
      let fingerprint = (result["fingerprints"] as? [String: String])?["batonFinding/v1"]
      #expect(!known.contains(fingerprint ?? ""))
    }

    let gitlab = try check(["--format", "gitlab"], in: fixture)
    let issues = try #require(
      try JSONSerialization.jsonObject(with: Data(gitlab.standardOutput.utf8)) as? [[String: Any]])
    #expect(issues.count == 2)
    #expect(issues.allSatisfy { !known.contains($0["fingerprint"] as? String ?? "") })
    #expect(gitlab.standardError.isEmpty || !gitlab.standardError.contains("error:"))
  }

  @Test func unusableBaselinesFailTheTool() throws {
    let fixture = try legacyRepository()
    defer { fixture.cleanup() }
    let missing = try check(["--baseline", "nope.json"], in: fixture)
    #expect(missing.status == 2)
    #expect(missing.standardError.contains("nope.json: the baseline does not exist"))
    try fixture.write("broken.json", "{ not json")
    let broken = try check(["--baseline", "broken.json"], in: fixture)
    #expect(broken.status == 2)
    #expect(broken.standardError.contains("broken.json: not a baseline"))
    try fixture.write("baton.yml", "baseline: gone.json\n")
    let configured = try check([], in: fixture)
    #expect(configured.status == 2)
    #expect(configured.standardError.contains("gone.json: the baseline does not exist"))
    #expect(try check(["--write-baseline", "--rev", "HEAD"], in: fixture).status == 64)
    #expect(try check(["--write-baseline", "--no-baseline"], in: fixture).status == 64)
    // A file named on the command line is written there and named in the shrink command.
    #expect(try check(["--baseline", "mine.json", "--write-baseline"], in: fixture).status == 0)
    try fixture.write("decisions/0002-bare.md", Self.good)
    let fixed = try check(["--baseline", "mine.json"], in: fixture)
    #expect(
      fixed.standardError.contains("run 'baton check --baseline 'mine.json' --write-baseline'"))
  }
}
