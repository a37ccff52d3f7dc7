/// How much a finding matters.
///
/// Ordered so that `error > warning > note`; `--strict` promotes warnings to errors at the
/// command line.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
  case note
  case warning
  case error

  public static func < (lhs: Severity, rhs: Severity) -> Bool {
    lhs.rank < rhs.rank
  }

  private var rank: Int {
    switch self {
    case .note: 0
    case .warning: 1
    case .error: 2
    }
  }
}

/// A place in a file of the repository.
///
/// `path` is relative to the repository's top folder and uses `/`. `line` and `column` are
/// 1-based; `column` counts UTF-8 bytes (as compilers and cmark do). A line of 0 means the
/// whole file.
public struct SourceLocation: Sendable, Hashable, Comparable, Codable {
  public var path: String
  public var line: Int
  public var column: Int

  public init(path: String, line: Int = 0, column: Int = 0) {
    self.path = path
    self.line = line
    self.column = column
  }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
  }
}

/// One problem found in the content, with where it is and how to fix it.
///
/// Diagnostics are collected, never thrown; they sort by location so every report is stable.
/// Messages start lower case, end without a period and say how to fix the problem.
///
/// A finding's identity across runs is its rule, its path and its `subject` (what it is about:
/// a section's name, a handle, a link's target), never its line or its message: an edit above
/// it moves its line, and a message may hold a day count. `fingerprint` is made from that
/// identity (`Diagnostic.assignFingerprints`); GitLab's report and the baseline both use it.
public struct Diagnostic: Sendable, Hashable, Comparable, Codable {
  public var severity: Severity
  public var ruleID: String
  public var message: String
  public var location: SourceLocation
  public var notes: [String]
  /// What the finding is about, stable while the finding stands: empty when it is about the
  /// document (or file) as a whole.
  public var subject: String
  /// A stable id of the finding, made from rule, path, subject and the occurrence number among
  /// findings with the same three; empty until assigned.
  public var fingerprint: String

  public init(
    _ severity: Severity, _ ruleID: String, _ message: String, at location: SourceLocation,
    subject: String = "", notes: [String] = []
  ) {
    self.severity = severity
    self.ruleID = ruleID
    self.message = message
    self.location = location
    self.notes = notes
    self.subject = subject
    self.fingerprint = ""
  }

  public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
    if lhs.location != rhs.location { return lhs.location < rhs.location }
    if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
    return lhs.message < rhs.message
  }
}
