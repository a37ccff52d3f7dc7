import BatonSupport
import Foundation

/// Known findings that `baton check` hides: the findings of a day, recorded so that a legacy
/// log can adopt Baton without being red forever, and only new findings fail.
///
/// A finding is matched by its fingerprint (`Diagnostic.fingerprint`): its rule, its path and
/// what it is about (`Diagnostic.subject`), never its line or its message, so an edit above it
/// or a day passing does not bring it back. The file is JSON, one entry per finding, sorted by
/// path, rule and subject, each on a line of its own, so it reads and diffs well in review:
///
/// ```json
/// {
///   "findings" : [
///     {"fingerprint":"…","path":"decisions/0001-a.md","rule":"required-section","subject":"Proposal"}
///   ],
///   "version" : 1
/// }
/// ```
public struct Baseline: Sendable, Hashable {
  /// One known finding.
  public struct Entry: Sendable, Hashable, Codable, Comparable {
    public var rule: String
    public var path: String
    /// What the finding is about (empty: the document as a whole); for people reading the file.
    public var subject: String
    public var fingerprint: String

    public init(rule: String, path: String, subject: String, fingerprint: String) {
      self.rule = rule
      self.path = path
      self.subject = subject
      self.fingerprint = fingerprint
    }

    public static func < (lhs: Entry, rhs: Entry) -> Bool {
      (lhs.path, lhs.rule, lhs.subject, lhs.fingerprint)
        < (rhs.path, rhs.rule, rhs.subject, rhs.fingerprint)
    }
  }

  /// The file `baton check --write-baseline` writes in the handbook root when `baton.yml` names
  /// none, and that `baton check` reads when it exists.
  public static let defaultFileName = ".baton-baseline.json"

  /// The entries, sorted.
  public private(set) var entries: [Entry]

  public init(entries: [Entry] = []) {
    self.entries = entries.sorted()
  }

  /// The baseline of a check's findings (`baton init` writes one for an adopted log).
  public static func make(from diagnostics: [Diagnostic]) -> Baseline {
    var diagnostics = diagnostics.sorted()
    Diagnostic.assignFingerprints(&diagnostics)
    return Baseline(
      entries: diagnostics.map {
        Entry(
          rule: $0.ruleID, path: $0.location.path, subject: $0.subject,
          fingerprint: $0.fingerprint)
      })
  }

  struct File: Codable {
    var version = 1
    var findings: [Entry] = []
  }

  /// The file's text: an entry per finding on a line of its own (a fixed finding is one
  /// removed line in a diff), sorted keys, a newline at the end.
  public func encode() -> String {
    let lines = entries.map { "    " + JSONOutput.encode($0, pretty: false) }
    let findings = lines.isEmpty ? "[]" : "[\n" + lines.joined(separator: ",\n") + "\n  ]"
    return "{\n  \"findings\" : \(findings),\n  \"version\" : \(File().version)\n}\n"
  }

  /// Reads a baseline file's bytes.
  ///
  /// - Throws: `BaselineError` naming `path` when the file is not a baseline.
  public static func decode(_ bytes: [UInt8], path: String) throws(BaselineError) -> Baseline {
    guard let file = try? JSONDecoder().decode(File.self, from: Data(bytes)) else {
      throw BaselineError(
        path: path,
        message: "not a baseline 'baton check --write-baseline' wrote: write it again, or "
          + "remove it")
    }
    guard file.version == 1 else {
      throw BaselineError(
        path: path,
        message: "baseline version \(file.version) is not known: write it again with "
          + "'baton check --write-baseline'")
    }
    return Baseline(entries: file.findings)
  }

  /// What applying a baseline to a check's findings leaves.
  public struct Application: Sendable {
    /// The findings the baseline does not know: new ones.
    public var kept: [Diagnostic]
    /// How many known findings were hidden.
    public var hidden: Int
    /// Entries whose finding no longer occurs, among the paths the check judged.
    public var fixed: [Entry]
  }

  /// Hides the known findings.
  ///
  /// - Parameters:
  ///   - diagnostics: a check's findings, with their fingerprints.
  ///   - judged: whether the check looked at a path (with `--since` or path arguments, entries
  ///     of other paths are neither hidden nor fixed: they were not looked at).
  public func apply(to diagnostics: [Diagnostic], judged: (String) -> Bool) -> Application {
    var diagnostics = diagnostics
    Diagnostic.assignFingerprints(&diagnostics)
    let known = Set(entries.map(\.fingerprint))
    let kept = diagnostics.filter { !known.contains($0.fingerprint) }
    let found = Set(diagnostics.map(\.fingerprint))
    let fixed = entries.filter { judged($0.path) && !found.contains($0.fingerprint) }
    return Application(kept: kept, hidden: diagnostics.count - kept.count, fixed: fixed)
  }

  /// This baseline with the judged paths' entries replaced by today's findings: what
  /// `--write-baseline` writes, so a check narrowed by `--since` keeps the other paths' entries.
  public func replacing(with diagnostics: [Diagnostic], judged: (String) -> Bool) -> Baseline {
    Baseline(
      entries: entries.filter { !judged($0.path) } + Baseline.make(from: diagnostics).entries)
  }
}
