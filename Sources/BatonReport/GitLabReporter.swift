import BatonSupport

/// GitLab's Code Quality report: a JSON array of issues with stable fingerprints.
///
/// Findings a baseline hides are not in it, so GitLab shows none of them as new.
public struct GitLabReporter: Sendable {
  public init() {}

  struct Issue: Encodable {
    var description: String
    var checkName: String
    var fingerprint: String
    var severity: String
    var location: Location
    enum CodingKeys: String, CodingKey {
      case description
      case checkName = "check_name"
      case fingerprint, severity, location
    }
  }
  struct Location: Encodable {
    var path: String
    var lines: Lines
  }
  struct Lines: Encodable { var begin: Int }

  /// The report. Fingerprints are the diagnostics' own (`Diagnostic.fingerprint`): rule, path
  /// and what the finding is about, so the same finding keeps its fingerprint from one day, and
  /// one edit above it, to the next.
  public func render(_ diagnostics: [Diagnostic]) -> String {
    var diagnostics = diagnostics
    Diagnostic.assignFingerprints(&diagnostics)
    let issues = diagnostics.map { diagnostic in
      Issue(
        description: diagnostic.message, checkName: diagnostic.ruleID,
        fingerprint: diagnostic.fingerprint, severity: severity(diagnostic.severity),
        location: Location(
          path: diagnostic.location.path, lines: Lines(begin: max(diagnostic.location.line, 1))))
    }
    return JSONOutput.encode(issues)
  }

  private func severity(_ severity: Severity) -> String {
    switch severity {
    case .error: "major"
    case .warning: "minor"
    case .note: "info"
    }
  }
}
