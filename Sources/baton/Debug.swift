import ArgumentParser
import BatonKit
import Foundation

extension Baton {
  /// Commands for measuring and debugging Baton itself; hidden from help.
  struct Debug: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Commands for measuring and debugging Baton.", shouldDisplay: false,
      subcommands: [History.self])

    /// Runs only the history pass and says how long it took.
    struct History: ParsableCommand {
      static let configuration = CommandConfiguration(
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
  }
}
