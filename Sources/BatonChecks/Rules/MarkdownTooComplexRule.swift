import BatonDocuments

/// Bodies the Markdown parser would read in quadratic time are refused, not parsed.
struct MarkdownTooComplexRule: Rule {
  let description = RuleDescription(
    id: "markdown-too-complex", title: "Markdown is too complex to read safely",
    severity: .error,
    rationale: "a few hundred kilobytes of certain markup (thousands of nested brackets, quotes"
      + " or table cells) would take the Markdown parser minutes, stalling every check and build",
    fix: "split long paragraphs with blank lines, flatten deep nesting, and narrow huge tables",
    triggering: [
      RuleExample(
        "handbook/quotes.md", "# Quotes\n\n" + String(repeating: ">", count: 101) + " deep\n"),
      RuleExample(
        "decisions/0001-mail.md", "# Mail\n\n" + String(repeating: "a@", count: 65) + "\n"),
    ],
    nonTriggering: [
      RuleExample(
        "handbook/links.md", "# Links\n\n" + String(repeating: "- [a](b) *c* `d`\n", count: 50))
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    for case .markdownHazard(let line, let message) in document.problems {
      findings.add(message, line: line)
    }
  }
}
