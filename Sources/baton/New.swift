import ArgumentParser
import BatonAdoption
import BatonConfig
import BatonCorpus
import BatonDocuments
import BatonSite
import BatonSource
import BatonSupport
import Foundation

extension Baton {
  struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "new",
      abstract: "Scaffold a new decision, update or page from its kind's template.",
      discussion: """
        Example: baton new decision "Use Postgres"  → decisions/0008-use-postgres.md
        The number continues the collection's own style (0008, ADR-008 …); the owner comes from \
        people.yml (matched by git e-mail or name) or git config; dates are today's. A handbook \
        can override a kind's template with templates/new/<kind>.md.
        """)

    @OptionGroup var source: SourceOptionGroup

    @Argument(help: "The kind: decision, update or page (or a kind declared in baton.yml).")
    var kind: String

    @Argument(help: "The document's title.")
    var title: String

    @Option(name: .long, help: "The collection to write into (default: the first of the kind).")
    var collection: String?

    @Option(name: .long, help: "The date to use instead of today (YYYY-MM-DD).")
    var today: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Who the call to action asks (@handle or a team); repeat for several.",
        discussion: "With an sla in baton.yml, respond-by is the latest of their deadlines."))
    var ask: [String] = []

    @Option(name: .long, help: "The urgency, one of baton.yml's sla windows (urgent, standard …).")
    var urgency: String?

    func validate() throws {
      if title.trimmingCharacters(in: .whitespaces).isEmpty {
        throw ValidationError(
          "the title is empty: give one, e.g. baton new decision \"Use Postgres\"")
      }
      if let today, Day(parsing: today) == nil {
        throw ValidationError("'--today \(today)' is not a date: use YYYY-MM-DD")
      }
      try source.refuseRevision(for: "new")
    }

    func run() throws {
      try Terminal.run {
        var options = source.sourceOptions()
        options.requiresCollections = false
        let loaded = try Loader.load(options)
        guard let top = loaded.workingDirectory else {
          throw CommandFailure("the repository is bare: 'baton new' writes into a working tree")
        }
        let corpus = loaded.parse().assemble()
        let configuration = corpus.configuration
        let kindName = Baton.List.singular(kind.lowercased())
        if collection == nil, configuration.kinds[kind] == nil, configuration.kinds[kindName] == nil
        {
          Terminal.usageFailure(
            "unknown kind '\(kind)': the kinds here are "
              + configuration.kinds.keys.sorted().joined(separator: ", "))
        }
        guard
          let target = configuration.collections.first(where: { candidate in
            if let collection { return candidate.name == collection }
            return candidate.kind == kindName || candidate.kind == kind
          })
        else {
          let known = configuration.collections.map { "'\($0.name)' (\($0.kind))" }.joined(
            separator: ", ")
          throw CommandFailure(
            "no collection for '\(collection ?? kind)': collections here are \(known.isEmpty ? "none" : known); "
              + "declare one in baton.yml or run 'baton init'")
        }
        let schema = configuration.schema(ofKind: target.kind)
        let day = today.flatMap(Day.init(parsing:)) ?? Day.today()
        let (path, number) = Scaffold.newPath(
          in: target, schema: schema, corpus: corpus, title: title, today: day)
        let templatePath =
          top + "/" + Scaffold.joined(configuration.root, "templates/new/\(target.kind).md")
        let template =
          (try? String(contentsOfFile: templatePath, encoding: .utf8))
          ?? Scaffold.template(for: schema)
        let owner = author(loaded: loaded, people: corpus.people)
        let respondBy = deadline(corpus: corpus, schema: schema, day: day)
        var text = Scaffold.fill(
          template,
          Scaffold.Values(
            title: title, today: day, owner: owner, number: number, respondBy: respondBy))
        text = Scaffold.asking(ask, in: text, schema: schema)
        if let urgency, text.hasPrefix("---\n") {
          text.insert(
            contentsOf: "urgency: \(urgency.lowercased())\n",
            at: text.index(text.startIndex, offsetBy: 4))
        }
        let url = URL(fileURLWithPath: top + "/" + path)
        if FileManager.default.fileExists(atPath: url.path) {
          throw CommandFailure("'\(path)' already exists: choose another title")
        }
        try FileWriter.write(text, to: url)
        Terminal.output(path + "\n")
      }
    }

    /// The latest deadline of the responders asked, from the urgency's window in baton.yml
    /// (counted from now, or from the start of `--today`); nil without an sla.
    private func deadline(corpus: Corpus, schema: KindSchema, day: Day) -> Day? {
      let configuration = corpus.configuration
      let window: ResponseWindow?
      if let urgency {
        guard let named = ResponseWindow.named(urgency, configuration: configuration) else {
          let known = configuration.responseWindows.keys.sorted().joined(separator: ", ")
          Terminal.usageFailure(
            "'--urgency \(urgency)' is not a window of baton.yml's sla: "
              + (known.isEmpty ? "declare one under 'sla'" : "use one of \(known)"))
        }
        window = named
      } else {
        window = ResponseWindow.of(kind: schema, configuration: configuration)
      }
      guard let window else { return nil }
      let now = today == nil ? Date() : WorkingSchedule.standard.moment(on: day, minutes: 0)
      return window.respondBy(responders: ask, namedAt: now, people: corpus.people)
    }

    /// `@handle` from people.yml when the git e-mail or name matches, else the git name.
    private func author(loaded: LoadedSource, people: People?) -> String {
      if let person = people?.person(email: loaded.userEmail, name: loaded.userName) {
        return "@" + person.handle
      }
      if let name = loaded.userName, !name.isEmpty { return "@" + Scaffold.slug(name) }
      return "@owner"
    }
  }
}
