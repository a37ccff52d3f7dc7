import BatonSupport

/// Compiler-style lines, one per diagnostic, with optional ANSI colour.
public struct TextReporter: Sendable {
  public var color: Bool

  public init(color: Bool) {
    self.color = color
  }

  /// The report: a line per diagnostic (and its notes), what the baseline did, then a summary
  /// line.
  public func render(
    _ diagnostics: [Diagnostic], summary: CheckSummary, baseline: BaselineOutcome? = nil
  ) -> String {
    var out = ""
    for diagnostic in diagnostics {
      let location = diagnostic.location
      // Paths, messages and notes may carry control characters from file names and text.
      var place = TerminalText.escaped(location.path)
      if location.line > 0 { place += ":\(location.line):\(max(location.column, 1))" }
      out +=
        paint(place + ":", "1") + " " + label(diagnostic.severity) + " "
        + TerminalText.escaped(diagnostic.message) + " " + paint("[\(diagnostic.ruleID)]", "2")
        + "\n"
      for note in diagnostic.notes {
        out += "  " + paint("note:", "36") + " " + TerminalText.escaped(note) + "\n"
      }
    }
    if let baseline { out += baseline.lines }
    let status = summary.errors > 0 ? paint("✗", "31") : paint("✓", "32")
    out += "\(status) \(summary.sentence)\n"
    return out
  }

  private func label(_ severity: Severity) -> String {
    switch severity {
    case .error: paint("error:", "1;31")
    case .warning: paint("warning:", "1;33")
    case .note: paint("note:", "1;36")
    }
  }

  private func paint(_ text: String, _ code: String) -> String {
    color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}
