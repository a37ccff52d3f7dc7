import ArgumentParser
import BatonChecks
import BatonCorpus
import BatonDocuments
import BatonReport
import BatonSource
import BatonSupport
import Foundation

extension Baton {
  struct Decide: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "decide",
      abstract: "Accept or reject a proposal whose decision rule is met.",
      discussion: """
        Writes the new status where the document keeps it (front matter, a status section or \
        a Status line) and an outcome line beside its responses, then prints the diff, ready \
        to commit. Refuses when the kind's decision rule is not met, unless --force.
        Example: baton decide 0042 accept --note "Ship it behind a flag"
        """)

    @OptionGroup var source: SourceOptionGroup
    @OptionGroup var todayOption: TodayOption

    @Argument(help: "The document: its number (0042), identifier or path.")
    var id: String

    @Argument(help: "accept or reject.")
    var outcome: DecisionState.Outcome

    @Option(name: .long, help: "A sentence recorded with the outcome.")
    var note: String?

    @Option(name: .long, help: "Who decides (default: the git user in people.yml, else the owner).")
    var by: String?

    @Flag(name: .long, help: "Decide even though the rule is not met (say why with --note).")
    var force = false

    func validate() throws {
      try source.refuseRevision(for: "decide")
    }

    func run() throws {
      try Terminal.run {
        let loaded = try Loader.load(source.sourceOptions())
        guard let top = loaded.workingDirectory else {
          throw CommandFailure("the repository is bare: 'baton decide' writes into a working tree")
        }
        let corpus = loaded.parse(keepingBodies: false).assemble()
        let document = try Decide.find(id, in: corpus, top: top)
        let decider =
          by.map(Person.handle(from:))
          ?? corpus.handle(ofAuthor: loaded.userName ?? "", email: loaded.userEmail ?? "")
          ?? document.owner?.value ?? "owner"
        let writer = DecisionWriter(
          outcome, decider: decider, today: todayOption.day, note: note, force: force)
        let url = URL(fileURLWithPath: top + "/" + document.path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let written: DecisionWriter.Written
        do throws(DecisionWriter.Refusal) {
          written = try writer.write(document, text: text, in: corpus)
        } catch {
          // The rule not being met is the document's state, not a failure of the tool.
          Terminal.error(
            "baton: error: not deciding \(TerminalText.escaped(document.identifier.text)): "
              + TerminalText.escaped(error.message) + "\n")
          throw ExitCode(1)
        }
        do {
          try Data(written.text.utf8).write(to: url, options: .atomic)
        } catch {
          throw CommandFailure("cannot write '\(url.path)': \(error.localizedDescription)")
        }
        Terminal.output(written.diff)
        Terminal.error(
          "baton: \(document.path) is \(written.status); commit it, e.g. git commit -am "
            + "'\(written.status.capitalizedFirstLetter) \(document.identifier.text): "
            + "\(document.displayTitle)'\n")
      }
    }

    /// The document a command-line reference names: a path (as given, relative to here), a
    /// number or an identifier; one that names several is refused.
    static func find(_ reference: String, in corpus: Corpus, top: String?) throws -> Document {
      var key = reference
      if FileManager.default.fileExists(atPath: reference), let top,
        let relative = Workflow.repositoryRelative(
          reference, workingDirectory: FileManager.default.currentDirectoryPath, top: top)
      {
        key = relative
      }
      let matches = corpus.documents(matching: key)
      guard let match = matches.first else {
        throw CommandFailure(
          "no document '\(reference)': give a path or a number, see 'baton list'")
      }
      guard matches.count == 1 else {
        throw CommandFailure(
          "'\(reference)' names \(matches.count) documents: "
            + matches.map { "'\($0.path)'" }.joined(separator: ", ") + "; give the path")
      }
      return match
    }
  }
}

extension DecisionState.Outcome: ExpressibleByArgument {}

extension String {
  fileprivate var capitalizedFirstLetter: String {
    guard let first else { return self }
    return first.uppercased() + dropFirst()
  }
}
