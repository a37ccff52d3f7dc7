import BatonConfig
import BatonDocuments
import Testing

/// The status read from an older version (for timelines) is the status `parse` reads.
@Suite struct VersionStatusTests {
  static let versions: [String] = [
    "---\nstatus: Accepted\n---\n# A\n## Context\nx\n",
    "---\nstatus: proposed\n---\n# A\n\n## Status\n\nAccepted\n",
    "# 1. A\n\nDate: 2024-01-01\n\n## Status\n\nSuperseded by [2](0002-b.md)\n\n## Context\nx\n",
    "# A\n\n- Status: rejected\n- Deciders: ada\n\n## Context\nx\n",
    "---\ntitle: A\n---\n# A\n\n## Status\n\nDeprecated\n",
    "---\nstatus: [broken\n---\n# A\n",
    "# A\n\nNo status at all.\n",
    "\u{FEFF}---\r\nstatus: accepted\r\n---\r\n# A\r\n",
  ]

  @Test(arguments: versions)
  func statusOfAVersionMatchesTheFullParse(_ text: String) {
    let parser = DocumentParser(
      collection: Collection(name: "decisions", path: "decisions", kind: "decision"),
      schema: .decision)
    let file = SourceFile(path: "decisions/0001-a.md", bytes: Array(text.utf8))
    #expect(parser.status(of: file) == parser.parse(file).status?.value)
  }

  @Test func statusesAreNormalised() {
    let parser = DocumentParser(
      collection: Collection(name: "decisions", path: "decisions", kind: "decision"),
      schema: .decision)
    let file = SourceFile(path: "d/1.md", bytes: Array("---\nstatus: Accepted\n---\n# A\n".utf8))
    #expect(parser.status(of: file) == "accepted")
  }
}
