import ArgumentParser
import BatonChecks
import BatonReport
import Foundation

extension Baton {
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show one document: metadata and where each value came from, sections, history.",
      discussion: """
        Examples: baton show 42   baton show decisions/0042-use-postgres.md --format json
        """)

    @OptionGroup var source: SourceOptionGroup

    @Argument(help: "A document's path, or its number or identifier (42, 0042, ADR-0042).")
    var document: String

    @Option(name: .long, help: "Output format: text or json.")
    var format: List.ListFormat = .text

    func run() throws {
      try Terminal.run {
        var options = source.sourceOptions(history: true)
        if FileManager.default.fileExists(atPath: document), let folder = Check.folder(document) {
          options = source.sourceOptions(start: folder, history: true)
        }
        let corpus = try Workflow.corpus(options, keepingBodies: false)
        Terminal.notes(corpus.repository.notes)
        let match = try Decide.find(
          document, in: corpus, top: try Workflow.repositoryTop(options))
        let detail = DocumentDetail(match, in: corpus)
        Terminal.output(format == .json ? detail.json() : detail.text())
      }
    }
  }
}
