import BatonDocuments

/// Front matter must be a YAML mapping between `---` lines.
struct FrontMatterSyntaxRule: Rule {
  let description = RuleDescription(
    id: "front-matter-syntax", title: "Front matter does not parse", severity: .error,
    rationale:
      "metadata in broken front matter is silently lost: status, owner and dates go missing",
    fix: "fix the YAML at the line given; quote values that contain ': ' or start with '@'",
    triggering: [
      RuleExample("decisions/0001-a.md", "---\nstatus: [accepted\n---\n# A\n"),
      RuleExample("decisions/0002-b.md", "---\nstatus: accepted\n# B\n"),
      RuleExample("decisions/0003-c.md", "---\n- accepted\n---\n# C\n"),
    ],
    nonTriggering: [RuleExample("decisions/0001-a.md", "---\nstatus: accepted\n---\n# A\n")])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    for problem in document.problems {
      switch problem {
      case .frontMatterSyntax(let message, let line, let column):
        findings.add(
          "front matter is not valid YAML: \(message)", line: line, column: column,
          about: "syntax")
      case .frontMatterNotMapping(let line):
        findings.add(
          "front matter must be 'key: value' lines, not a list or a single value", line: line,
          about: "not-mapping")
      case .frontMatterUnterminated(let line):
        findings.add(
          "front matter opened with '---' is never closed: add a '---' line after it", line: line,
          about: "unterminated")
      default:
        continue
      }
    }
  }
}
