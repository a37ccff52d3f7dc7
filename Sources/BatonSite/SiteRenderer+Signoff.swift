import BatonCorpus
import BatonDocuments
import BatonReport
import BatonSupport
import Foundation

extension SiteRenderer {
  /// The sign-off panel of a document whose kind takes responses, when it has answers or an
  /// open call to action; nil otherwise, and when `site: { signoff: false }` leaves it out.
  ///
  /// The decision state is judged on `asOf`'s day (the newest commit), never the clock, so two
  /// builds of one commit agree.
  func signoff(of document: Document) -> SignoffPanel? {
    guard corpus.configuration.sitePages.signoff, let ledger = corpus.ledger(of: document),
      !ledger.answers.isEmpty || !ledger.responders.isEmpty
    else { return nil }
    var rows = ledger.answers.map { answerRow($0, document: document) }
    for responder in ledger.outstanding {
      var text = ""
      if responder.isTeam {
        text =
          "\(responder.answeredBy.count) of \(responder.required) needed from "
          + "\(responder.members.count) members"
      }
      rows.append(
        SignoffPanel.Row(
          responder: handleLink(responder.handle), verdict: "outstanding", text: text))
    }
    let concerns = ledger.openConcerns.map { concern in
      SignoffPanel.Row(
        responder: handleLink(concern.raised.response.handle), verdict: "concern",
        text: concern.name)
    }
    var panel = SignoffPanel(
      rows: rows, concerns: concerns, outstanding: ledger.outstanding.count, phase: nil,
      state: nil, missing: [], rule: corpus.schema(of: document).decisionRule?.method.rawValue,
      asOf: nil)
    if let asOf {
      let today = WorkingSchedule.standard.localDay(of: asOf)
      panel.asOf = today.description
      if let state = corpus.decisionState(of: document, today: today) {
        panel.phase = state.phase.rawValue
        panel.state =
          switch state.phase {
          case .ready: "Ready to \(state.outcome?.rawValue ?? "decide"): \(state.reason)"
          case .stuck: "Stuck: \(state.reason)"
          case .pending: "Collecting answers"
          }
        panel.missing = state.missing
      }
    }
    return panel
  }

  /// A row of the table for one answer.
  private func answerRow(_ answer: ResponseLedger.Answer, document: Document) -> SignoffPanel.Row {
    let response = answer.response
    var row = SignoffPanel.Row(
      responder: handleLink(response.handle), verdict: response.verdict.rawValue,
      text: response.text)
    if let commit = answer.commit {
      let date = ISODate.string(commit.date, offsetMinutes: commit.timeZoneOffsetMinutes)
      row.date = date
      row.day = String(date.prefix(10))
    }
    if answer.isCommittedByOther, let by = answer.committedBy { row.committedBy = handleLink(by) }
    if response.verdict.isAnswer,
      let seconds = Metrics.workingSeconds(answer, in: document, corpus: corpus)
    {
      row.took = SignoffPanel.duration(seconds)
    }
    return row
  }

  /// A handle linked to its person's page when the site has one.
  func handleLink(_ handle: String) -> DocumentContext.Link {
    DocumentContext.Link(
      text: handle, url: index.people[handle.lowercased()].map { SiteLayout.href($0.url) })
  }
}
