import Foundation
import Testing

@testable import BatonReport
@testable import BatonSupport

/// The baseline as a library: what `baton init` calls to record an adopted log's findings.
@Suite struct BaselineLibraryTests {
  func diagnostic(_ rule: String, _ path: String, line: Int, subject: String = "") -> Diagnostic {
    Diagnostic(
      .error, rule, "\(rule) at \(line)", at: SourceLocation(path: path, line: line, column: 1),
      subject: subject)
  }

  var findings: [Diagnostic] {
    [
      diagnostic("unknown-handle", "b.md", line: 3, subject: "@x"),
      diagnostic("required-section", "a.md", line: 9, subject: "Proposal"),
      diagnostic("unknown-handle", "b.md", line: 5, subject: "@x"),
      diagnostic("missing-title", "a.md", line: 1),
    ]
  }

  @Test func makeEncodeDecodeRoundTrips() throws {
    let baseline = Baseline.make(from: findings)
    #expect(baseline.entries.map(\.path) == ["a.md", "a.md", "b.md", "b.md"])
    #expect(
      baseline.entries.map(\.rule) == [
        "missing-title", "required-section", "unknown-handle", "unknown-handle",
      ])
    #expect(Set(baseline.entries.map(\.fingerprint)).count == 4)
    let text = baseline.encode()
    #expect(text.hasSuffix("}\n"))
    #expect(try Baseline.decode(Array(text.utf8), path: "x.json") == baseline)
    #expect(Baseline.make(from: findings.reversed()).encode() == text)
    #expect(throws: BaselineError.self) { try Baseline.decode(Array("[]".utf8), path: "x") }
  }

  @Test func theFileHasAFindingPerLine() throws {
    let empty = Baseline().encode()
    #expect(try Baseline.decode(Array(empty.utf8), path: "x").entries.isEmpty)
    let hostile = [
      diagnostic("unknown-status", "a \"b\".md", line: 2, subject: "line\nbreak \\ \"q\" é/👩‍💻"),
      diagnostic("broken-link", "a.md", line: 3, subject: "../x.md#y"),
    ]
    let baseline = Baseline.make(from: hostile)
    let text = baseline.encode()
    let lines = text.split(separator: "\n")
    #expect(lines.count == 7)
    #expect(lines.filter { $0.hasPrefix("    {") }.count == 2)
    #expect(text.contains("\"subject\":\"../x.md#y\""))
    #expect(try Baseline.decode(Array(text.utf8), path: "x") == baseline)
  }

  @Test func applyHidesKnownAndReportsFixedOnlyWhereJudged() {
    let baseline = Baseline.make(from: findings)
    // Lines moved, messages changed, one '@x' gone, a new finding in a.md.
    var today = [
      diagnostic("required-section", "a.md", line: 12, subject: "Proposal"),
      diagnostic("missing-title", "a.md", line: 1),
      diagnostic("broken-link", "a.md", line: 14, subject: "c.md"),
      diagnostic("unknown-handle", "b.md", line: 7, subject: "@x"),
    ].sorted()
    today[0].message = "changed"
    let everything = baseline.apply(to: today, judged: { _ in true })
    #expect(everything.kept.map(\.ruleID) == ["broken-link"])
    #expect(everything.hidden == 3)
    #expect(everything.fixed.map(\.path) == ["b.md"])
    let onlyA = baseline.apply(to: today.filter { $0.location.path == "a.md" }) { $0 == "a.md" }
    #expect(onlyA.fixed.isEmpty)
    let replaced = baseline.replacing(
      with: today.filter { $0.location.path == "a.md" }, judged: { $0 == "a.md" })
    #expect(replaced.entries.count == 5)
    #expect(
      replaced.entries.filter { $0.path == "b.md" } == baseline.entries.filter { $0.path == "b.md" }
    )
  }
}
