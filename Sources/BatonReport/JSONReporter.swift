import BatonSupport
import Foundation

/// Baton's JSON report: `{"version":1,"documents":N,"diagnostics":[…]}` with sorted keys.
///
/// With a baseline, `baseline` says which file, how many known findings it hid (they are not
/// in `diagnostics`) and which of its entries no longer occur; every diagnostic then has
/// `"baselineState": "new"`.
///
/// This is a contract other tools read: fields are only ever added, and `version` changes if a
/// field's meaning does.
public struct JSONReporter: Sendable {
  public init() {}

  struct Report: Encodable {
    var version = 1
    var documents: Int
    var diagnostics: [Entry]
    var baseline: BaselineSummary?
  }

  struct BaselineSummary: Encodable {
    var file: String
    var hidden: Int
    var fixed: [Baseline.Entry]
  }

  struct Entry: Encodable {
    var rule: String
    var severity: String
    var path: String
    var line: Int
    var column: Int
    var message: String
    var fingerprint: String
    var baselineState: String?
  }

  public func render(
    _ diagnostics: [Diagnostic], summary: CheckSummary, baseline: BaselineOutcome? = nil
  ) -> String {
    var diagnostics = diagnostics
    Diagnostic.assignFingerprints(&diagnostics)
    let report = Report(
      documents: summary.documents,
      diagnostics: diagnostics.map {
        Entry(
          rule: $0.ruleID, severity: $0.severity.rawValue, path: $0.location.path,
          line: $0.location.line, column: $0.location.column, message: $0.message,
          fingerprint: $0.fingerprint, baselineState: baseline == nil ? nil : "new")
      },
      baseline: baseline.map {
        BaselineSummary(file: $0.file, hidden: $0.hidden, fixed: $0.fixed)
      })
    return JSONOutput.encode(report)
  }
}
