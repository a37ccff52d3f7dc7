import BatonSupport
import Foundation

/// GitHub Actions workflow commands, and a Markdown job summary.
///
/// GitHub shows at most ten annotations of each level per step, so the reporter emits the first
/// ten errors and ten warnings (most important first: errors, then by location) and one notice
/// saying how many more there are; the job summary lists every diagnostic.
public struct GitHubReporter: Sendable {
  public static let annotationsPerLevel = 10

  public init() {}

  /// The workflow commands for standard output.
  public func render(_ diagnostics: [Diagnostic], summary: CheckSummary) -> String {
    var out = ""
    var shown: [Severity: Int] = [:]
    var hidden = 0
    let ordered = diagnostics.sorted { ($0.severity, $1) > ($1.severity, $0) }
    for diagnostic in ordered {
      guard shown[diagnostic.severity, default: 0] < GitHubReporter.annotationsPerLevel else {
        hidden += 1
        continue
      }
      shown[diagnostic.severity, default: 0] += 1
      let level =
        switch diagnostic.severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
      var properties = ["file=\(escapeProperty(diagnostic.location.path))"]
      if diagnostic.location.line > 0 {
        properties.append("line=\(diagnostic.location.line)")
        properties.append("col=\(max(diagnostic.location.column, 1))")
      }
      properties.append("title=\(escapeProperty("baton " + diagnostic.ruleID))")
      out += "::\(level) \(properties.joined(separator: ","))::\(escapeData(diagnostic.message))\n"
    }
    var closing = "baton: \(summary.sentence)"
    if hidden > 0 {
      closing += "; \(hidden) more not annotated (GitHub shows ten per level): see the job summary"
    }
    out += "::notice title=baton check::\(escapeData(closing))\n"
    return out
  }

  /// The Markdown for `$GITHUB_STEP_SUMMARY`: counts, then a table of every diagnostic.
  public func stepSummary(_ diagnostics: [Diagnostic], summary: CheckSummary) -> String {
    var out = "### baton check: \(summary.errors == 0 ? "✅" : "❌") \(summary.sentence)\n\n"
    guard !diagnostics.isEmpty else { return out }
    out += "| | Location | Rule | Message |\n| --- | --- | --- | --- |\n"
    for diagnostic in diagnostics {
      let icon =
        switch diagnostic.severity {
        case .error: "❌"
        case .warning: "⚠️"
        case .note: "ℹ️"
        }
      let location = diagnostic.location
      let place = location.line > 0 ? "\(location.path):\(location.line)" : location.path
      out += "| \(icon) | `\(place)` | `\(diagnostic.ruleID)` | \(cell(diagnostic.message)) |\n"
    }
    return out
  }

  private func cell(_ text: String) -> String {
    TerminalText.escaped(
      text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " "))
  }

  /// A workflow command's data: GitHub's own escapes for `%` and line breaks, then every other
  /// control character written out, since the runner's log is a terminal that reads escapes.
  private func escapeData(_ text: String) -> String {
    TerminalText.escaped(
      text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
        .replacingOccurrences(of: "\n", with: "%0A"))
  }

  private func escapeProperty(_ text: String) -> String {
    escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(
      of: ",", with: "%2C")
  }
}
