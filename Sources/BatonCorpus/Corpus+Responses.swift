import BatonConfig
import BatonDocuments
import BatonSupport
import Foundation
import Synchronization

extension Corpus {
  /// The ledger of a document's responses: nil for a kind that takes no responses.
  ///
  /// Worked out once per document and kept (rules, the sign-off panel, metrics and digests all
  /// ask for it): a kept ledger is given again while the document asked about has the same
  /// kind, status, sections and responses, as every copy of the corpus's own document has.
  public func ledger(of document: Document) -> ResponseLedger? {
    let schema = schema(of: document)
    guard schema.hasResponses else { return nil }
    if let kept = ledgers.ledger(for: document) { return kept }
    let ledger = workOutLedger(of: document, schema: schema)
    ledgers.keep(ledger, for: document)
    return ledger
  }

  private func workOutLedger(of document: Document, schema: KindSchema) -> ResponseLedger {
    let history = history[document.path]
    let answers = document.responses.map { response in
      let commit = history?.answers[response.key]
      return ResponseLedger.Answer(
        response: response, commit: commit,
        committedBy: commit.flatMap { handle(ofAuthor: $0.authorName, email: $0.authorEmail) })
    }
    let (concerns, stray) = Corpus.concerns(in: answers)
    var responders: [ResponseLedger.Responder] = []
    if let section = CallToAction.openSection(of: document, schema: schema) {
      responders = CallToAction.responders(in: section, people: people).map { handle in
        responder(handle, answers: answers, quorum: schema.teamQuorum)
      }
    }
    return ResponseLedger(
      path: document.path, responders: responders, answers: answers, concerns: concerns,
      strayResolutions: stray)
  }

  /// A responder with who answered for it: a person answers for themselves; a team is
  /// answered by its members, up to its quorum.
  private func responder(_ handle: String, answers: [ResponseLedger.Answer], quorum: Quorum)
    -> ResponseLedger.Responder
  {
    let answered = Set(answers.map { $0.response.handle.lowercased() })
    let key = handle.lowercased()
    let last = key.split(separator: "/").last.map(String.init) ?? key
    var members: [String] = []
    if let people, people.person(handle) == nil {
      members = people.members(of: handle)
      if members.isEmpty, people.person(last) == nil { members = people.members(of: last) }
    }
    guard !members.isEmpty else {
      return ResponseLedger.Responder(
        handle: handle, members: [], required: 1,
        answeredBy: answered.contains(key) ? [handle] : [])
    }
    return ResponseLedger.Responder(
      handle: handle, members: members, required: quorum.required(of: members.count),
      answeredBy: members.filter { answered.contains($0.lowercased()) })
  }

  /// Concerns paired with the `resolved` line that names each (the first after it), and the
  /// `resolved` lines that name no open concern.
  static func concerns(in answers: [ResponseLedger.Answer]) -> (
    [ResponseLedger.Concern], [ResponseLedger.Answer]
  ) {
    var concerns: [ResponseLedger.Concern] = []
    var stray: [ResponseLedger.Answer] = []
    for answer in answers {
      guard let key = answer.response.concernKey else { continue }
      if answer.response.verdict == .concern {
        concerns.append(
          ResponseLedger.Concern(name: answer.response.text, raised: answer, resolved: nil))
      } else if let index = concerns.firstIndex(where: {
        $0.isOpen && $0.raised.response.concernKey == key
      }) {
        concerns[index].resolved = answer
      } else {
        stray.append(answer)
      }
    }
    return (concerns, stray)
  }

  /// The handle of a commit author: the person in `people.yml` with that e-mail, else with
  /// that name (case-insensitive); nil when there is no such person.
  public func handle(ofAuthor name: String, email: String) -> String? {
    guard let people else { return nil }
    return (people.person(email: email, name: nil) ?? people.person(email: nil, name: name))?
      .handle
  }
}

extension Corpus {
  /// Where an open document stands under its kind's decision rule as of `today`; nil when the
  /// kind has no rule or the document's call to action is not open.
  public func decisionState(of document: Document, today: Day) -> DecisionState? {
    let schema = schema(of: document)
    guard let rule = schema.decisionRule,
      let section = CallToAction.openSection(of: document, schema: schema),
      let ledger = ledger(of: document)
    else { return nil }
    let deadline = CallToAction.deadline(of: document, section: section)?.value
    return DecisionState(ledger: ledger, rule: rule, deadline: deadline, today: today)
  }
}

/// The ledgers a corpus worked out, by path, with what each was worked out from.
final class LedgerMemo: Sendable {
  private struct Entry {
    var kind: String
    var status: Located<String>?
    var sections: [Section]
    var responses: [Response]
    var ledger: ResponseLedger
  }

  private let entries = Mutex<[String: Entry]>([:])

  /// The kept ledger of a document, when it was worked out from the same facts. The arrays
  /// compare by identity first, so a copy of the corpus's own document is a quick match.
  func ledger(for document: Document) -> ResponseLedger? {
    guard let entry = entries.withLock({ $0[document.path] }), entry.kind == document.kind,
      entry.status == document.status, entry.sections == document.sections,
      entry.responses == document.responses
    else { return nil }
    return entry.ledger
  }

  func keep(_ ledger: ResponseLedger, for document: Document) {
    let entry = Entry(
      kind: document.kind, status: document.status, sections: document.sections,
      responses: document.responses, ledger: ledger)
    entries.withLock { $0[document.path] = entry }
  }
}
