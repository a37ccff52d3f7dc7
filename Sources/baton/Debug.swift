import ArgumentParser
import BatonSite
import BatonSource
import Foundation

extension Baton {
  /// Commands for measuring and debugging Baton itself; hidden from help.
  struct Debug: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "debug",
      abstract: "Commands for measuring and debugging Baton.", shouldDisplay: false,
      subcommands: [History.self, Rebuild.self])

    /// Runs only the history pass and says how long it took.
    struct History: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Run only the history pass: commits walked, documents with history, time.",
        discussion: "Example: baton debug history --repo Benchmarks/out/corpus")

      @OptionGroup var source: SourceOptionGroup

      @Flag(name: .long, help: "Walk from scratch: neither read nor write the history cache.")
      var noCache = false

      @Option(name: .long, help: "Keep the history cache in this folder instead of .baton/cache.")
      var cache: String?

      func run() throws {
        try Terminal.run {
          var options = source.sourceOptions(history: true)
          options.useHistoryCache = !noCache
          if let cache { options.historyCacheDirectory = cache }
          let clock = ContinuousClock()
          let start = clock.now
          let pass = try Loader.historyPass(options)
          options.progress?(.finished)
          let elapsed = clock.now - start
          let seconds =
            Double(elapsed.components.seconds)
            + Double(elapsed.components.attoseconds) / 1e18
          Terminal.notes(pass.notes)
          Terminal.output(
            """
            head: \(pass.head?.hex ?? "none (empty repository)")
            walked commits: \(pass.walkedCommits)
            documents with history: \(pass.documents)
            cache: \(pass.cacheDirectory ?? "not used")
            elapsed: \(String(format: "%.3f", seconds)) s

            """)
          // As `check` and `build` do: end with the history still alive, not after freeing it.
          withExtendedLifetime(pass) { Terminal.exitNow(0) }
        }
      }
    }
    /// Renders the site in memory as `baton serve` does, then again after each of a few edits
    /// to one file, and prints each render's stages: the live preview's rebuild, without the
    /// server and the watcher.
    struct Rebuild: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Render in memory, then again after each appended line; print the stages.",
        discussion:
          "Example: baton debug rebuild --edit decisions/0001-x.md --times 5 (the file is put "
          + "back as it was at the end)")

      @OptionGroup var source: SourceOptionGroup

      @Option(name: .long, help: "The file to append a line to before each rebuild.")
      var edit: String

      @Option(name: .long, help: "How many rebuilds.")
      var times = 3

      func run() throws {
        try Terminal.run {
          let options = source.sourceOptions(history: true)
          let original = try Data(contentsOf: URL(fileURLWithPath: edit))
          defer { try? original.write(to: URL(fileURLWithPath: edit)) }
          var cache = RenderCache()
          var memo = SiteBuilder.Memo()
          for round in 0...times {
            if round > 0 {
              var text = try Data(contentsOf: URL(fileURLWithPath: edit))
              text.append(contentsOf: Array("Saved \(round).\n".utf8))
              try text.write(to: URL(fileURLWithPath: edit))
            }
            let rendered = try SiteBuilder.render(
              options, options: SiteOptions(generator: "Baton"), cache: cache, memo: memo)
            cache = RenderCache(site: rendered.site)
            memo = rendered.memo
            let stages = rendered.timings.map {
              "\($0.stage) \(String(format: "%.3f", $0.seconds))"
            }
            Terminal.output(
              (round == 0 ? "first " : "rebuild ")
                + String(format: "%.3f s", rendered.timings.map(\.seconds).reduce(0, +))
                + " (" + stages.joined(separator: ", ") + ")"
                + (rendered.updatedPages.map { ", updated \($0) page(s)" } ?? "") + "\n")
          }
        }
      }
    }
  }
}
