import BatonSupport

/// How `baton check` reports diagnostics.
public enum ReportFormat: String, Sendable, CaseIterable {
  /// Compiler-style lines for people: `path:line:col: error: message [rule-id]`.
  case text
  /// GitHub Actions workflow commands (annotations on the pull request).
  case github
  /// Baton's own JSON report, a contract for other tools.
  case json
  /// SARIF 2.1.0, for code-scanning dashboards.
  case sarif
  /// GitLab's Code Quality report.
  case gitlab
}

/// Counts of a check's outcome, for summaries.
public struct CheckSummary: Sendable, Hashable {
  public var documents: Int
  public var errors: Int
  public var warnings: Int
  public var notes: Int
  /// Known findings a baseline hid (not counted above).
  public var hiddenByBaseline = 0

  public init(documents: Int, diagnostics: [Diagnostic]) {
    self.documents = documents
    self.errors = diagnostics.count { $0.severity == .error }
    self.warnings = diagnostics.count { $0.severity == .warning }
    self.notes = diagnostics.count { $0.severity == .note }
  }

  /// `3 errors, 1 warning in 120 documents`, and `; 5 known findings hidden by the baseline`.
  public var sentence: String {
    func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    var parts = [count(errors, "error"), count(warnings, "warning")]
    if notes > 0 { parts.append(count(notes, "note")) }
    var sentence = parts.joined(separator: ", ") + " in " + count(documents, "document")
    if hiddenByBaseline > 0 {
      sentence += "; \(count(hiddenByBaseline, "known finding")) hidden by the baseline"
    }
    return sentence
  }
}
