import BatonCorpus
import BatonDocuments
import BatonSupport

/// What `baton decide ID accept|reject` does to a document's text: the new status where the
/// document keeps its status (front matter, a status section, a bullet or `Status:` line), and
/// an outcome line where it keeps its responses; refused when the kind's rule is not met.
public struct DecisionWriter: Sendable {
  /// Why a decision was not written.
  public struct Refusal: Error, Sendable, Hashable {
    public var message: String
    /// Whether `--force` would write it anyway.
    public var forceable: Bool
  }

  /// The decision written: the new text and a unified diff against the old.
  public struct Written: Sendable, Hashable {
    public var status: String
    public var text: String
    public var diff: String
    /// What the decision was based on (the rule's reason, or that it was forced).
    public var basis: String
  }

  public var outcome: DecisionState.Outcome
  /// Who decides, without `@`.
  public var decider: String
  public var today: Day
  public var note: String?
  public var force: Bool

  public init(
    _ outcome: DecisionState.Outcome, decider: String, today: Day, note: String? = nil,
    force: Bool = false
  ) {
    self.outcome = outcome
    self.decider = decider
    self.today = today
    self.note = note
    self.force = force
  }

  /// Writes the decision into `text`, the document's current file.
  ///
  /// - Throws: `Refusal` when the document is not open, its kind has no decision rule, the rule
  ///   is not met (forceable), or a concern is open on accepting (never forceable).
  public func write(_ document: Document, text: String, in corpus: Corpus) throws(Refusal)
    -> Written
  {
    let schema = corpus.schema(of: document)
    guard let rule = schema.decisionRule else {
      throw Refusal(
        message:
          "kind '\(schema.name)' has no decision rule: declare 'decision-rule:' for it in "
          + "baton.yml", forceable: false)
    }
    guard let status = document.fields["status"], let current = document.status?.value,
      schema.openStatuses.contains(current)
    else {
      throw Refusal(
        message:
          "\(document.identifier.text) is \(document.status.map { "'\($0.value)'" } ?? "without a status"), "
          + "not open for a decision", forceable: false)
    }
    let ledger = corpus.ledger(of: document)
    let state = corpus.decisionState(of: document, today: today)
    let basis = try judge(state, ledger: ledger)
    let newStatus = outcome == .accept ? rule.acceptedStatus : rule.rejectedStatus
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // A final newline ends the last line; it does not start another.
    let endsWithNewline = lines.count > 1 && lines.last == ""
    if endsWithNewline { lines.removeLast() }
    var edits = [try statusEdit(status, lines: lines, to: newStatus)]
    edits.append(
      outcomeEdit(document, schema: schema, lines: lines, status: newStatus, basis: basis))
    let diff = UnifiedDiff.text(path: document.path, lines: lines, edits: edits)
    lines = UnifiedDiff.apply(edits, to: lines)
    return Written(
      status: newStatus, text: lines.joined(separator: "\n") + (endsWithNewline ? "\n" : ""),
      diff: diff, basis: basis)
  }

  /// Whether the rule allows this outcome; the basis recorded in the outcome line.
  private func judge(_ state: DecisionState?, ledger: ResponseLedger?) throws(Refusal) -> String {
    if outcome == .accept, let open = ledger?.openConcerns, !open.isEmpty {
      let names = open.map { "'\($0.name)' (@\($0.raised.response.handle))" }
      throw Refusal(
        message:
          "cannot accept while a concern is open: \(names.joined(separator: ", ")); its raiser "
          + "resolves it with '@handle: resolved \"name\"'", forceable: false)
    }
    guard let state else { return force ? "forced" : "no call to action" }
    let allowed =
      switch (outcome, state.phase) {
      case (_, .ready): state.outcome == outcome || state.rule.method == .owner
      case (.reject, .stuck): true
      default: false
      }
    if allowed { return "\(state.rule.method.rawValue): \(state.reason)" }
    guard force else {
      let why =
        state.phase == .ready
        ? "the rule points to '\(state.outcome?.rawValue ?? "")'" : state.reason
      throw Refusal(
        message:
          "the \(state.rule.method.rawValue) rule is not met for '\(outcome.rawValue)' "
          + "(\(state.phase.rawValue)): \(why); pass --force with --note saying why",
        forceable: true)
    }
    return "forced over \(state.rule.method.rawValue): \(state.reason)"
  }
}
