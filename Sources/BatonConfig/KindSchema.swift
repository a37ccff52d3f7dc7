/// What a kind of document must contain: its sections, statuses and required fields.
///
/// Kinds are data, not code: the three defaults (`decision`, `update`, `page`) are values of this
/// type, and `baton.yml` can override any part of them or declare a new kind from a base.
public struct KindSchema: Sendable, Hashable {
  public var name: String
  /// Sections the kind knows, in the order a template writes them.
  public var sections: [SectionSpec]
  /// Known statuses, lower case; empty means the kind has no status.
  public var statuses: [String]
  /// Statuses in which a document is still open for responses (its call to action applies).
  public var openStatuses: Set<String>
  /// When the front matter must name an accountable `owner`.
  public var ownerRequired: Requirement
  /// Whether the first section must be the summary (handbook pages: a TL;DR first).
  public var summaryFirst: Bool
  /// Whether documents carry a review date and go stale (handbook pages).
  public var reviewable: Bool
  /// Whether file names carry numbers (`0042-slug.md`) that identify documents.
  public var numbered: Bool
  /// The field naming the document's author or owner shown in lists (`owner`, `author`).
  public var personField: String
  /// How the site lists the kind's documents and how `baton new` names new ones.
  public var listing: Listing
  /// The kind's name in the plural, lower case, for feeds and headings (`decisions`).
  public var plural: String
  /// How the kind's documents are decided from their responses (`decision-rule:`); nil when
  /// the kind declares none, and answers are then only recorded.
  public var decisionRule: DecisionRule?
  /// How many members of a team named in a call to action must answer for the team to have
  /// answered (`team-quorum:`).
  public var teamQuorum: Quorum = .any

  /// How a kind's documents are listed, named and followed: the traits the site and the
  /// scaffold read instead of a kind's name.
  public enum Listing: String, Sendable, Hashable, CaseIterable {
    /// Records with a status lifecycle: a log table with filters, a recent list on the home
    /// page and a feed; new ones take the next number when the kind is numbered.
    case record
    /// Dated reports by an author: grouped by date, team and author, a recent list on the home
    /// page and a feed; new ones are named by date.
    case report
    /// Pages in a navigation tree (a folder's `index.md` or `README.md` stands for the folder).
    case page

    /// Whether documents of this listing have a feed and a recent list on the home page.
    public var isLog: Bool { self != .page }
  }

  /// The urgency a document of this kind has when it sets no `urgency:` (a name under
  /// `baton.yml`'s `sla:`); nil means the window named `standard`, if there is one.
  public var urgency: String?

  /// Field names as a log writes them, folded (`KindSchema.foldFieldName`), mapped to Baton's
  /// (`start-date` → `date`): `fields:` in `baton.yml`.
  public var fieldAliases: [String: String] = [:]

  /// When something is required.
  public enum Requirement: Sendable, Hashable {
    case never
    case always
    /// Required while the document's status is one of these.
    case whileStatus(Set<String>)

    /// Whether the requirement applies to a document with this status.
    public func applies(toStatus status: String?) -> Bool {
      switch self {
      case .never: false
      case .always: true
      case .whileStatus(let statuses): status.map(statuses.contains) ?? false
      }
    }
  }

  /// A section the kind knows, found under its name or any alias.
  public struct SectionSpec: Sendable, Hashable {
    public var name: String { didSet { keys = SectionSpec.keys(name, aliases) } }
    public var aliases: [String] { didSet { keys = SectionSpec.keys(name, aliases) } }
    public var required: Requirement
    public var role: Role
    /// The line `baton new` writes in the section for the author to replace; a document that
    /// still holds it is unedited (`unedited-template`). Nil: `SectionSpec.genericPrompt`.
    public var prompt: String? {
      didSet { promptKey = SectionSpec.letters(prompt ?? SectionSpec.genericPrompt) }
    }
    /// The prompt's letters, folded once: rules compare every line of a section with it.
    private var promptKey: String
    /// Lines a handbook's own `templates/new/<kind>.md` writes in the section (see
    /// `KindSchema.reading(template:)`): left in, they are unedited too.
    public var templateLines: [String] = [] {
      didSet {
        templateKeys = Set(templateLines.map(SectionSpec.letters))
        longestTemplateKey = templateKeys.map(\.utf8.count).max() ?? 0
      }
    }
    private var templateKeys: Set<String> = []
    private var longestTemplateKey = 0
    /// The normalised name and aliases, computed once: rules match headings on a hot path.
    private var keys: Set<String>

    /// What a section means to the rules, beyond being present.
    public enum Role: String, Sendable, Hashable {
      case plain
      /// Must name who responds and by when.
      case callToAction = "call-to-action"
      /// The summary a reader can act on.
      case summary
      /// adr-tools' `## Status` section; metadata, not prose.
      case status
      /// Answers to the call to action, one line per person (`- @grace: approve`).
      case responses
    }

    /// What `baton new` writes in a section whose kind gives it no prompt of its own.
    public static let genericPrompt = "Replace this line with the section's text."

    /// A section the schema does not name, as far as its prompt goes: the generic one only.
    public static let unnamed = SectionSpec("")

    /// Whether a line of the section is the line `baton new` wrote there (its prompt, or the
    /// generic one), however it was wrapped, quoted or marked up since.
    public func isPrompt(_ line: String) -> Bool {
      // Folding is the cost: a line far longer than both prompts is not one of them.
      let longest = max(
        promptKey.utf8.count, SectionSpec.genericKey.utf8.count, longestTemplateKey)
      guard line.utf8.count <= 2 * longest + 16 else { return false }
      guard line.utf8.allSatisfy({ $0 < 0x80 }) else {
        let folded = SectionSpec.letters(line)
        return folded == promptKey || folded == SectionSpec.genericKey
          || templateKeys.contains(folded)
      }
      // Every line of every section comes here: compared as it is folded, without making the
      // folded text, most lines part from every key at their first letter.
      return SectionSpec.folds(line, to: promptKey)
        || SectionSpec.folds(line, to: SectionSpec.genericKey)
        || templateKeys.contains { SectionSpec.folds(line, to: $0) }
    }

    /// Whether an ASCII line's letters and digits, lower case, are `key` (as `letters` gives it).
    static func folds(_ line: String, to key: String) -> Bool {
      var expected = key.utf8.makeIterator()
      for byte in line.utf8 where byte.isASCIIAlphanumeric {
        guard expected.next() == (byte.isASCIIUppercase ? byte | 0x20 : byte) else { return false }
      }
      return expected.next() == nil
    }

    private static let genericKey = letters(genericPrompt)

    /// A text's letters and digits, lower case; on bytes for ASCII text (nearly all), as
    /// every line of every section goes through it.
    package static func letters(_ text: String) -> String {
      guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
        return String(text.lowercased().filter { $0.isLetter || $0.isNumber })
      }
      var output: [UInt8] = []
      output.reserveCapacity(text.utf8.count)
      for byte in text.utf8 where byte.isASCIIAlphanumeric {
        output.append(byte.isASCIIUppercase ? byte | 0x20 : byte)
      }
      return String(decoding: output, as: UTF8.self)
    }

    public init(
      _ name: String, aliases: [String] = [], required: Requirement = .never, role: Role = .plain,
      prompt: String? = nil
    ) {
      self.name = name
      self.aliases = aliases
      self.required = required
      self.role = role
      self.prompt = prompt
      self.promptKey = SectionSpec.letters(prompt ?? SectionSpec.genericPrompt)
      self.keys = SectionSpec.keys(name, aliases)
    }

    private static func keys(_ name: String, _ aliases: [String]) -> Set<String> {
      Set(([name] + aliases).map(normalize))
    }

    /// Whether a heading's text names this section (case, numbering and punctuation ignored).
    public func matches(heading: String) -> Bool {
      keys.contains(SectionSpec.normalize(heading))
    }

    /// `matches(heading:)` for a heading's bytes after its `#` marks, not yet trimmed: the same
    /// answer without making a string when the heading is ASCII (nearly all), for scans of
    /// whole files.
    public func matches(headingBytes bytes: UnsafeBufferPointer<UInt8>) -> Bool {
      guard bytes.allSatisfy({ $0 < 0x80 }) else {
        return matches(heading: String(decoding: bytes, as: UTF8.self).trimmingWhitespace())
      }
      return keys.contains { SectionSpec.foldsASCII(bytes, to: $0) }
    }

    /// Whether an ASCII heading, once its leading spaces and line breaks are trimmed, folds to
    /// `key` as `normalizeASCII` folds it, compared as it goes.
    private static func foldsASCII(_ bytes: UnsafeBufferPointer<UInt8>, to key: String) -> Bool {
      var expected = key.utf8.makeIterator()
      let trimmed = bytes.drop { $0 == UInt8(ascii: " ") || (0x09...0x0D).contains($0) }
      return foldASCII(trimmed) { expected.next() == $0 } && expected.next() == nil
    }

    /// Whether a section's folded heading (`Section.key`) names this section.
    public func matches(key: String) -> Bool {
      keys.contains(key)
    }

    /// Folds a heading for comparison: lower case, leading numbering and trailing colons dropped.
    public static func normalize(_ heading: String) -> String {
      if heading.utf8.allSatisfy({ $0 < 0x80 }) { return normalizeASCII(heading) }
      var text = heading.lowercased()
      while let first = text.first, first.isNumber || first == "." || first == " " {
        text.removeFirst()
      }
      text = String(text.filter { $0.isLetter || $0.isNumber || $0 == " " })
      return text.split(separator: " ").joined(separator: " ")
    }

    /// `normalize` for ASCII headings (nearly all), on bytes: the same steps without Unicode
    /// property lookups per character.
    private static func normalizeASCII(_ heading: String) -> String {
      var output: [UInt8] = []
      output.reserveCapacity(heading.utf8.count)
      _ = foldASCII(heading.utf8) {
        output.append($0)
        return true
      }
      return String(decoding: output, as: UTF8.self)
    }

    /// Folds an ASCII heading as `normalize` does (lower case, leading numbering dropped,
    /// letters and digits kept, runs of spaces made one), handing each byte of the folded text
    /// to `emit`, which returns false to stop; false when it stopped.
    private static func foldASCII(_ bytes: some Sequence<UInt8>, _ emit: (UInt8) -> Bool) -> Bool {
      var leading = true
      var pendingSpace = false
      var started = false
      for byte in bytes {
        let lower = byte.isASCIIUppercase ? byte | 0x20 : byte
        let isDigit = lower.isASCIIDigit
        if leading {
          if isDigit || lower == UInt8(ascii: ".") || lower == UInt8(ascii: " ") { continue }
          leading = false
        }
        if lower == UInt8(ascii: " ") {
          pendingSpace = started
        } else if isDigit || lower.isASCIILowercase {
          if pendingSpace, !emit(UInt8(ascii: " ")) { return false }
          pendingSpace = false
          guard emit(lower) else { return false }
          started = true
        }
      }
      return true
    }
  }

  /// The sections of a kind whose call to action is answered in the document.
  public var hasResponses: Bool { sections.indices.contains { sections[$0].role == .responses } }

  /// Whether the site shows the kind's documents as a navigation tree (pages, not numbered).
  public var isTree: Bool { listing == .page && !numbered }

  /// Folds a field name as documents write it: lower case, spaces and `_` as `-`, emphasis and
  /// a trailing colon dropped (`**Start Date**` → `start-date`, `Author(s)` → `author(s)`).
  public static func foldFieldName(_ name: String) -> String {
    // Every front matter key of every document comes here: ASCII names (nearly all) are folded
    // over their bytes.
    if name.utf8.allSatisfy({ $0 < 0x80 }) { return foldASCIIFieldName(name) }
    var text = name.trimmingWhitespace().lowercased()
    text = text.trimming(["*", "_", "`", ":", " "])
    return String(text.map { $0 == " " || $0 == "_" ? "-" : $0 })
  }

  /// `foldFieldName` over the bytes of an ASCII name.
  static func foldASCIIFieldName(_ name: String) -> String {
    var bytes = Array(name.utf8)
    let space: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
    let edge: (UInt8) -> Bool = { "*_`: ".utf8.contains($0) }
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end, space(bytes[start]) { start += 1 }
    while end > start, space(bytes[end - 1]) { end -= 1 }
    while start < end, edge(bytes[start]) { start += 1 }
    while end > start, edge(bytes[end - 1]) { end -= 1 }
    for index in start..<end {
      let byte = bytes[index]
      bytes[index] =
        byte == 0x20 || byte == UInt8(ascii: "_")
        ? UInt8(ascii: "-") : (byte.isASCIIUppercase ? byte | 0x20 : byte)
    }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// The section with a role, if the kind has one.
  public func section(withRole role: SectionSpec.Role) -> SectionSpec? {
    // By offset: only the role of each section is read, and the one found is copied.
    sections.indices.first { sections[$0].role == role }.map { sections[$0] }
  }
}

extension KindSchema.SectionSpec {
  /// Where answers to a call to action are written, one line per person.
  public static let responses = KindSchema.SectionSpec(
    "Responses", aliases: ["Sign-offs", "Signoffs", "Reviews", "Votes", "Answers"],
    role: .responses)
}

extension KindSchema {
  /// Decision records: Context, Proposal and, while proposed, a Call to Action.
  public static let decision = KindSchema(
    name: "decision",
    sections: [
      SectionSpec("Status", role: .status),
      SectionSpec(
        "Context", aliases: ["Background", "Context and Problem Statement", "Problem Statement"],
        required: .always,
        prompt:
          "What is the problem, and why does it need a decision now? What forces are at play?"),
      SectionSpec(
        "Proposal", aliases: ["Decision", "Decision Outcome", "Proposed Solution"],
        required: .always,
        prompt: "What we propose to do, stated so that someone can act on it."),
      SectionSpec(
        "Options Considered", aliases: ["Considered Options", "Options", "Alternatives"],
        prompt: "The options weighed, doing nothing among them, and why each was taken or not."),
      SectionSpec("Consequences", prompt: "What becomes easier, and what becomes harder."),
      SectionSpec(
        "Call to Action", aliases: ["CTA", "Request for Comments", "Action Required"],
        required: .whileStatus(["proposed"]), role: .callToAction,
        prompt:
          "Name who must respond (`@handle` or a team) and what you need from them, "
          + "by the respond-by date."),
      .responses,
    ],
    statuses: [
      "draft", "proposed", "accepted", "rejected", "superseded", "deprecated",
    ],
    openStatuses: ["proposed"],
    ownerRequired: .whileStatus(["proposed"]),
    summaryFirst: false,
    reviewable: false,
    numbered: true,
    personField: "owner",
    listing: .record,
    plural: "decisions",
    decisionRule: DecisionRule(.lazyConsensus))

  /// Written stand-ups: Summary, Progress, Blockers, Next Steps; a call to action when blocked.
  public static let update = KindSchema(
    name: "update",
    sections: [
      SectionSpec(
        "Summary", aliases: ["TL;DR", "TLDR"], required: .always, role: .summary,
        prompt: "One or two sentences a reader can act on."),
      SectionSpec(
        "Progress", aliases: ["Done", "What Happened"], required: .always,
        prompt: "What got done since the last update."),
      SectionSpec(
        "Blockers", aliases: ["Risks", "Blockers and Risks"], required: .always,
        prompt: "What stands in the way, or 'None.'"),
      SectionSpec(
        "Next Steps", aliases: ["Next", "Plans", "Coming Up"], required: .always,
        prompt: "What comes next."),
      SectionSpec(
        "Call to Action", aliases: ["CTA", "Asks", "Help Needed"],
        required: .whileStatus(["blocked"]), role: .callToAction,
        prompt: "Name who must help (`@handle` or a team), with what, and by when."),
      .responses,
    ],
    statuses: ["on-track", "at-risk", "blocked", "done"],
    openStatuses: ["blocked", "at-risk"],
    ownerRequired: .never,
    summaryFirst: false,
    reviewable: false,
    numbered: false,
    personField: "author",
    listing: .report,
    plural: "updates")

  /// Handbook pages: a summary first, free sections after, a review date.
  public static let page = KindSchema(
    name: "page",
    sections: [
      SectionSpec(
        "Summary", aliases: ["TL;DR", "TLDR", "Overview"], required: .always, role: .summary,
        prompt: "What a reader needs to know and do, in a few sentences.")
    ],
    statuses: [],
    openStatuses: [],
    ownerRequired: .always,
    summaryFirst: true,
    reviewable: true,
    numbered: false,
    personField: "owner",
    listing: .page,
    plural: "pages")

  /// The built-in kinds by name.
  public static let defaults: [String: KindSchema] = [
    "decision": .decision, "update": .update, "page": .page,
  ]

  /// The built-in kind that lists its documents as `listing` does: what a log, an update
  /// log or a handbook found by `baton init` is based on.
  public static func builtIn(listing: Listing) -> KindSchema {
    defaults.values.filter { $0.listing == listing }.min { $0.name < $1.name } ?? .page
  }
}

extension KindSchema {
  /// README, index and template files of a numbered (decision) folder are not decisions.
  package static func isNotADocument(_ path: String, kind: KindSchema?) -> Bool {
    guard kind?.numbered ?? false else { return false }
    // The file's name, not every name of its path: Load asks this of every document.
    let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
    let name = (slash.map { path[path.utf8.index(after: $0)...] } ?? path[...]).lowercased()
    let stem = stem(of: name)
    // `template.md`, `adr-template.md`, `template-madr.md`; not `0004-mustache-templates.md`.
    let isTemplate =
      stem == "template" || stem.hasSuffix("-template") || stem.hasSuffix("_template")
      || stem.hasPrefix("template-") || stem.hasPrefix("template_")
    return ["readme", "index"].contains(stem) || isTemplate || stem.hasPrefix("_")
  }

  /// A file's name up to its first dot (leading dots skipped), or the whole name if that leaves
  /// nothing. An ASCII name is cut by its bytes: splitting by characters is tens of times
  /// slower, and Load asks this of every document of a numbered kind.
  package static func stem(of name: String) -> String {
    guard name.utf8.allSatisfy({ $0 < 0x80 }) else {
      return name.split(separator: ".").first.map(String.init) ?? name
    }
    let dot = UInt8(ascii: ".")
    let utf8 = name.utf8
    guard let start = utf8.firstIndex(where: { $0 != dot }) else { return name }
    let end = utf8[start...].firstIndex(of: dot) ?? utf8.endIndex
    return String(name[start..<end])
  }
}
