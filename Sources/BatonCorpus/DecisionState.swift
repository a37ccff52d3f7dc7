import BatonConfig
import BatonSupport

/// Where an open decision stands under its kind's decision rule, as of a day.
///
/// Ready: the rule is met and the owner can decide (`baton decide`). Stuck: the deadline has
/// passed and the rule is not met, with what is missing. Pending: still collecting answers.
public struct DecisionState: Sendable, Hashable {
  public enum Phase: String, Sendable, Hashable, Codable {
    case pending
    case ready
    case stuck
  }

  /// What the ready decision would be.
  public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
    case accept
    case reject
  }

  public var phase: Phase
  /// For a ready decision, which way the rule points.
  public var outcome: Outcome?
  /// Why, in words: `no objection by 2026-12-01`, `3 of 4 approve`.
  public var reason: String
  /// For a stuck or pending decision, what is missing, each in words.
  public var missing: [String]
  /// The rule judged.
  public var rule: DecisionRule
  /// The deadline judged against, if any.
  public var deadline: Day?

  /// The state of `ledger` under `rule`, with `deadline`, as of the end of `today`'s
  /// predecessor: a deadline day is whole, so it has passed when `today` is after it.
  public init(ledger: ResponseLedger, rule: DecisionRule, deadline: Day?, today: Day) {
    self.rule = rule
    self.deadline = deadline
    let tally = Tally(ledger)
    let passed = deadline.map { $0 < today } ?? false
    var missing = tally.blockers
    let met: (Outcome, String)?
    switch rule.method {
    case .lazyConsensus:
      met = DecisionState.lazyConsensus(tally, deadline: deadline, passed: passed, &missing)
    case .consent:
      met = DecisionState.consent(tally, quorum: rule.quorum ?? .all, &missing)
    case .majority:
      met = DecisionState.majority(tally, quorum: rule.quorum, &missing)
    case .unanimous:
      met = DecisionState.unanimous(tally, &missing)
    case .owner:
      met = (.accept, "the owner decides; no concern is open")
    }
    if let met, tally.openConcerns.isEmpty {
      (phase, outcome, reason, self.missing) = (.ready, met.0, met.1, [])
    } else {
      phase = passed ? .stuck : .pending
      outcome = nil
      reason =
        passed
        ? "deadline \(deadline?.description ?? "") passed: " + missing.joined(separator: "; ")
        : missing.joined(separator: "; ")
      self.missing = missing
    }
  }

  /// No objection and no open concern: met when the deadline has passed, or early when every
  /// responder has answered.
  private static func lazyConsensus(
    _ tally: Tally, deadline: Day?, passed: Bool, _ missing: inout [String]
  ) -> (Outcome, String)? {
    guard tally.objections.isEmpty else { return nil }
    if tally.outstanding.isEmpty, !tally.responders.isEmpty {
      return (.accept, "every responder answered with no objection")
    }
    if passed, let deadline { return (.accept, "no objection by \(deadline)") }
    missing.append(
      deadline.map { "no objection until \($0) passes" }
        ?? "no deadline: set 'respond-by' so silence can count as consent")
    return nil
  }

  private static func consent(_ tally: Tally, quorum: Quorum, _ missing: inout [String])
    -> (Outcome, String)?
  {
    let needed = quorum.required(of: tally.responders.count)
    let answered = tally.responders.count - tally.outstanding.count
    if answered < needed { missing.append(tally.waiting(needed: needed, answered: answered)) }
    guard tally.objections.isEmpty, answered >= needed else { return nil }
    return (.accept, "\(answered) of \(tally.responders.count) answered, none objects")
  }

  private static func majority(_ tally: Tally, quorum: Quorum?, _ missing: inout [String])
    -> (Outcome, String)?
  {
    let total = tally.responders.count
    let needed = quorum?.required(of: total) ?? (total / 2 + 1)
    let answered = total - tally.outstanding.count
    let (yes, no) = (tally.approvals.count, tally.objections.count)
    guard answered >= needed else {
      missing.append(tally.waiting(needed: needed, answered: answered))
      return nil
    }
    if yes > no { return (.accept, "\(yes) approve, \(no) object") }
    if no > yes { return (.reject, "\(no) object, \(yes) approve") }
    missing.append("a tie: \(yes) approve, \(no) object")
    return nil
  }

  private static func unanimous(_ tally: Tally, _ missing: inout [String]) -> (Outcome, String)? {
    if !tally.outstanding.isEmpty {
      let total = tally.responders.count
      missing.append(tally.waiting(needed: total, answered: total - tally.outstanding.count))
    }
    guard tally.objections.isEmpty, tally.outstanding.isEmpty, !tally.approvals.isEmpty else {
      return nil
    }
    return (.accept, "every responder approves")
  }
}

/// The counts a decision rule reads from a ledger.
struct Tally {
  var responders: [ResponseLedger.Responder]
  var outstanding: [ResponseLedger.Responder]
  var approvals: [ResponseLedger.Answer]
  var objections: [ResponseLedger.Answer]
  var openConcerns: [ResponseLedger.Concern]

  init(_ ledger: ResponseLedger) {
    responders = ledger.responders
    outstanding = ledger.outstanding
    let verdicts = ledger.verdicts.values.sorted { $0.response.line < $1.response.line }
    approvals = verdicts.filter { $0.response.verdict == .approve }
    objections = verdicts.filter { $0.response.verdict == .object }
    openConcerns = ledger.openConcerns
  }

  /// Objections and open concerns, each in words.
  var blockers: [String] {
    objections.map { "objection by @\($0.response.handle): \($0.response.text)" }
      + openConcerns.map { "open concern '\($0.name)' by @\($0.raised.response.handle)" }
  }

  /// Who is still to answer, in words.
  func waiting(needed: Int, answered: Int) -> String {
    let names = outstanding.map { "@" + $0.handle }.joined(separator: ", ")
    return answered > 0
      ? "\(answered) of \(needed) answers needed; waiting on \(names)"
      : "waiting on \(names)"
  }
}
