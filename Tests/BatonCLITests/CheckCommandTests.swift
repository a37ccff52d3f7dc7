import BatonTestSupport
import Foundation
import Testing

@Suite(.serialized) struct CheckCommandTests {
  static let good = "---\nstatus: accepted\n---\n# Good\n\n## Context\nx\n\n## Proposal\ny\n"
  static let bad = "---\nstatus: proposed\n---\n# Bad\n\n## Context\nx\n"

  func repository(_ files: [String: String]) throws -> GitFixture {
    let fixture = try GitFixture()
    for (path, text) in files { try fixture.write(path, text) }
    try fixture.commit("Documents")
    return fixture
  }

  @Test func cleanRepositoryExitsZero() throws {
    let fixture = try repository(["decisions/0001-good.md": Self.good])
    defer { fixture.cleanup() }
    let result = try BatonBinary.run(["check"], in: fixture.path)
    #expect(result.status == 0)
    #expect(result.standardError.contains("0 errors, 0 warnings in 1 document"))
    #expect(result.standardOutput.isEmpty)
  }

  @Test func errorsExitOneWithCompilerStyleLines() throws {
    let fixture = try repository([
      "decisions/0001-good.md": Self.good, "decisions/0002-bad.md": Self.bad,
    ])
    defer { fixture.cleanup() }
    let result = try BatonBinary.run(["check"], in: fixture.path)
    #expect(result.status == 1)
    #expect(
      result.standardError.contains(
        "decisions/0002-bad.md:1:1: error: decision needs a 'Proposal' section")
        || result.standardError.contains("decisions/0002-bad.md:"))
    #expect(result.standardError.contains("[missing-owner]"))
    #expect(!result.standardError.contains("\u{1B}["))
  }

  @Test func warningsFailOnlyWithStrict() throws {
    let fixture = try repository([
      "decisions/0001-nostatus.md": "# A\n\n## Context\nx\n\n## Proposal\ny\n"
    ])
    defer { fixture.cleanup() }
    #expect(try BatonBinary.run(["check"], in: fixture.path).status == 0)
    #expect(try BatonBinary.run(["check", "--strict"], in: fixture.path).status == 1)
  }

  @Test func jsonReportParsesBack() throws {
    let fixture = try repository([
      "decisions/0001-good.md": Self.good, "decisions/0002-bad.md": Self.bad,
    ])
    defer { fixture.cleanup() }
    let result = try BatonBinary.run(["check", "--format", "json"], in: fixture.path)
    #expect(result.status == 1)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    #expect(object["documents"] as? Int == 2)
    let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
    #expect(!diagnostics.isEmpty)
    #expect(diagnostics.allSatisfy { $0["path"] as? String == "decisions/0002-bad.md" })
    let lines = diagnostics.compactMap { $0["line"] as? Int }
    #expect(lines == lines.sorted())
  }

  @Test func sarifToAFile() throws {
    let fixture = try repository(["decisions/0002-bad.md": Self.bad])
    defer { fixture.cleanup() }
    let result = try BatonBinary.run(
      ["check", "--format", "sarif", "--output", "out.sarif"], in: fixture.path)
    #expect(result.status == 1)
    let data = try Data(contentsOf: URL(fileURLWithPath: fixture.path + "/out.sarif"))
    let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(log["version"] as? String == "2.1.0")
    #expect(try SARIFSchema.violations(String(decoding: data, as: UTF8.self)).isEmpty)
  }

  @Test func githubFormatWritesTheStepSummary() throws {
    let fixture = try repository(["decisions/0002-bad.md": Self.bad])
    defer { fixture.cleanup() }
    let summary = fixture.path + "/summary.md"
    let result = try BatonBinary.run(
      ["check", "--format", "github"], in: fixture.path,
      environment: ["GITHUB_STEP_SUMMARY": summary])
    #expect(result.standardOutput.contains("::error file=decisions/0002-bad.md,line="))
    #expect(try String(contentsOfFile: summary, encoding: .utf8).contains("| ❌ |"))
  }

  @Test func pathsNarrowTheCheck() throws {
    let fixture = try repository([
      "decisions/0002-bad.md": Self.bad,
      "handbook/a.md": "---\nowner: '@a'\n---\n# A\n\n## Summary\nok\n",
    ])
    defer { fixture.cleanup() }
    let result = try BatonBinary.run(["check", "handbook"], in: fixture.path)
    #expect(result.status == 0)
    #expect(result.standardError.contains("in 1 document"))
  }

  @Test func toolFailuresExitTwoAndUsageSixtyFour() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "baton-nogit-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outside = try BatonBinary.run(["check"], in: folder.path)
    #expect(outside.status == 2)
    #expect(outside.standardError.contains("not inside a git repository"))
    let fixture = try repository(["decisions/0001-good.md": Self.good])
    defer { fixture.cleanup() }
    #expect(try BatonBinary.run(["check", "--format", "xml"], in: fixture.path).status == 64)
    #expect(try BatonBinary.run(["check", "--rev", "nope"], in: fixture.path).status == 2)
    try fixture.write("baton.yml", "collections: [\n")
    let broken = try BatonBinary.run(["check"], in: fixture.path)
    #expect(broken.status == 2)
    #expect(broken.standardError.contains("baton.yml:"))
  }
}
