import BatonDocuments
import Foundation

/// Enormous files are skipped rather than read into memory.
struct FileTooLargeRule: Rule {
  let description = RuleDescription(
    id: "file-too-large", title: "File is too large to read", severity: .error,
    rationale: "a document of many megabytes is almost always a mistake and would slow every build",
    fix: "split the document, or move large data out of the collection's folder",
    triggering: [], nonTriggering: [RuleExample("handbook/small.md", "# Small\n\n## Summary\nok\n")]
  )

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    for case .tooLarge(let size, let limit) in document.problems {
      findings.add(
        "file is \(megabytes(size)), over the \(megabytes(limit)) limit: split it or "
          + "move it out of the collection", line: 0)
    }
  }

  private func megabytes(_ bytes: Int) -> String {
    String(format: "%.1f MiB", Double(bytes) / 1_048_576)
  }
}
