import BatonDocuments

/// An open decision whose kind's decision rule is met: the owner can decide now.
struct DecisionReadyRule: Rule {
  let description = RuleDescription(
    id: "decision-ready", title: "Ready to decide", severity: .note,
    rationale: "default to action: once the rule is met, waiting longer only delays the team",
    fix: "decide with 'baton decide ID accept' (or reject) and commit the change",
    triggering: [
      RuleExample(
        "decisions/0001-a.md",
        ResponseExample.decision(["@grace: approve"], respondBy: "2026-05-20"))
    ],
    nonTriggering: [
      RuleExample("decisions/0001-a.md", ResponseExample.decision(["@grace: approve"])),
      RuleExample(
        "decisions/0002-b.md",
        ResponseExample.decision(["@grace: object — too costly"], respondBy: "2026-05-20")),
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    guard let state = context.corpus.decisionState(of: document, today: context.today),
      state.phase == .ready, let outcome = state.outcome
    else { return }
    let line = document.status?.line ?? document.title?.line ?? 1
    findings.add(
      "ready to \(outcome.rawValue) (\(state.rule.method.rawValue)): \(state.reason); decide "
        + "with 'baton decide \(document.identifier.text) \(outcome.rawValue)'",
      line: line, about: "ready \(outcome.rawValue)")
  }
}

/// An open decision past its deadline whose rule is not met.
struct DecisionStuckRule: Rule {
  let description = RuleDescription(
    id: "decision-stuck", title: "Decision is stuck", severity: .warning,
    rationale: "past its deadline without meeting its rule, a proposal needs someone to act",
    fix:
      "get the missing answers, resolve the objection or concern, set a new date, or decide "
      + "with --force and say why",
    triggering: [
      RuleExample(
        "decisions/0001-a.md",
        ResponseExample.decision(["@kenji: object — no rollback plan"], respondBy: "2026-05-20"))
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0001-a.md", ResponseExample.decision(["@kenji: object — no rollback plan"])),
      RuleExample(
        "decisions/0002-b.md",
        ResponseExample.decision(["@grace: approve"], respondBy: "2026-05-20")),
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    guard let state = context.corpus.decisionState(of: document, today: context.today),
      state.phase == .stuck
    else { return }
    let place = document.responsesPlace.map { ($0.line, $0.column) }
    findings.add(
      "stuck (\(state.rule.method.rawValue)): \(state.reason)",
      line: place?.0 ?? document.title?.line ?? 1, column: place?.1 ?? 1, about: "stuck")
  }
}
