import BatonTestSupport
import Foundation
import Testing

@testable import BatonChecks
@testable import BatonConfig
@testable import BatonCorpus
@testable import BatonDocuments
@testable import BatonReport
@testable import BatonSupport

@Suite struct ReporterTests {
  let diagnostics = [
    Diagnostic(
      .error, "broken-link", "link target 'x.md' does not exist",
      at: SourceLocation(path: "a.md", line: 3, column: 5)),
    Diagnostic(
      .warning, "stale-page", "page was due, re: \"x\"",
      at: SourceLocation(path: "b, c.md", line: 1, column: 1)),
    Diagnostic(.error, "file-too-large", "too large", at: SourceLocation(path: "big.md")),
  ]

  var summary: CheckSummary { CheckSummary(documents: 3, diagnostics: diagnostics) }

  /// Strings that exercise every escape: every control character, quotes, backslashes,
  /// slashes, DEL, the line and paragraph separators, combining marks, emoji.
  static let hostileStrings: [String] = [
    "", "plain", "say \"hi\" \\ back/slash", String((0..<32).map { Character(UnicodeScalar($0)) }),
    "del \u{7F} ls \u{2028} ps \u{2029}", "Tomás e\u{301} 数据库 👩‍💻", "</script><!--",
  ]

  /// `documents.json` and `list --format json` are written by hand; they must stay what
  /// `JSONEncoder` wrote for the same records, on every field and escape.
  @Test func documentRecordsWrittenByHandMatchTheEncoder() {
    let parser = DocumentParser(
      collection: Collection(name: "decisions", path: "decisions", kind: "decision"),
      schema: .decision)
    var records: [DocumentRecord] = []
    for (index, text) in Self.hostileStrings.enumerated() {
      let file = SourceFile(
        path: "decisions/\(String(format: "%04d", 40 - index))-x.md",
        bytes: Array("---\nstatus: accepted\n---\n# A\n".utf8))
      var record = DocumentRecord(parser.parse(file), schema: .decision)
      record.title = text
      record.tags = index % 2 == 0 ? [] : [text, "b"]
      record.owner = index % 3 == 0 ? nil : text
      if index % 2 == 1 {
        let event = DocumentHistory.Event(
          commit: String(repeating: "a", count: 40), authorName: text, authorEmail: text + "@x",
          date: Date(timeIntervalSince1970: Double(index) * 86_400), timeZoneOffsetMinutes: 90,
          subject: text)
        record.created = DocumentRecord.Event(event)
        record.updated = index == 3 ? nil : DocumentRecord.Event(event)
        record.authors =
          index == 5 ? [] : [DocumentRecord.Author(name: text, email: "e", commits: 3)]
        record.commits = index
        record.draft = index == 1
        record.statusHistory = [
          DocumentRecord.StatusEvent(status: text, commit: "c", author: text, date: "d")
        ]
      }
      records.append(record)
    }
    for count in [0, 1, records.count] {
      let some = Array(records.prefix(count))
      #expect(
        DocumentRecord.json(some) == JSONOutput.encode(some.sorted { $0.path < $1.path }),
        "\(count) records")
    }
  }

  @Test func jsonIsTheDocumentedContract() throws {
    let text = JSONReporter().render(diagnostics, summary: summary)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["version"] as? Int == 1)
    #expect(object["documents"] as? Int == 3)
    let entries = try #require(object["diagnostics"] as? [[String: Any]])
    #expect(entries.count == 3)
    #expect(
      Set(entries[0].keys) == [
        "rule", "severity", "path", "line", "column", "message", "fingerprint",
      ])
    #expect(entries[0]["rule"] as? String == "broken-link")
    #expect(entries[0]["line"] as? Int == 3)
  }

  @Test func sarifHasRulesAndRegions() throws {
    let text = SARIFReporter(toolVersion: "1.0").render(diagnostics, rules: Checker.descriptions)
    let log = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(log["version"] as? String == "2.1.0")
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    let rules = try #require(driver["rules"] as? [[String: Any]])
    #expect(rules.count == Checker.allRules.count)
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == 3)
    for result in results {
      let index = try #require(result["ruleIndex"] as? Int)
      #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
    }
    let location = try #require((results[1]["locations"] as? [[String: Any]])?.first)
    let physical = try #require(location["physicalLocation"] as? [String: Any])
    #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "b,%20c.md")
    let whole = try #require(
      (results[2]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
    #expect(whole["region"] == nil)
    #expect(try SARIFSchema.violations(text).isEmpty)
  }

  @Test func sarifOfHostileTextIsValid() throws {
    let hostile = Self.hostileStrings.enumerated().map { index, text in
      Diagnostic(
        .note, "no-such-rule", text,
        at: SourceLocation(
          path: "a b/\(text.isEmpty ? "x" : "é#?").md", line: index, column: index),
        subject: text)
    }
    let text = SARIFReporter(toolVersion: "1.0", comparedWithBaseline: true).render(
      diagnostics + hostile, rules: Checker.descriptions)
    #expect(try SARIFSchema.violations(text).isEmpty)
    #expect(text.contains("\"baselineState\" : \"new\""))
  }

  @Test func utf16ColumnsCountFromTheLineText() {
    let text = "# T\nCafé ☕ 👩‍💻 [x](y)\nab\n"
    let lines = SourceLines(files: [
      "a.md": Array(text.utf8), "bad.md": [0x61, 0xFF, 0x62, 0x63],
    ])
    let line = "Café ☕ 👩‍💻 [x](y)"
    let bracket =
      line.utf8.firstIndex(of: UInt8(ascii: "[")).map {
        line.utf8.distance(from: line.utf8.startIndex, to: $0)
      } ?? 0
    #expect(lines.utf16Column(SourceLocation(path: "a.md", line: 2, column: bracket + 1)) == 14)
    #expect(lines.utf16Column(SourceLocation(path: "a.md", line: 3, column: 2)) == 2)
    // Past the end of the line, and a file that is not at hand: counted as they are.
    #expect(lines.utf16Column(SourceLocation(path: "a.md", line: 3, column: 5)) == 5)
    #expect(lines.utf16Column(SourceLocation(path: "other.md", line: 2, column: 9)) == 9)
    // Invalid UTF-8: the bad byte is one replacement character.
    #expect(lines.utf16Column(SourceLocation(path: "bad.md", line: 1, column: 3)) == 3)
    #expect(lines.utf16Column(SourceLocation(path: "a.md", line: 9, column: 4)) == 4)
  }

  @Test func sarifNamesRulesInPascalCase() {
    #expect(SARIFReporter.pascalCase("call-to-action-overdue") == "CallToActionOverdue")
    #expect(SARIFReporter.pascalCase("invalid-encoding") == "InvalidEncoding")
  }

  @Test func githubLimitsAnnotationsAndEscapes() {
    var many: [Diagnostic] = []
    for index in 1...25 {
      many.append(
        Diagnostic(
          .error, "broken-link", "bad\nlink 100%",
          at: SourceLocation(path: "a.md", line: index, column: 1)))
    }
    many.append(
      Diagnostic(
        .warning, "stale-page", "old \u{1B}[2J",
        at: SourceLocation(path: "p:q.md", line: 1, column: 1)))
    let text = GitHubReporter().render(many, summary: CheckSummary(documents: 2, diagnostics: many))
    let lines = text.split(separator: "\n")
    #expect(lines.count { $0.hasPrefix("::error ") } == 10)
    #expect(lines.count { $0.hasPrefix("::warning ") } == 1)
    #expect(lines.contains { $0.contains("file=p%3Aq.md") && $0.hasSuffix("::old \\x1b[2J") })
    #expect(!text.contains("\u{1B}"))
    #expect(lines.first?.hasSuffix("::bad%0Alink 100%25") == true)
    #expect(lines.last?.contains("15 more not annotated") == true)
  }

  @Test func githubStepSummaryListsEverything() {
    let markdown = GitHubReporter().stepSummary(diagnostics, summary: summary)
    #expect(markdown.contains("2 errors, 1 warning in 3 documents"))
    #expect(
      markdown.split(separator: "\n").count { $0.hasPrefix("| ❌") || $0.hasPrefix("| ⚠️") } == 3)
  }

  @Test func fingerprintsIgnoreLinesAndMessages() {
    var first = [
      Diagnostic(
        .warning, "call-to-action-overdue", "due 2026-05-01 (3 days ago)",
        at: SourceLocation(path: "a.md", line: 9, column: 4), subject: "2026-05-01"),
      Diagnostic(
        .error, "unknown-handle", "'@x' is not known", at: SourceLocation(path: "a.md", line: 12),
        subject: "@x"),
      Diagnostic(
        .error, "unknown-handle", "'@x' is not known", at: SourceLocation(path: "a.md", line: 14),
        subject: "@x"),
    ]
    var later = first.map { diagnostic in
      var moved = diagnostic
      moved.location.line += 5
      moved.message = moved.message.replacingOccurrences(of: "3 days", with: "4 days")
      return moved
    }
    Diagnostic.assignFingerprints(&first)
    Diagnostic.assignFingerprints(&later)
    #expect(first.map(\.fingerprint) == later.map(\.fingerprint))
    #expect(Set(first.map(\.fingerprint)).count == 3)
    var renamed = first
    renamed[0].fingerprint = ""
    renamed[0].subject = "2026-05-08"
    Diagnostic.assignFingerprints(&renamed)
    #expect(renamed[0].fingerprint != first[0].fingerprint)
  }

  @Test func gitlabFingerprintsAreUniqueAndStable() throws {
    let twice = diagnostics + [diagnostics[0]]
    let text = GitLabReporter().render(twice)
    let issues = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    let fingerprints = issues.compactMap { $0["fingerprint"] as? String }
    #expect(Set(fingerprints).count == 4)
    #expect(GitLabReporter().render(twice) == text)
    #expect(issues[0]["severity"] as? String == "major")
  }

  @Test func textIsCompilerStyleAndColourOptional() {
    let plain = TextReporter(color: false).render(diagnostics, summary: summary)
    #expect(plain.contains("a.md:3:5: error: link target 'x.md' does not exist [broken-link]\n"))
    #expect(plain.contains("big.md: error: too large [file-too-large]"))
    #expect(!plain.contains("\u{1B}["))
    #expect(
      TextReporter(color: true).render(diagnostics, summary: summary).contains("\u{1B}[1;31m"))
  }
}
