import BatonChecks
import BatonConfig
import BatonSupport
import Foundation

/// SARIF 2.1.0 with rule metadata, for GitHub code scanning and other dashboards.
///
/// Valid against the official schema (a test checks every log the tests produce). Columns
/// count UTF-16 code units (`columnKind: utf16CodeUnits`, what code scanning expects), turned
/// from Baton's UTF-8 byte columns with the line's text (`SourceLines`). Each result carries
/// the finding's stable fingerprint; with a baseline, every result is `new` (the baseline's
/// findings are left out of the log).
public struct SARIFReporter: Sendable {
  public var toolVersion: String
  /// The text of the files the diagnostics point into, for their UTF-16 columns.
  public var lines: SourceLines
  /// Whether a baseline hid known findings: results then say `baselineState: new`.
  public var comparedWithBaseline: Bool

  public init(
    toolVersion: String, lines: SourceLines = SourceLines(), comparedWithBaseline: Bool = false
  ) {
    self.toolVersion = toolVersion
    self.lines = lines
    self.comparedWithBaseline = comparedWithBaseline
  }

  /// The key of Baton's fingerprint in a result's `fingerprints`.
  public static let fingerprintKey = "batonFinding/v1"

  struct Log: Encodable {
    var schema =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    var version = "2.1.0"
    var runs: [Run]
    enum CodingKeys: String, CodingKey {
      case schema = "$schema"
      case version, runs
    }
  }
  struct Run: Encodable {
    var tool: Tool
    var results: [Result]
    var columnKind = "utf16CodeUnits"
  }
  struct Tool: Encodable { var driver: Driver }
  struct Driver: Encodable {
    var name = "baton"
    var version: String
    var informationUri = "https://github.com/baton-project/baton"
    var rules: [RuleEntry]
  }
  struct Text: Encodable { var text: String }
  struct RuleEntry: Encodable {
    var id: String
    var name: String
    var shortDescription: Text
    var fullDescription: Text
    var help: Text
    var helpUri: String?
    var defaultConfiguration: Configuration
  }
  struct Configuration: Encodable { var level: String }
  struct Result: Encodable {
    var ruleId: String
    var ruleIndex: Int?
    var level: String
    var message: Text
    var locations: [Location]
    var fingerprints: [String: String]
    var baselineState: String?
  }
  struct Location: Encodable { var physicalLocation: PhysicalLocation }
  struct PhysicalLocation: Encodable {
    var artifactLocation: ArtifactLocation
    var region: Region?
  }
  struct ArtifactLocation: Encodable {
    var uri: String
    var uriBaseId = "%SRCROOT%"
  }
  struct Region: Encodable {
    var startLine: Int
    var startColumn: Int
  }

  public func render(_ diagnostics: [Diagnostic], rules: [RuleDescription]) -> String {
    var diagnostics = diagnostics
    Diagnostic.assignFingerprints(&diagnostics)
    let ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }) { first, _ in first }
    let entries = rules.map { rule in
      RuleEntry(
        id: rule.id, name: SARIFReporter.pascalCase(rule.id),
        shortDescription: Text(text: rule.title), fullDescription: Text(text: rule.rationale),
        help: Text(text: rule.fix), helpUri: RuleDocumentation.helpURL(rule.id),
        defaultConfiguration: Configuration(level: level(rule.defaultSeverity)))
    }
    let results = diagnostics.map { diagnostic in
      Result(
        ruleId: diagnostic.ruleID, ruleIndex: ruleIndex[diagnostic.ruleID],
        level: level(diagnostic.severity), message: Text(text: diagnostic.message),
        locations: [Location(physicalLocation: physicalLocation(diagnostic.location))],
        fingerprints: [SARIFReporter.fingerprintKey: diagnostic.fingerprint],
        baselineState: comparedWithBaseline ? "new" : nil)
    }
    let log = Log(runs: [
      Run(tool: Tool(driver: Driver(version: toolVersion, rules: entries)), results: results)
    ])
    return JSONOutput.encode(log)
  }

  /// A rule id as a PascalCase name: `call-to-action-overdue` → `CallToActionOverdue`.
  public static func pascalCase(_ id: String) -> String {
    id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map {
      $0.prefix(1).uppercased() + $0.dropFirst()
    }.joined()
  }

  private func physicalLocation(_ location: SourceLocation) -> PhysicalLocation {
    PhysicalLocation(
      artifactLocation: ArtifactLocation(uri: uri(location.path)),
      region: location.line > 0
        ? Region(startLine: location.line, startColumn: lines.utf16Column(location)) : nil)
  }

  private func level(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .note: "note"
    }
  }

  /// A relative URI reference: path segments percent-encoded, `/` kept.
  private func uri(_ path: String) -> String {
    path.split(separator: "/", omittingEmptySubsequences: false).map {
      $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"]))
        ?? String($0)
    }.joined(separator: "/")
  }
}
