import Foundation

/// SARIF 2.1.0 with rule metadata, for GitHub code scanning and other dashboards.
public struct SARIFReporter: Sendable {
  public var toolVersion: String

  public init(toolVersion: String) {
    self.toolVersion = toolVersion
  }

  struct Log: Encodable {
    var schema = "https://json.schemastore.org/sarif-2.1.0.json"
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
    var columnKind = "utf8CodeUnits"
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
    var defaultConfiguration: Configuration
  }
  struct Configuration: Encodable { var level: String }
  struct Result: Encodable {
    var ruleId: String
    var ruleIndex: Int
    var level: String
    var message: Text
    var locations: [Location]
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
    let ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }) { first, _ in first }
    let entries = rules.map { rule in
      RuleEntry(
        id: rule.id, name: rule.title.replacingOccurrences(of: " ", with: ""),
        shortDescription: Text(text: rule.title), fullDescription: Text(text: rule.rationale),
        help: Text(text: rule.fix),
        defaultConfiguration: Configuration(level: level(rule.defaultSeverity)))
    }
    let results = diagnostics.map { diagnostic in
      let location = diagnostic.location
      return Result(
        ruleId: diagnostic.ruleID, ruleIndex: ruleIndex[diagnostic.ruleID] ?? 0,
        level: level(diagnostic.severity), message: Text(text: diagnostic.message),
        locations: [
          Location(
            physicalLocation: PhysicalLocation(
              artifactLocation: ArtifactLocation(uri: uri(location.path)),
              region: location.line > 0
                ? Region(startLine: location.line, startColumn: max(location.column, 1)) : nil))
        ])
    }
    let log = Log(runs: [
      Run(tool: Tool(driver: Driver(version: toolVersion, rules: entries)), results: results)
    ])
    return JSONOutput.encode(log)
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
