import BatonConfig
import BatonCorpus
import BatonDocuments
import BatonSupport
import Foundation

/// New documents and new handbooks: file names in a collection's own numbering style, and
/// contents from the kind's template.
///
/// Templates are Markdown with `{{title}}`, `{{date}}`, `{{owner}}`, `{{number}}` and
/// `{{respond_by}}` placeholders; a handbook overrides one with `templates/new/<kind>.md`.
public enum Scaffold {
  /// The values filled into a template.
  public struct Values: Sendable {
    public var title: String
    public var today: Day
    /// `@handle` when `people.yml` knows the author, else their git name.
    public var owner: String
    public var number: String
    /// The call to action's deadline; nil writes a week from today.
    public var respondBy: Day?

    public init(
      title: String, today: Day, owner: String, number: String = "", respondBy: Day? = nil
    ) {
      self.title = title
      self.today = today
      self.owner = owner
      self.number = number
      self.respondBy = respondBy
    }
  }

  /// The built-in template of a kind, written from its schema: front matter for the fields the
  /// kind reads (its status, person, dates, a deadline while a call to action is due), then
  /// each of its sections with the line the author replaces (`SectionSpec.prompt`).
  ///
  /// - Parameter texts: text to write instead of a section's prompt, by section name.
  public static func template(for schema: KindSchema, texts: [String: String] = [:]) -> String {
    let status = initialStatus(of: schema)
    let asks =
      schema.section(withRole: .callToAction)?.required.applies(toStatus: status) ?? false
    var lines = ["---"]
    if let status { lines.append("status: \(status)") }
    lines.append("\(schema.personField): \"{{owner}}\"")
    if schema.listing == .record { lines.append("deciders: [\"{{owner}}\"]") }
    if schema.listing.isLog { lines.append("date: {{date}}") }
    if asks { lines.append("respond-by: {{respond_by}}") }
    if schema.listing == .report { lines.append("team: \"\"") }
    if schema.reviewable { lines.append("review-by: {{review_by}}") }
    if schema.listing != .report { lines.append("tags: []") }
    lines += ["---", "# {{title}}", ""]
    // Responders add their own section when they answer; a status section is metadata.
    for section in schema.sections where section.role != .status && section.role != .responses {
      if section.role == .callToAction && !asks { continue }
      let text = texts[section.name] ?? section.prompt ?? KindSchema.SectionSpec.genericPrompt
      lines += ["## \(section.name)", "", text, ""]
    }
    return lines.joined(separator: "\n")
  }

  /// The status a new document starts in: a record's first open status (it asks for
  /// responses), else the kind's first status; nil for kinds without statuses.
  public static func initialStatus(of schema: KindSchema) -> String? {
    if schema.listing == .record,
      let open = schema.statuses.first(where: schema.openStatuses.contains)
    {
      return open
    }
    return schema.statuses.first
  }

  /// Fills a template's placeholders.
  public static func fill(_ template: String, _ values: Values) -> String {
    let replacements = [
      "{{title}}": values.title, "{{date}}": values.today.description, "{{owner}}": values.owner,
      "{{number}}": values.number,
      "{{respond_by}}": (values.respondBy ?? values.today.adding(days: 7)).description,
      "{{review_by}}": values.today.adding(days: 180).description,
    ]
    var text = template
    for (key, value) in replacements {
      text = text.replacingOccurrences(of: key, with: value)
    }
    return text
  }

  /// The text with a line naming `responders` at the top of its call-to-action section (the
  /// first heading naming the kind's call-to-action section); unchanged when it has none.
  public static func asking(_ responders: [String], in text: String, schema: KindSchema)
    -> String
  {
    guard !responders.isEmpty, let spec = schema.section(withRole: .callToAction) else {
      return text
    }
    var lines = text.components(separatedBy: "\n")
    guard
      let heading = lines.firstIndex(where: {
        $0.hasPrefix("## ") && spec.matches(heading: String($0.dropFirst(3)))
      })
    else { return text }
    let names = responders.map { "@" + Person.handle(from: $0) }.joined(separator: ", ")
    lines.insert(contentsOf: ["", "Asking \(names)."], at: heading + 1)
    return lines.joined(separator: "\n")
  }

  /// A file-name slug: lower case ASCII letters and digits joined by `-`.
  public static func slug(_ title: String) -> String {
    let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    var words: [String] = []
    var current = ""
    for scalar in folded.unicodeScalars {
      if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
        current.unicodeScalars.append(scalar)
      } else if !current.isEmpty {
        words.append(current)
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    let slug = words.prefix(8).joined(separator: "-").lowercased()
    return slug.isEmpty ? "untitled" : slug
  }

  /// The path of a new document in a collection: the next number in the collection's own style
  /// for numbered kinds, a date stamp for reports (updates), the slug for the others.
  public static func newPath(
    in collection: Collection, schema: KindSchema, corpus: Corpus, title: String, today: Day
  ) -> (path: String, number: String) {
    let slug = slug(title)
    let folder = collection.path.isEmpty ? "" : collection.path + "/"
    if schema.numbered {
      let numbered = corpus.documents.filter {
        $0.collection == collection.name && $0.identifier.number != nil
      }
      let style = numbered.max { $0.identifier.number ?? 0 < $1.identifier.number ?? 0 }?.identifier
      let next = corpus.nextFreeNumber(inCollection: collection.name)
      let width = style?.width ?? 4
      let digits = String(next)
      let number = String(repeating: "0", count: max(0, width - digits.count)) + digits
      let prefix = style?.prefix ?? ""
      return ("\(folder)\(prefix)\(number)-\(slug).md", number)
    }
    if schema.listing == .report {
      return ("\(folder)\(today)-\(slug).md", "")
    }
    return ("\(folder)\(slug).md", "")
  }

  /// The files `baton init` writes, relative to the handbook root.
  public static func initialFiles(today: Day, owner: String) -> [(path: String, text: String)] {
    let decision = """
      ---
      status: accepted
      owner: "\(owner)"
      deciders: ["\(owner)"]
      date: \(today)
      tags: [process]
      ---
      # 1. Record decisions in this repository

      ## Context

      Decisions made in meetings and chat threads are lost: newcomers cannot find why things \
      are the way they are, and the same questions are argued again.

      ## Proposal

      We write each significant decision as a Markdown record in `decisions/`, propose it as a \
      pull request, and let `baton check` make sure it has context, a proposal and, while it is \
      proposed, a call to action naming who must respond and by when.

      ## Consequences

      Decisions are searchable and reviewable; proposing one takes a few minutes of writing.

      """
    let update = fill(
      template(
        for: .update,
        texts: [
          "Summary": "Baton is set up: decisions, updates and handbook pages live here.",
          "Progress": "- Set up Baton.", "Blockers": "None.",
          "Next Steps": "- Propose the next decision with `baton new decision \"Title\"`.",
        ]),
      Values(title: "Getting started with Baton", today: today, owner: owner)
    ).replacingOccurrences(of: "team: \"\"", with: "team: core")
    let page = fill(
      template(
        for: .page,
        texts: ["Summary": "Start with the decision log: it says what was decided and why."]),
      Values(title: "Welcome", today: today, owner: owner))
    let config = """
      title: Handbook
      # base-url: https://handbook.example.com/
      # repository: https://github.com/acme/handbook
      collections:
        decisions: { path: decisions, kind: decision }
        updates:   { path: updates,   kind: update }
        handbook:  { path: handbook,  kind: page }
      # people: people.yml
      review-period-days: 180

      """
    return [
      ("baton.yml", config),
      (".gitignore", "# Built by `baton build`; the history cache of `baton`.\n_site/\n.baton/\n"),
      ("decisions/0001-record-decisions.md", decision),
      ("updates/\(today)-getting-started-with-baton.md", update),
      ("handbook/welcome.md", page),
    ]
  }
}

extension Scaffold {
  /// Joins a handbook root and a path relative to it.
  public static func joined(_ root: String, _ path: String) -> String {
    Configuration.join(root, path)
  }
}
