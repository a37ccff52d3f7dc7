import BatonConfig
import BatonCorpus
import BatonDocuments
import BatonSupport

/// A check of one document, with the corpus at hand for checks that look across documents.
///
/// Rules are stateless values; the checker runs them in parallel over documents. A rule that
/// needs the whole corpus (duplicate numbers, supersede chains, links) reads it through the
/// context's indexes, so it is still checked per document and `--since` can narrow it.
public protocol Rule: Sendable {
  /// The rule's identity, documentation and examples.
  var description: RuleDescription { get }

  /// Reports what is wrong with `document` into `findings`.
  func check(_ document: Document, in context: CheckContext, into findings: inout Findings)
}

/// What a rule is, why it exists, and examples that do and do not trigger it.
public struct RuleDescription: Sendable {
  /// Stable kebab-case id, used in `baton.yml`, suppressions and reports.
  public var id: String
  /// A short title.
  public var title: String
  public var defaultSeverity: Severity
  /// One line: why the rule exists.
  public var rationale: String
  /// How to fix a finding.
  public var fix: String
  /// Documents that trigger the rule (the first file of each example is checked).
  public var triggering: [RuleExample]
  /// Documents that do not.
  public var nonTriggering: [RuleExample]

  public init(
    id: String, title: String, severity: Severity, rationale: String, fix: String,
    triggering: [RuleExample], nonTriggering: [RuleExample]
  ) {
    self.id = id
    self.title = title
    self.defaultSeverity = severity
    self.rationale = rationale
    self.fix = fix
    self.triggering = triggering
    self.nonTriggering = nonTriggering
  }
}

/// A small repository for a rule's documentation and its test: files, and optionally people.
///
/// Examples are checked as of `RuleExample.today` (2026-06-01), so dates in them stay meaningful.
public struct RuleExample: Sendable {
  public var files: [(path: String, text: String)]
  public var people: String?
  /// For rules about `--since REF`: the document paths on REF. Files not among them count as
  /// added by the change.
  public var onBase: [String]?

  public static let today = Day(year: 2026, month: 6, day: 1) ?? Day.epoch

  public init(
    _ path: String, _ text: String, others: [(String, String)] = [], people: String? = nil,
    onBase: [String]? = nil
  ) {
    self.files = [(path, text)] + others.map { (path: $0.0, text: $0.1) }
    self.people = people
    self.onBase = onBase
  }
}

/// What a rule sees besides the document.
public struct CheckContext: Sendable {
  public var corpus: Corpus
  /// The day overdue and stale are judged against.
  public var today: Day

  public init(corpus: Corpus, today: Day) {
    self.corpus = corpus
    self.today = today
  }

  public func schema(of document: Document) -> KindSchema {
    corpus.schema(of: document)
  }
}

/// The findings of one rule on one document, before severities are applied.
public struct Findings: Sendable {
  struct Finding: Sendable {
    var message: String
    var line: Int
    var column: Int
    var subject: String
    var notes: [String]
  }

  private(set) var items: [Finding] = []

  public init() {}

  /// Reports a problem at a line and column of the document.
  ///
  /// - Parameter subject: what the finding is about (a section's name, a handle, a link's
  ///   target), stable while the finding stands; empty when it is about the whole document.
  ///   Never a line, a date relative to today or a count: see `Diagnostic.subject`.
  public mutating func add(
    _ message: String, line: Int, column: Int = 1, about subject: String = "",
    notes: [String] = []
  ) {
    items.append(
      Finding(message: message, line: line, column: column, subject: subject, notes: notes))
  }

  /// Reports a problem at the place a value came from.
  public mutating func add<T>(
    _ message: String, at value: Located<T>, about subject: String = "", notes: [String] = []
  ) {
    add(message, line: value.line, column: value.column, about: subject, notes: notes)
  }

  public var isEmpty: Bool { items.isEmpty }
}
