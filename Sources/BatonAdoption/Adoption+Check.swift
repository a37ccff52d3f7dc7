import BatonChecks
import BatonReport
import BatonSource
import BatonSupport

extension Adoption {
  /// Checks the repository's documents as the proposed `baton.yml` reads them: the findings
  /// that remain after adoption, which `baton init` baselines.
  ///
  /// - Parameter rootDirectory: the handbook root's absolute path (where `baton.yml` will be).
  public func findings(rootDirectory: String, today: Day) throws -> [Diagnostic] {
    var options = SourceOptions(startDirectory: rootDirectory)
    options.configurationText = configurationText
    return try Workflow.check(options, paths: [], today: today).diagnostics
  }

  /// The baseline file's text for findings, and its name beside `baton.yml`.
  public static func baseline(of findings: [Diagnostic]) -> (fileName: String, text: String) {
    (Baseline.defaultFileName, Baseline.make(from: findings).encode())
  }
}
