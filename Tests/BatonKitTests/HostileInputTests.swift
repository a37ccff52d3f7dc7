import Foundation
import Testing

@testable import BatonConfig
@testable import BatonDocuments
@testable import BatonReport
@testable import BatonSupport

/// Hostile content: YAML alias bombs and Markdown the parser reads in quadratic time are
/// refused with a diagnostic at their line, quickly, instead of exhausting memory or time.
@Suite struct HostileInputTests {
  static let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static func fixture(_ path: String) throws -> String {
    try String(contentsOf: fixtures.appendingPathComponent(path), encoding: .utf8)
  }

  func parse(_ path: String, _ bytes: [UInt8]) -> Document {
    let collection = Collection(name: "decisions", path: "decisions", kind: "decision")
    return DocumentParser(collection: collection, schema: .decision).parse(
      SourceFile(path: path, bytes: bytes))
  }

  // MARK: - YAML

  @Test func frontMatterAliasBombIsRefusedAtTheAlias() throws {
    let text = try Self.fixture("hostile-yaml/front-matter-bomb.md")
    let document = parse("decisions/0001-bomb.md", Array(text.utf8))
    let problem = try #require(
      document.problems.first {
        if case .frontMatterSyntax = $0 { true } else { false }
      })
    guard case .frontMatterSyntax(let message, let line, let column) = problem else { return }
    // Line 6 of the file holds `e: &e [*d, …]`: the first alias past the budget.
    #expect(line == 6)
    #expect(column == 8)
    #expect(message.contains("alias '*d' under 'e' stands for 7381 values"), "\(message)")
    #expect(document.title?.value == "Bomb")
  }

  @Test func configurationAliasBombNamesFileKeyAndLine() throws {
    let text = try Self.fixture("hostile-yaml/baton-bomb.yml")
    #expect {
      _ = try Configuration.parse(text, path: "baton.yml")
    } throws: { error in
      guard let error = error as? ConfigurationError else { return false }
      return error.path == "baton.yml" && error.line == 6
        && error.message.contains("alias '*d' under 'e'")
    }
  }

  @Test func peopleAliasBombIsAPeopleFileDiagnostic() throws {
    let text = try Self.fixture("hostile-yaml/people-bomb.yml")
    let (people, diagnostics) = People.parse(text, path: "people.yml")
    #expect(people.people.isEmpty)
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostic.ruleID == "people-file")
    #expect(diagnostic.location.line == 5)
    #expect(diagnostic.message.contains("alias '*d'"), "\(diagnostic.message)")
  }

  @Test(arguments: ["key-bomb.yml", "deep-nesting.yml", "block-nesting.yml"])
  func otherHostileYAMLIsRefused(name: String) throws {
    let text = try Self.fixture("hostile-yaml/" + name)
    #expect(throws: YAMLSyntaxError.self) { try YAMLValue.parse(text) }
  }

  /// Found by fuzzing (fuzz-front-matter): the fast path took a control character that libyaml
  /// rejects, so the two readers disagreed. The fast path now declines it.
  @Test func controlCharactersAreLeftToTheComposer() throws {
    let fixture = Self.fixtures.appendingPathComponent(
      "fuzz-regressions/front-matter-control-character")
    let yaml = String(decoding: try Data(contentsOf: fixture), as: UTF8.self)
    #expect(YAMLValue.parseSimpleMapping(yaml) == nil)
    #expect(throws: YAMLSyntaxError.self) { try YAMLValue.parse(yaml) }
    for text in ["a: b\u{12}c\n", "a: b\u{7F}\n", "a: b\u{85}c\u{9B}\n", "a: \u{FFFE}\n"] {
      #expect(YAMLValue.parseSimpleMapping(text) == nil, "\(text.debugDescription)")
    }
    #expect(YAMLValue.parseSimpleMapping("a: caf\u{E9} \u{2028}\n") == nil)
    #expect(YAMLValue.parseSimpleMapping("a: caf\u{E9}\n")?["a"]?.string == "caf\u{E9}")
  }

  /// Found by fuzzing (fuzz-front-matter): an empty value with spaces after its colon was placed
  /// after the spaces by the fast path and right after the colon by libyaml. Both now agree.
  @Test func anEmptyValueAfterSpacesSitsWhereTheComposerPutsIt() throws {
    let fixture = Self.fixtures.appendingPathComponent(
      "fuzz-regressions/front-matter-empty-value-after-space")
    let found = String(decoding: try Data(contentsOf: fixture), as: UTF8.self)
    for yaml in [found, "date: ", "date:   \n", "a: x\nb: \nc: y\n", "b:\n"] {
      let fast = try #require(YAMLValue.parseSimpleMapping(yaml), "\(yaml.debugDescription)")
      #expect(fast == (try YAMLValue.parse(yaml)), "\(yaml.debugDescription)")
    }
  }

  @Test func smallAliasesStillExpand() throws {
    let value = try #require(try YAMLValue.parse("team: &t [ada, grace]\ndeciders: *t\n"))
    #expect(value["deciders"]?.strings == ["ada", "grace"])
    #expect(value["deciders"]?.line == 1)
  }

  @Test func yamlErrorsKeepTheirPositions() {
    func error(_ text: String) -> YAMLSyntaxError? {
      do {
        _ = try YAMLValue.parse(text)
        return nil
      } catch {
        return error
      }
    }
    #expect(error("a: 1\na: 2\n").map { [$0.line, $0.column] } == [2, 1])
    #expect(error("a: 1\nb: *missing\n")?.line == 2)
    #expect(error("a: [1\nb: 2\n") != nil)
    // A control character is a reader error: at its own line and column, not line 1.
    let control = error("a: 1\nb: x\u{1}y\n")
    #expect(control.map { [$0.line, $0.column] } == [2, 5])
    #expect(error("--- a\n--- b\n")?.line == 2)
    #expect(error("? [a]\n: b\n")?.message.contains("single value") == true)
  }

  // MARK: - Markdown

  static let markdownCorpus: [String] = {
    let folder = fixtures.appendingPathComponent("hostile-markdown")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".md") }.sorted()
  }()

  @Test func theCorpusIsThere() {
    #expect(Self.markdownCorpus.count >= 30)
  }

  /// Each document is refused with a diagnostic or parsed, as its name says, and in bounded
  /// time: the limit is generous (a debug build on a busy machine); `Benchmarks/hostile.sh`
  /// measures the release binary against the bar of one second per 100 KB.
  @Test(arguments: markdownCorpus)
  func hostileMarkdownIsRefusedOrParsedQuickly(name: String) throws {
    let bytes = try Array(
      Data(contentsOf: Self.fixtures.appendingPathComponent("hostile-markdown/" + name)))
    let clock = ContinuousClock()
    let start = clock.now
    let document = parse("decisions/0001-hostile.md", bytes)
    let elapsed = clock.now - start
    let hazard = document.problems.first {
      if case .markdownHazard = $0 { true } else { false }
    }
    if name.hasPrefix("refused-") {
      #expect(hazard != nil)
      #expect(!document.hasText)
    } else {
      #expect(hazard == nil)
      #expect(document.hasText)
    }
    #expect(elapsed < .seconds(10 * max(1, bytes.count / 100_000)), "\(elapsed)")
  }

  @Test func theRefusalIsADiagnosticAtItsLine() throws {
    let body = "# Title\n\nSome text.\n\n" + String(repeating: "![[]()", count: 2_000) + "\n"
    let document = parse("decisions/0002-x.md", Array(("---\nstatus: accepted\n---\n" + body).utf8))
    #expect(document.status?.value == "accepted")
    #expect(
      document.problems.contains {
        if case .markdownHazard(let line, let message) = $0 {
          line == 8 && message.contains("split it with blank lines")
        } else {
          false
        }
      })
  }
}

/// Encoding problems are reported where they are, and terminal text is escaped.
@Suite struct EncodingAndTerminalTests {
  func parse(_ bytes: [UInt8]) -> Document {
    let collection = Collection(name: "decisions", path: "decisions", kind: "decision")
    return DocumentParser(collection: collection, schema: .decision).parse(
      SourceFile(path: "decisions/0001-x.md", bytes: bytes))
  }

  /// Sequences that look well formed by their lengths alone but are not UTF-8: a surrogate, an
  /// overlong form, a code point past U+10FFFF. Each is reported at its own line, not past the
  /// end of the file.
  @Test(
    arguments: [[0xED, 0xA0, 0x80], [0xE0, 0x80, 0xAF], [0xF4, 0x90, 0x80, 0x80]] as [[UInt8]])
  func invalidUTF8IsReportedAtItsLine(sequence: [UInt8]) {
    var bytes = Array((1...13).map { "line \($0)\n" }.joined().utf8)
    bytes += Array("ab".utf8) + sequence + Array("cd".utf8)
    let document = parse(bytes)
    #expect(document.problems == [.invalidUTF8(line: 14, column: 3)])
  }

  @Test func terminalTextWritesControlsOut() {
    #expect(TerminalText.escaped("plain — ☕") == "plain — ☕")
    #expect(TerminalText.escaped("a\u{1B}[31mb") == "a\\x1b[31mb")
    #expect(TerminalText.escaped("a\nb\tc\u{7F}") == "a\\x0ab\\x09c\\x7f")
    #expect(TerminalText.escaped("\u{9B}x\u{202E}y") == "\\u{9b}x\\u{202e}y")
  }

  @Test func theTextReportEscapesPathsAndMessages() {
    let diagnostic = Diagnostic(
      .error, "missing-title", "title '\u{1B}]0;x\u{7}' is missing",
      at: SourceLocation(path: "decisions/0001-\u{1B}[2J.md", line: 1, column: 1))
    let summary = CheckSummary(documents: 1, diagnostics: [diagnostic])
    for color in [false, true] {
      let text = TextReporter(color: color).render([diagnostic], summary: summary)
      #expect(text.contains("0001-\\x1b[2J.md:1:1:"))
      #expect(text.contains("title '\\x1b]0;x\\x07' is missing"))
      #expect(!text.contains("\u{7}"))
      #expect(!text.contains("\u{1B}[2J"))
    }
  }
}
