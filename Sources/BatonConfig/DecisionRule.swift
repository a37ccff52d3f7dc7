/// How a kind's documents are decided once their call to action has been answered: what
/// `baton.yml` declares as a kind's `decision-rule:`.
///
/// Every rule is blocked by an open concern. Teams named in the call to action count as one
/// responder each, answered when their `Quorum` of members has answered.
public struct DecisionRule: Sendable, Hashable {
  /// The ways of deciding.
  public enum Method: String, Sendable, Hashable, CaseIterable, Codable {
    /// Silence is consent: no objection (and no open concern) by the deadline. Met early when
    /// every responder has answered without objecting.
    case lazyConsensus = "lazy-consensus"
    /// Explicit consent: the quorum of responders answered, and none objects.
    case consent
    /// The quorum answered and more approve than object (abstentions aside).
    case majority
    /// Every responder approves (abstaining is allowed; no objection).
    case unanimous
    /// The owner decides once no concern is open; answers inform but do not bind.
    case owner
  }

  public var method: Method
  /// How many responders must answer, where the method counts answers (consent, majority);
  /// nil means the method's default: all of them for consent, more than half for majority.
  public var quorum: Quorum?
  /// The status `baton decide ID accept` writes (`accept:`); a document with this status and
  /// an open concern is an error.
  public var acceptedStatus: String
  /// The status `baton decide ID reject` writes (`reject:`).
  public var rejectedStatus: String

  public init(
    _ method: Method, quorum: Quorum? = nil, acceptedStatus: String = "accepted",
    rejectedStatus: String = "rejected"
  ) {
    self.method = method
    self.quorum = quorum
    self.acceptedStatus = acceptedStatus
    self.rejectedStatus = rejectedStatus
  }
}

/// How many of a group must answer: any one, a number, or all.
public enum Quorum: Sendable, Hashable {
  case any
  case count(Int)
  case all

  /// Reads `any`, `all` or a whole number above 0.
  public init?(parsing text: String) {
    switch text.trimmingWhitespace().lowercased() {
    case "any", "one": self = .any
    case "all", "every", "everyone": self = .all
    case let number:
      guard let count = Int(number), count > 0 else { return nil }
      self = .count(count)
    }
  }

  /// How many of `total` must answer (at most `total`).
  public func required(of total: Int) -> Int {
    switch self {
    case .any: min(1, total)
    case .count(let count): min(count, total)
    case .all: total
    }
  }

  /// As written in `baton.yml`.
  public var description: String {
    switch self {
    case .any: "any"
    case .count(let count): "\(count)"
    case .all: "all"
    }
  }
}
