import BatonConfig
import BatonSupport

/// One person's answer to a call to action, as the document writes it: a line of its
/// responses section (`- @grace: approve`) or an entry of `responses:` in its front matter.
///
/// A person gives one answer (approve, object, abstain) and may raise named concerns and
/// resolve them (`concern "rollback plan"`, later `resolved "rollback plan"`). Parsing is pure:
/// when and by whom a line was committed is the Corpus's business (`ResponseLedger`).
public struct Response: Sendable, Hashable {
  /// What a response says.
  public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
    case approve
    case object
    case abstain
    case concern
    case resolved

    /// Whether the verdict is a person's answer (approve, object, abstain), as opposed to a
    /// concern raised or resolved beside it.
    public var isAnswer: Bool { self == .approve || self == .object || self == .abstain }
  }

  /// The handle the response speaks for, without `@`.
  public var handle: String
  public var verdict: Verdict
  /// The objection's reason, the concern's name, or a note after an answer; empty when none.
  public var text: String
  public var line: Int
  public var column: Int
  public var origin: ValueOrigin

  public init(
    handle: String, verdict: Verdict, text: String = "", line: Int, column: Int = 1,
    origin: ValueOrigin = .body
  ) {
    self.handle = handle
    self.verdict = verdict
    self.text = text
    self.line = line
    self.column = column
    self.origin = origin
  }

  /// What identifies the response across versions of its document: the handle, the verdict
  /// and the text's letters (so re-wrapping or re-quoting a line does not make it new).
  public var key: String {
    handle.lowercased() + " " + verdict.rawValue + " " + KindSchema.SectionSpec.letters(text)
  }

  /// The concern a `concern` or `resolved` line names, folded for matching; nil otherwise.
  public var concernKey: String? {
    verdict == .concern || verdict == .resolved ? KindSchema.SectionSpec.letters(text) : nil
  }
}

/// A line of a responses section that is not a response, with how to write it.
public struct ResponseProblem: Error, Sendable, Hashable {
  /// What is wrong and how to fix it.
  public var message: String
  /// The line as written.
  public var text: String
  public var line: Int
  public var column: Int
}

extension Response {
  /// The shapes a response takes, for messages.
  static let shapes =
    "'@handle: approve', 'object — reason', 'abstain', 'concern \"name\"' or 'resolved \"name\"'"

  /// Words read as each verdict (lower case).
  static let words: [String: Verdict] = [
    "approve": .approve, "approved": .approve, "approves": .approve, "lgtm": .approve,
    "yes": .approve, "+1": .approve, "agree": .approve, "agreed": .approve,
    "object": .object, "objects": .object, "objection": .object, "no": .object, "-1": .object,
    "abstain": .abstain, "abstains": .abstain, "abstained": .abstain,
    "concern": .concern, "resolved": .resolved, "resolve": .resolved, "resolves": .resolved,
  ]

  /// Reads one line (`@grace: approve`, `@kenji: object — no rollback plan`).
  ///
  /// - Parameters:
  ///   - requiresAt: whether the handle must start with `@` (in a section it must; front
  ///     matter may write `grace: approve`).
  /// - Returns: the response, or what is wrong with the line.
  static func parse(
    _ text: String, line: Int, column: Int = 1, origin: ValueOrigin, requiresAt: Bool = true
  ) -> Result<Response, ResponseProblem> {
    let trimmed = text.trimmingWhitespace()
    func problem(_ message: String) -> Result<Response, ResponseProblem> {
      .failure(ResponseProblem(message: message, text: trimmed, line: line, column: column))
    }
    guard let colon = trimmed.firstIndex(of: ":"),
      requiresAt ? trimmed.hasPrefix("@") : true
    else {
      return problem(
        "'\(trimmed)' is not a response: write one line per person, \(shapes), "
          + "or move the text out of the section")
    }
    let handle = Person.handle(from: String(trimmed[..<colon]))
    guard !handle.isEmpty, handle.allSatisfy({ !$0.isWhitespace }) else {
      return problem("'\(trimmed)' names no single '@handle' before the colon: \(shapes)")
    }
    let rest = trimmed[trimmed.index(after: colon)...].trimmingWhitespace()
    let word = rest.prefix { !$0.isWhitespace && !"—–:,\"“".contains($0) }
    guard let verdict = words[word.lowercased()] else {
      return problem(
        "'\(word.isEmpty ? rest : String(word))' is not an answer: use \(shapes)")
    }
    let detail = Response.detail(
      rest.dropFirst(word.count), isName: verdict == .concern || verdict == .resolved)
    switch verdict {
    case .concern where detail.isEmpty, .resolved where detail.isEmpty:
      return problem(
        "\(verdict.rawValue) needs the concern's name: '\(verdict.rawValue) \"rollback plan\"'")
    case .object where detail.isEmpty:
      return problem("an objection needs its reason: 'object — why it should not go ahead'")
    default:
      return .success(
        Response(
          handle: handle, verdict: verdict, text: detail, line: line, column: column,
          origin: origin))
    }
  }

  /// The text after a verdict, separators (`—`, `-`, `:`, `,`) dropped; for a concern's name,
  /// the quoted text when it is quoted.
  static func detail(_ text: Substring, isName: Bool) -> String {
    var rest = text.trimmingWhitespace()[...]
    while let first = rest.first, "—–-:,".contains(first) {
      rest = rest.dropFirst().trimmingWhitespace()[...]
    }
    // A quoted name is the text up to its closing quote; what follows is a comment.
    let quotes: [Character: Character] = ["\"": "\"", "“": "”", "'": "'", "‘": "’"]
    if isName, let open = rest.first, let close = quotes[open],
      let end = rest.dropFirst().firstIndex(of: close)
    {
      return rest[rest.index(after: rest.startIndex)..<end].trimmingWhitespace()
    }
    return rest.trimmingWhitespace()
  }
}
