/// GitLab's Code Quality report: a JSON array of issues with stable fingerprints.
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

  public func render(_ diagnostics: [Diagnostic]) -> String {
    var seen: [String: Int] = [:]
    let issues = diagnostics.map { diagnostic in
      // Same rule, file and message twice: the occurrence number keeps fingerprints unique.
      let base = "\(diagnostic.ruleID)|\(diagnostic.location.path)|\(diagnostic.message)"
      let occurrence = seen[base, default: 0]
      seen[base] = occurrence + 1
      return Issue(
        description: diagnostic.message, checkName: diagnostic.ruleID,
        fingerprint: Hashing.fnv1a64Hex(base + "|\(occurrence)"),
        severity: severity(diagnostic.severity),
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
