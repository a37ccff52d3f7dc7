import ArgumentParser
import BatonChecks
import BatonConfig
import BatonDocuments
import BatonReport
import BatonSupport

extension Baton {
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List documents by kind, status, tag or owner.",
      discussion: "Example: baton list decision --status proposed --format json")

    @OptionGroup var source: SourceOptionGroup

    @Argument(help: "A kind (decision, update, page) or collection name; default: all.")
    var kind: String?

    @Option(name: .long, help: "Only documents with this status.")
    var status: String?

    @Option(name: .long, help: "Only documents with this tag.")
    var tag: String?

    @Option(name: .long, help: "Only documents owned (or written) by this handle.")
    var owner: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: ListFormat = .text

    enum ListFormat: String, ExpressibleByArgument, CaseIterable {
      case text, json
    }

    func run() throws {
      try Terminal.run {
        // Only the JSON shows history; the table does not pay for a walk over every commit.
        let corpus = try Workflow.corpus(
          source.sourceOptions(history: format == .json), keepingBodies: false)
        Terminal.notes(corpus.repository.notes)
        let wantedKind = kind.map { Baton.List.singular($0.lowercased()) }
        if let kind, let wantedKind {
          Baton.List.requireKnown(kind, singular: wantedKind, in: corpus.configuration)
        }
        let records = corpus.documents.filter { document in
          if let wantedKind, document.kind != wantedKind, document.collection != kind {
            return false
          }
          if let status, document.status?.value != status.lowercased() { return false }
          if let tag, !document.tags.contains(tag.lowercased()) { return false }
          if let owner,
            document.owner?.value.lowercased() != Person.handle(from: owner).lowercased()
          {
            return false
          }
          return true
        }.map {
          DocumentRecord($0, schema: corpus.schema(of: $0), history: corpus.history[$0.path])
        }
        switch format {
        case .json:
          Terminal.output(DocumentRecord.json(records))
        case .text:
          Terminal.output(Baton.List.table(records))
        }
      }
    }

    /// Throws a usage error naming the kinds and collections there are, for an unknown one.
    static func requireKnown(
      _ kind: String, singular: String, in configuration: Configuration
    ) {
      let kinds = Set(configuration.collections.map(\.kind)).union(configuration.kinds.keys)
      let names = configuration.collections.map(\.name)
      guard !kinds.contains(singular), !kinds.contains(kind), !names.contains(kind) else { return }
      Terminal.usageFailure(
        "unknown kind '\(kind)': the kinds here are \(kinds.sorted().joined(separator: ", "))"
          + " (collections: \(names.joined(separator: ", ")))")
    }

    /// `decisions` → `decision`, `pages` → `page`, so either spelling works.
    static func singular(_ word: String) -> String {
      word.hasSuffix("s") ? String(word.dropLast()) : word
    }

    static func table(_ records: [DocumentRecord]) -> String {
      let rows = records.map {
        [$0.id, $0.status ?? "", $0.owner ?? "", $0.date ?? "", $0.title, $0.path].map(
          TerminalText.escaped)
      }
      let header = ["ID", "STATUS", "OWNER", "DATE", "TITLE", "PATH"]
      var widths = header.map(\.count)
      for row in rows {
        for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
      }
      widths[4] = min(widths[4], 60)
      func line(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
          let clipped =
            cell.count > widths[index] ? String(cell.prefix(widths[index] - 1)) + "…" : cell
          return index == cells.count - 1
            ? clipped : clipped + String(repeating: " ", count: widths[index] - clipped.count)
        }.joined(separator: "  ") + "\n"
      }
      return line(header) + rows.map(line).joined()
    }
  }
}
