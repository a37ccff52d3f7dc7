import BatonDocuments
import Foundation

/// Who a document's call to action asks, who answered what, when and through whose commit,
/// which concerns are open, and who still owes an answer.
///
/// Made on demand from a document, its history and the people (`Corpus.ledger(of:)`): the
/// inbox, the rules, `baton decide`, metrics and digests all read this one model.
public struct ResponseLedger: Sendable, Hashable {
  /// One response line with where it came from in git.
  public struct Answer: Sendable, Hashable {
    public var response: Response
    /// The commit that added the line; nil when it is not committed yet, or when history was
    /// not read.
    public var commit: DocumentHistory.Event?
    /// The handle of whoever committed the line (commit author through `.mailmap`, matched to
    /// `people.yml` by e-mail or name); nil when no one is known by that author.
    public var committedBy: String?

    /// When the answer was given: the commit's date.
    public var date: Date? { commit?.date }
    /// Whether the line was committed by someone the people file knows as another person.
    public var isCommittedByOther: Bool {
      committedBy.map { $0.lowercased() != response.handle.lowercased() } ?? false
    }
  }

  /// A responder the call to action names: a person or a team.
  public struct Responder: Sendable, Hashable {
    /// The handle as named (without `@`).
    public var handle: String
    /// A team's members (empty for a person).
    public var members: [String]
    /// How many answers the responder needs: 1 for a person, the team's quorum for a team.
    public var required: Int
    /// Who answered for the responder: the person, or the team's members who answered.
    public var answeredBy: [String]

    public var isTeam: Bool { !members.isEmpty }
    public var isAnswered: Bool { answeredBy.count >= required && required > 0 }
  }

  /// A concern raised in the responses, and whether (and by whom) it was resolved.
  public struct Concern: Sendable, Hashable {
    /// The name as the raiser wrote it.
    public var name: String
    public var raised: Answer
    /// The `resolved` line, if any.
    public var resolved: Answer?

    public var isOpen: Bool { resolved == nil }
    /// Whether someone other than the raiser resolved it.
    public var isResolvedByOther: Bool {
      resolved.map { $0.response.handle.lowercased() != raised.response.handle.lowercased() }
        ?? false
    }
  }

  /// The document's path.
  public var path: String
  /// The responders the open call to action names, in order; empty when it is not open.
  public var responders: [Responder]
  /// Every response, in the order written.
  public var answers: [Answer]
  /// Concerns in the order raised.
  public var concerns: [Concern]
  /// `resolved` lines that name no concern raised before them.
  public var strayResolutions: [Answer]

  /// The responders who still owe an answer.
  public var outstanding: [Responder] { responders.filter { !$0.isAnswered } }

  /// Each person's answer (approve, object, abstain): their last such line, by lower-cased
  /// handle.
  public var verdicts: [String: Answer] {
    var result: [String: Answer] = [:]
    for answer in answers where answer.response.verdict.isAnswer {
      result[answer.response.handle.lowercased()] = answer
    }
    return result
  }

  /// The concerns still open.
  public var openConcerns: [Concern] { concerns.filter(\.isOpen) }

  /// Whether `handle` (a person) still owes an answer: named directly, or a member of a team
  /// that has not reached its quorum, and not answered themselves.
  public func owes(_ handle: String) -> Bool {
    let key = handle.lowercased()
    if hasAnswered(key) { return false }
    return outstanding.contains { responder in
      responder.handle.lowercased() == key
        || responder.members.contains { $0.lowercased() == key }
    }
  }

  /// Whether a person has written any response.
  func hasAnswered(_ key: String) -> Bool {
    answers.contains { $0.response.handle.lowercased() == key }
  }
}
