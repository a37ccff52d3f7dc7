import BatonDocuments

/// Examples shared by the response rules: a proposal and its responses section.
enum ResponseExample {
  static func decision(
    _ responses: [String], status: String = "proposed", respondBy: String = "2026-06-20"
  ) -> String {
    "---\nstatus: \(status)\nowner: '@ada'\nrespond-by: \(respondBy)\n---\n# A\n## Context\nx\n"
      + "## Proposal\nx\n## Call to Action\n@grace and @kenji, please review.\n"
      + "## Responses\n" + responses.map { "- " + $0 + "\n" }.joined()
  }
}

/// Every line of a responses section is a response: `- @grace: approve`, and one answer each.
struct ResponseSyntaxRule: Rule {
  let description = RuleDescription(
    id: "response-syntax", title: "Response cannot be read", severity: .error,
    rationale: "an answer Baton cannot read is not counted, so the decision waits on it forever",
    fix:
      "write one line per person: '@handle: approve', 'object — reason', 'abstain', "
      + "'concern \"name\"' or 'resolved \"name\"'",
    triggering: [
      RuleExample("decisions/0001-a.md", ResponseExample.decision(["@grace: maybe"])),
      RuleExample("decisions/0002-b.md", ResponseExample.decision(["Looks good to me"])),
      RuleExample(
        "decisions/0003-c.md",
        ResponseExample.decision(["@grace: approve", "@grace: object — on second thoughts"])),
      RuleExample(
        "decisions/0004-d.md", ResponseExample.decision(["@kenji: resolved \"cost\""])),
      RuleExample(
        "decisions/0005-e.md",
        "---\nstatus: proposed\nowner: '@grace'\nresponses:\n  - \"@gracee: approve\"\n---\n"
          + "# E\n## Context\nx\n## Proposal\nx\n## Call to Action\n@grace, by 2026-06-20.\n",
        people: "people:\n  - handle: grace\n"),
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0001-a.md",
        ResponseExample.decision([
          "@grace: approve", "@kenji: concern \"cost\"", "@kenji: resolved \"cost\"",
          "@kenji: object — no rollback plan",
        ]))
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    for problem in document.responseProblems {
      findings.add(
        problem.message, line: problem.line, column: problem.column, about: problem.text)
    }
    var seen: [String: Response] = [:]
    for response in document.responses where response.verdict.isAnswer {
      let key = response.handle.lowercased()
      if let first = seen[key] {
        findings.add(
          "'@\(response.handle)' answered twice (line \(first.line) and here): keep one answer "
            + "per person, edited in place", line: response.line, column: response.column,
          about: "twice @\(key)")
      }
      seen[key] = response
    }
    guard !document.responses.isEmpty, let ledger = context.corpus.ledger(of: document) else {
      return
    }
    if let people = context.corpus.people {
      for response in document.responses
      where response.origin == .frontMatter && !people.knows(response.handle) {
        findings.add(
          "'@\(response.handle)' is not in '\(people.path)': correct the handle or add the person",
          line: response.line, column: response.column, about: "@\(response.handle)")
      }
    }
    for stray in ledger.strayResolutions {
      findings.add(
        "'@\(stray.response.handle)' resolves '\(stray.response.text)', which no line above "
          + "raises as a concern: match the concern's name", line: stray.response.line,
        column: stray.response.column, about: "resolved \(stray.response.text)")
    }
  }
}

/// A decision accepted while a concern is open.
struct OpenConcernRule: Rule {
  let description = RuleDescription(
    id: "open-concern", title: "Accepted with an open concern", severity: .error,
    rationale: "a concern blocks a decision until whoever raised it resolves it",
    fix:
      "resolve the concern ('@handle: resolved \"name\"', by its raiser), or reopen the decision",
    triggering: [
      RuleExample(
        "decisions/0001-a.md",
        ResponseExample.decision(["@kenji: concern \"rollback plan\""], status: "accepted"))
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0001-a.md",
        ResponseExample.decision(
          ["@kenji: concern \"rollback plan\"", "@kenji: resolved \"rollback plan\""],
          status: "accepted")),
      RuleExample(
        "decisions/0002-b.md", ResponseExample.decision(["@kenji: concern \"rollback plan\""])),
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    guard !document.responses.isEmpty, let rule = context.schema(of: document).decisionRule,
      let status = document.status, status.value == rule.acceptedStatus,
      let ledger = context.corpus.ledger(of: document)
    else { return }
    for concern in ledger.openConcerns {
      let raiser = concern.raised.response
      findings.add(
        "'\(status.value)' while @\(raiser.handle)'s concern '\(concern.name)' is open: have "
          + "@\(raiser.handle) resolve it, or set the status back",
        at: status, about: "concern \(concern.name)")
    }
  }
}

/// A concern resolved by someone other than whoever raised it.
struct ConcernResolvedByOtherRule: Rule {
  let description = RuleDescription(
    id: "concern-resolved-by-other", title: "Concern resolved by someone else",
    severity: .warning,
    rationale: "only whoever raised a concern can say it has been answered",
    fix: "ask the concern's raiser to write the 'resolved' line",
    triggering: [
      RuleExample(
        "decisions/0001-a.md",
        ResponseExample.decision(["@kenji: concern \"cost\"", "@grace: resolved \"cost\""]))
    ],
    nonTriggering: [
      RuleExample(
        "decisions/0001-a.md",
        ResponseExample.decision(["@kenji: concern \"cost\"", "@kenji: resolved \"cost\""]))
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    guard !document.responses.isEmpty, let ledger = context.corpus.ledger(of: document) else {
      return
    }
    for concern in ledger.concerns where concern.isResolvedByOther {
      guard let resolved = concern.resolved?.response else { continue }
      let raiser = concern.raised.response.handle
      findings.add(
        "@\(resolved.handle) resolved @\(raiser)'s concern '\(concern.name)': only @\(raiser) "
          + "can resolve it", line: resolved.line, column: resolved.column,
        about: "concern \(concern.name)")
    }
  }
}

/// An answer committed by someone other than the person it speaks for.
struct ResponseAuthorRule: Rule {
  let description = RuleDescription(
    id: "response-author", title: "Answer committed by someone else", severity: .warning,
    rationale:
      "git records who wrote each answer; one person answering for another is worth a look",
    fix: "have the person commit their own answer, or confirm it with them",
    triggering: [],
    nonTriggering: [
      RuleExample("decisions/0001-a.md", ResponseExample.decision(["@grace: approve"]))
    ])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    guard !document.responses.isEmpty, let ledger = context.corpus.ledger(of: document) else {
      return
    }
    for answer in ledger.answers where answer.isCommittedByOther {
      guard let by = answer.committedBy, let commit = answer.commit else { continue }
      let response = answer.response
      findings.add(
        "@\(by) committed @\(response.handle)'s answer ('\(response.verdict.rawValue)') in "
          + "\(commit.shortCommit): have @\(response.handle) commit it, or confirm it with them",
        line: response.line, column: response.column, about: "@\(response.handle) by @\(by)")
    }
  }
}
