import BatonTestSupport
import Foundation
import Testing

/// The machine reports CI systems read: SARIF valid against the official schema with UTF-16
/// columns, and fingerprints that stay put from one day (and one edit) to the next.
@Suite(.serialized) struct ReportFormatTests {
  /// A line whose link comes after characters of one, two and several UTF-16 units.
  static let accentedLine = "Café ☕ and 👩‍💻 see [the notes](nope.md) today."

  static let overdue =
    "---\nstatus: proposed\nowner: '@ada'\nrespond-by: 2026-05-01\n---\n# A\n\n## Context\nx\n\n"
    + "## Proposal\ny\n\n## Call to Action\n@grace, please review.\n\n" + accentedLine + "\n"

  static let stale =
    "---\nowner: '@ada'\nreview-by: 2026-04-01\n---\n# Rota\n\n## Summary\nAsk @nobody.\n"

  func repository() throws -> GitFixture {
    let fixture = try GitFixture()
    try fixture.write("decisions/0001-a.md", Self.overdue)
    try fixture.write("handbook/rota.md", Self.stale)
    try fixture.write("decisions/0002-binary.md", "# B\u{0}\u{1}")
    try fixture.write("baton.yml", "title: T\ncolour: blue\n")
    try fixture.commit("Documents")
    return fixture
  }

  func sarif(_ arguments: [String], in fixture: GitFixture) throws -> [String: Any] {
    let result = try BatonBinary.run(["check", "--format", "sarif"] + arguments, in: fixture.path)
    #expect(result.status == 1, "\(result.standardError)")
    let violations = try SARIFSchema.violations(result.standardOutput)
    #expect(violations.isEmpty, "\(violations)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
  }

  @Test func sarifIsValidAndCountsUTF16CodeUnits() throws {
    let fixture = try repository()
    defer { fixture.cleanup() }
    for arguments in [[], ["--rev", "HEAD"]] {
      let log = try sarif(arguments, in: fixture)
      let run = try #require((log["runs"] as? [[String: Any]])?.first)
      #expect(run["columnKind"] as? String == "utf16CodeUnits")
      let results = try #require(run["results"] as? [[String: Any]])
      let link = try #require(results.first { $0["ruleId"] as? String == "broken-link" })
      let region = try #require(
        ((link["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
          "region"] as? [String: Any])
      let line = Self.accentedLine
      let bracket = try #require(line.firstIndex(of: "["))
      #expect(region["startColumn"] as? Int == line[..<bracket].utf16.count + 1)
      #expect(region["startColumn"] as? Int != line[..<bracket].utf8.count + 1)
      let fingerprints = try #require(link["fingerprints"] as? [String: String])
      #expect(fingerprints["batonFinding/v1"]?.count == 16)
      #expect(link["baselineState"] == nil)
    }
  }

  @Test func sarifRulesHavePascalCaseNamesAndHelpLinks() throws {
    let fixture = try repository()
    defer { fixture.cleanup() }
    let log = try sarif([], in: fixture)
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    let rules = try #require(driver["rules"] as? [[String: Any]])
    let encoding = try #require(rules.first { $0["id"] as? String == "invalid-encoding" })
    #expect(encoding["name"] as? String == "InvalidEncoding")
    #expect(
      encoding["helpUri"] as? String
        == "https://baton.example/handbook/reference/rules/#invalid-encoding")
    for rule in rules {
      let name = try #require(rule["name"] as? String)
      #expect(name.first?.isUppercase == true && name.allSatisfy { $0.isLetter || $0.isNumber })
    }
  }

  func gitlab(_ today: String, in fixture: GitFixture) throws -> [[String: Any]] {
    let result = try BatonBinary.run(
      ["check", "--format", "gitlab", "--today", today], in: fixture.path)
    #expect(result.status == 1)
    return try #require(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
  }

  /// Fingerprints by rule and path, in report order.
  func fingerprints(_ issues: [[String: Any]]) -> [String] {
    issues.map {
      "\($0["check_name"] ?? "") \(($0["location"] as? [String: Any])?["path"] ?? "") "
        + "\($0["fingerprint"] ?? "")"
    }
  }

  @Test func gitlabFingerprintsHoldFromOneDayToTheNext() throws {
    let fixture = try repository()
    defer { fixture.cleanup() }
    let monday = try gitlab("2026-06-01", in: fixture)
    let tuesday = try gitlab("2026-06-02", in: fixture)
    let messages = { (issues: [[String: Any]]) in
      issues.filter { $0["check_name"] as? String == "call-to-action-overdue" }
        .compactMap { $0["description"] as? String }
    }
    // The day count in the message moves; the fingerprint does not.
    #expect(messages(monday) != messages(tuesday))
    #expect(messages(monday).count == 1)
    #expect(fingerprints(monday) == fingerprints(tuesday))
    #expect(Set(fingerprints(monday)).count == monday.count)
    #expect(monday.contains { $0["check_name"] as? String == "stale-page" })

    // Lines added above every finding move them, not their fingerprints.
    try fixture.write(
      "decisions/0001-a.md",
      Self.overdue.replacingOccurrences(
        of: "# A\n", with: "# A\n\nA new first paragraph.\n\nAnd another.\n"))
    try fixture.write(
      "handbook/rota.md",
      Self.stale.replacingOccurrences(
        of: "# Rota\n", with: "# Rota\n\nIntro.\n"))
    let edited = try gitlab("2026-06-02", in: fixture)
    #expect(fingerprints(edited) == fingerprints(tuesday))
    let lines = { (issues: [[String: Any]]) in
      issues.compactMap {
        (($0["location"] as? [String: Any])?["lines"] as? [String: Any])?["begin"] as? Int
      }
    }
    #expect(lines(edited) != lines(tuesday))
  }
}
