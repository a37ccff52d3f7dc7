import BatonCorpus
import BatonSupport

/// A document's responses as `baton show` prints them: who answered what, when and through
/// whose commit, who is outstanding, and the concerns.
public struct ResponsesDetail: Sendable, Encodable, Hashable {
  /// One response line.
  public struct Answer: Sendable, Encodable, Hashable {
    public var handle: String
    /// approve, object, abstain, concern or resolved.
    public var verdict: String
    /// The reason, concern name or note; empty when none.
    public var text: String
    public var line: Int
    /// The commit that added the line; null when not committed (or history not read).
    @Nullable public var commit: String?
    /// The commit's date, ISO 8601 with the author's offset.
    @Nullable public var date: String?
    /// Who committed it, as a handle from people.yml; null when unknown.
    @Nullable public var committedBy: String?

    enum CodingKeys: String, CodingKey {
      case handle, verdict, text, line, commit, date
      case committedBy = "committed_by"
    }
  }

  /// A concern and whether it is open.
  public struct Concern: Sendable, Encodable, Hashable {
    public var name: String
    public var raisedBy: String
    @Nullable public var resolvedBy: String?
    public var open: Bool

    enum CodingKeys: String, CodingKey {
      case name, open
      case raisedBy = "raised_by"
      case resolvedBy = "resolved_by"
    }
  }

  public var answers: [Answer]
  /// Responders of the open call to action who have not answered (teams by their handle).
  public var outstanding: [String]
  public var concerns: [Concern]

  /// The detail of a ledger.
  public init(_ ledger: ResponseLedger) {
    answers = ledger.answers.map { answer in
      Answer(
        handle: answer.response.handle, verdict: answer.response.verdict.rawValue,
        text: answer.response.text, line: answer.response.line, commit: answer.commit?.commit,
        date: answer.commit.map {
          ISODate.string($0.date, offsetMinutes: $0.timeZoneOffsetMinutes)
        },
        committedBy: answer.committedBy)
    }
    outstanding = ledger.outstanding.map(\.handle)
    concerns = ledger.concerns.map { concern in
      Concern(
        name: concern.name, raisedBy: concern.raised.response.handle,
        resolvedBy: concern.resolved?.response.handle, open: concern.isOpen)
    }
  }

  /// The lines `baton show` prints under "Responses".
  func text() -> String {
    let e = TerminalText.escaped
    var out = ""
    for answer in answers {
      let what = answer.text.isEmpty ? answer.verdict : "\(answer.verdict) — \(e(answer.text))"
      var when = "  (uncommitted)"
      if let commit = answer.commit, let date = answer.date {
        let by =
          answer.committedBy.map {
            $0.lowercased() == answer.handle.lowercased() ? "" : " by @\(e($0))"
          } ?? ""
        when = "  \(date)  \(commit.prefix(7))\(by)"
      }
      out += "  @\(e(answer.handle)): \(what)\(when)\n"
    }
    if answers.isEmpty { out += "  (none)\n" }
    if !outstanding.isEmpty {
      out += "  outstanding: " + outstanding.map { "@" + e($0) }.joined(separator: ", ") + "\n"
    }
    for concern in concerns where concern.open {
      out += "  open concern '\(e(concern.name))' (@\(e(concern.raisedBy)))\n"
    }
    return out
  }
}
