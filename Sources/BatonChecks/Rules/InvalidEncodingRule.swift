import BatonDocuments

/// Files that are binary or not valid UTF-8 cannot be read as Markdown.
struct InvalidEncodingRule: Rule {
  let description = RuleDescription(
    id: "invalid-encoding", title: "File is not UTF-8 text", severity: .error,
    rationale: "a document that is binary or not valid UTF-8 cannot be read, checked or published",
    fix: "save the file as UTF-8, or move binary files out of the collection's folder",
    triggering: [RuleExample("decisions/0001-binary.md", "# Title\u{0}\u{1}\u{2}")],
    nonTriggering: [RuleExample("decisions/0001-text.md", "# Café ☕\n\n## Context\n")])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    for problem in document.problems {
      switch problem {
      case .binary:
        findings.add(
          "file is binary, not Markdown text: move it out of the collection or rename it", line: 1,
          about: "binary")
      case .invalidUTF8(let line, let column):
        findings.add(
          "file is not valid UTF-8 here: re-save it as UTF-8", line: line, column: column,
          about: "invalid-utf8")
      case .unreadable(let reason):
        findings.add("file cannot be read: \(reason)", line: 0, about: "unreadable")
      default:
        continue
      }
    }
  }
}
