import BatonCorpus
import BatonSupport

/// The Check stage: runs rules over a corpus and returns sorted diagnostics.
///
/// Rules run per document, in parallel. Severities come from each rule's default, then
/// `baton.yml`'s overrides; `<!-- baton-ignore: rule-id -->` drops a rule for one document.
public struct Checker: Sendable {
  public var rules: [any Rule]

  /// Every rule Baton has, in the order `baton rules` lists them.
  public static let allRules: [any Rule] = [
    InvalidEncodingRule(), FileTooLargeRule(), MarkdownTooComplexRule(),
    SymlinkOutsideRepositoryRule(), EmptyDocumentRule(),
    FrontMatterSyntaxRule(), MissingTitleRule(), RequiredSectionRule(), SummaryFirstRule(),
    UneditedTemplateRule(),
    CallToActionResponderRule(), CallToActionDeadlineRule(), CallToActionOverdueRule(),
    ResponseSyntaxRule(), ResponseAuthorRule(), OpenConcernRule(), ConcernResolvedByOtherRule(),
    DecisionReadyRule(), DecisionStuckRule(),
    MissingOwnerRule(), MissingStatusRule(), UnknownStatusRule(), InvalidDateRule(),
    StalePageRule(), DuplicateIdentifierRule(), NumberTakenOnBaseRule(), UnresolvedReferenceRule(),
    SupersedeMismatchRule(), SupersedeCycleRule(), BrokenLinkRule(), BrokenAnchorRule(),
    UnknownHandleRule(), UnknownUrgencyRule(), PeopleFileRule(), ConfigurationKeyRule(),
    ConfigurationRuleIDRule(),
    ConfigurationFolderRule(), IgnoreUnknownRuleRule(),
    DuplicatePathRule(),
  ]

  /// Every rule's id, for rules that check names of rules.
  static let ruleIDs = Set(allRules.map(\.description.id))

  /// The descriptions of every rule, for `baton rules` and the reference page.
  public static var descriptions: [RuleDescription] {
    allRules.map(\.description)
  }

  /// The rule with an id.
  public static func rule(_ id: String) -> (any Rule)? {
    allRules.first { $0.description.id == id }
  }

  public init(rules: [any Rule] = Checker.allRules) {
    self.rules = rules
  }

  /// Checks a corpus.
  ///
  /// - Parameters:
  ///   - corpus: everything, so rules that look across documents see it all.
  ///   - today: the day deadlines and reviews are judged against.
  ///   - paths: when given, only documents at these paths are checked (`--since`, positional
  ///     paths); diagnostics about the configuration are always kept.
  /// - Returns: diagnostics sorted by path, line and column, with their fingerprints.
  public func check(_ corpus: Corpus, today: Day, paths: Set<String>? = nil) -> [Diagnostic] {
    let configuration = corpus.configuration
    let context = CheckContext(corpus: corpus, today: today)
    // A rule's description is read once here: through the existential it is copied whole on
    // every access, examples and all.
    let active: [(rule: any Rule, severity: Severity, id: String)] = rules.compactMap { rule in
      let description = rule.description
      return configuration.severity(of: description.id, default: description.defaultSeverity)
        .map { (rule, $0, description.id) }
    }
    let selected = corpus.documents.filter { paths?.contains($0.path) ?? true }
    var diagnostics = selected.parallelMap { document in
      var result: [Diagnostic] = []
      let suppresses = !document.suppressedRules.isEmpty
      for (rule, severity, id) in active {
        if suppresses, document.suppressedRules[id] != nil { continue }
        var findings = Findings()
        rule.check(document, in: context, into: &findings)
        for item in findings.items {
          result.append(
            Diagnostic(
              severity, id, item.message,
              at: SourceLocation(path: document.path, line: item.line, column: item.column),
              subject: item.subject, notes: item.notes))
        }
      }
      return result
    }.flatMap { $0 }
    let activeIDs = Dictionary(active.map { ($0.id, $0.severity) }) { a, _ in a }
    for var diagnostic in corpus.sourceDiagnostics {
      guard let severity = activeIDs[diagnostic.ruleID] else { continue }
      diagnostic.severity = severity
      diagnostics.append(diagnostic)
    }
    if let path = configuration.path {
      let known = Set(Checker.allRules.map(\.description.id))
      for override in configuration.ruleOverrides where !known.contains(override.ruleID) {
        guard let severity = activeIDs["config-unknown-rule"] else { break }
        diagnostics.append(
          Diagnostic(
            severity, "config-unknown-rule",
            "unknown rule '\(override.ruleID)' in baton.yml: see 'baton rules' for the ids",
            at: SourceLocation(path: path, line: override.line, column: 1),
            subject: override.ruleID))
      }
    }
    diagnostics.sort()
    Diagnostic.assignFingerprints(&diagnostics)
    return diagnostics
  }
}
