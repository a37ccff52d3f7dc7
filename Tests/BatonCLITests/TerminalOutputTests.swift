import BatonTestSupport
import Foundation
import Testing

/// Control characters from file names, titles and messages never reach the terminal raw: every
/// human-readable output writes them out (`\x1b`), so an escape sequence in a file name cannot
/// recolour, retitle or clear the terminal, and a newline cannot forge a diagnostic line.
@Suite(.serialized) struct TerminalOutputTests {
  static let escape = "\u{1B}]0;pwned\u{7}\u{1B}[2J"

  /// Whether `text` holds a control character other than a newline.
  static func hasControl(_ text: String) -> Bool {
    text.unicodeScalars.contains {
      ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
    }
  }

  @Test func everyHumanOutputEscapesControlCharacters() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    let name = "decisions/0001-\(Self.escape)name.md"
    try fixture.write(
      name,
      "---\nstatus: proposed\nowner: \"@ada\"\nrespond-by: 2026-01-01\n---\n"
        + "# Title \(Self.escape) here\n\n## Context\n\nQuarantine \(Self.escape) text.\n\n"
        + "## Proposal\n\nDo it.\n\n## Call to Action\n\n@ada please review by 2026-01-01.\n")
    try fixture.commit("A decision with escapes")
    let runs: [[String]] = [
      ["check"], ["list", "decisions"], ["show", "1"], ["inbox", "@ada"],
      ["search", "quarantine"],
    ]
    for arguments in runs {
      let result = try BatonBinary.run(arguments, in: fixture.path)
      let output = result.standardOutput + result.standardError
      #expect(!Self.hasControl(output), "\(arguments): \(output.debugDescription)")
      #expect(output.contains("\\x1b"), "\(arguments): \(output)")
    }
  }

  @Test func aNewlineInAFileNameCannotForgeALine() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write(
      "decisions/0002-a\ndecisions/0003-fake.md:1:1: error: forged.md", "# Title\n")
    try fixture.commit("A file name with a newline")
    let result = try BatonBinary.run(["check"], in: fixture.path)
    #expect(!result.standardError.contains("\ndecisions/0003-fake.md:1:1"))
    #expect(result.standardError.contains("0002-a\\x0adecisions/0003-fake.md"))
  }
}
