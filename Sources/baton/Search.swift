import ArgumentParser
import BatonChecks
import BatonDocuments
import BatonSearch
import BatonSupport
import Foundation

extension Baton {
  struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "search",
      abstract: "Search the documents with the site's ranking.",
      discussion: """
        Builds the search index in memory and ranks exactly as the site's search box does. \
        Example: baton search "event store" --kind decision --format json
        """)

    @OptionGroup var source: SourceOptionGroup

    @Argument(help: "The words to search for (may be empty when filters are given).")
    var query: String = ""

    @Option(name: .long, help: "Only documents of this kind (repeatable).")
    var kind: [String] = []

    @Option(name: .long, help: "Only documents with this status (repeatable).")
    var status: [String] = []

    @Option(name: .long, help: "Only documents with this tag (repeatable).")
    var tag: [String] = []

    @Option(name: .long, help: "Only documents owned (or written) by this handle (repeatable).")
    var owner: [String] = []

    @Option(name: .long, help: "Only documents of this team (repeatable).")
    var team: [String] = []

    @Option(name: .long, help: "Order: relevance or date.")
    var sort: SearchQuery.Order = .relevance

    @Option(name: .long, help: "Output format: text or json.")
    var format: SearchFormat = .text

    @Option(name: .long, help: "At most this many results.")
    var limit: Int = 10

    @Option(
      name: .customLong("write-index"),
      help: ArgumentHelp(
        "Also write the static index files into this folder (for measurements).",
        valueName: "dir", visibility: .hidden))
    var writeIndex: String?

    @Flag(
      name: .long,
      help: ArgumentHelp(
        "Print how long loading, the engine, the index files and the query took (stderr).",
        visibility: .hidden))
    var timings = false

    enum SearchFormat: String, ExpressibleByArgument, CaseIterable {
      case text, json
    }

    func validate() throws {
      if limit < 1 { throw ValidationError("'--limit' must be at least 1") }
      let filtered = [kind, status, tag, owner, team].contains { !$0.isEmpty }
      if query.trimmingCharacters(in: .whitespaces).isEmpty && !filtered && writeIndex == nil {
        throw ValidationError("give words to search for, or a filter such as '--kind decision'")
      }
    }

    func run() throws {
      try Terminal.run {
        let clock = ContinuousClock()
        var marks: [(String, Duration)] = []
        var start = clock.now
        func mark(_ name: String) {
          let now = clock.now
          marks.append((name, now - start))
          start = now
        }
        let corpus = try Workflow.corpus(source.sourceOptions())
        mark("corpus")
        let engine = SearchEngine(corpus: corpus, pageURL: SearchIndex.defaultPageURL)
        mark("engine")
        if let writeIndex {
          let files = SearchIndex.build(engine: engine)
          mark("index files")
          try Baton.Search.write(files, to: writeIndex)
          mark("write")
        }
        let filters = [
          "kind": kind.map { Baton.List.singular($0.lowercased()) }, "status": status, "tag": tag,
          "owner": owner.map { Person.handle(from: $0) }, "team": team,
        ]
        let results = engine.search(
          SearchQuery(query, filters: filters, order: sort, limit: limit))
        mark("query")
        if timings {
          let lines = marks.map { name, duration in
            let milliseconds =
              Double(duration.components.attoseconds) / 1e15
              + Double(duration.components.seconds) * 1000
            return name + ": " + String(format: "%.1f", milliseconds) + " ms"
          }
          Terminal.error(lines.joined(separator: "\n") + "\n")
        }
        switch format {
        case .json: Terminal.output(SearchResult.json(results))
        case .text: Terminal.output(Baton.Search.text(results))
        }
      }
    }

    static func text(_ results: [SearchResult]) -> String {
      guard !results.isEmpty else { return "no results\n" }
      var output = ""
      for (index, result) in results.enumerated() {
        let e = TerminalText.escaped
        let badge = [result.kind, result.status].compactMap { $0 }.joined(separator: " · ")
        let place = result.path + (result.anchor.map { "#" + $0 } ?? "")
        output += "\(index + 1). \(e(result.title))  [\(e(badge))]  \(e(place))\n"
        if !result.excerpt.isEmpty {
          let excerpt =
            result.excerpt.count > 160 ? String(result.excerpt.prefix(159)) + "…" : result.excerpt
          output += "   " + e(excerpt) + "\n"
        }
      }
      return output
    }

    static func write(_ files: [SearchFile], to folder: String) throws {
      let manager = FileManager.default
      for file in files {
        let url = URL(fileURLWithPath: folder).appendingPathComponent(file.path)
        do {
          try manager.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
          try Data(file.bytes).write(to: url, options: .atomic)
        } catch {
          throw CommandFailure("cannot write '\(url.path)': \(error.localizedDescription)")
        }
      }
    }
  }
}

extension SearchQuery.Order: ExpressibleByArgument {}
