import ArgumentParser
import BatonConfig
import BatonSite
import Foundation

extension Baton {
  struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "build",
      abstract: "Render the handbook site into a folder, atomically.",
      discussion: """
        Writes to _site beside baton.yml unless --output says otherwise. The new site is built \
        beside the folder and swapped in at the end, so a failed build leaves the old one. \
        Baton refuses to replace a non-empty folder it did not create.
        """)

    @OptionGroup var source: SourceOptionGroup

    @Option(name: .long, help: "The folder to write the site to (default: _site beside baton.yml).")
    var output: String?

    @Option(name: .long, help: "The address the site is published at, for feeds and the sitemap.")
    var baseURL: String?

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    @Flag(
      name: .long,
      help:
        "Render and write every page, ignoring and keeping no cache (.baton/cache/site-v1, build-v1)."
    )
    var noCache = false

    @Flag(name: .long, help: "Print the seconds each stage took.")
    var timings = false

    @Flag(
      name: .long,
      help: "Fail instead of waiting when another build is writing the same output folder.")
    var noWait = false

    func validate() throws {
      if let baseURL, let problem = Configuration.baseURLProblem(baseURL) {
        throw ValidationError("'--base-url \(baseURL)' \(problem)")
      }
    }

    func run() throws {
      try Terminal.run {
        let start = Date()
        let showProgress = !quiet && isatty(2) == 1
        var options = SiteOptions(baseURL: baseURL, generator: "Baton \(Baton.version)")
        if showProgress { options.progress = Build.showProgress }
        options.waitForLock = !noWait
        options.lockWaiting = { holder in
          Terminal.error(
            "waiting for another baton build\(holder.map { " (pid \($0))" } ?? "") "
              + "writing the same output folder\n")
        }
        let folder: String? = output.map(Build.absolute)
        let result = try SiteBuilder.build(
          source.sourceOptions(history: true), output: folder, options: options, cache: !noCache)
        if showProgress { Terminal.error("\r\u{1B}[K") }
        Terminal.notes(result.notes)
        if !quiet {
          let seconds = Date().timeIntervalSince(start)
          let summary = result.summary
          let pages =
            result.updatedPages.map { "\($0) changed pages rendered from the kept state, " }
            ?? "\(result.cachedPages) pages from the cache, "
          Terminal.error(
            "built \(result.documents) documents into \(result.output): " + pages
              + "\(summary.written) files written, \(summary.unchanged) unchanged, "
              + "\(summary.removed) removed in \(String(format: "%.2f", seconds)) s\n")
        }
        if timings {
          Terminal.timings(result.timings)
          if let read = result.documentsRead, let pages = result.updatedPages {
            Terminal.error(
              "from the kept state: \(read) of \(result.documents) documents read, "
                + "\(pages) pages rendered\n")
          }
          if let reason = result.stateDeclined {
            Terminal.error(
              "rendered from the corpus, pages whose reads changed: \(reason)\n")
          }
        }
        // Exit while the corpus and the rendered site are still alive: freeing them (tens of
        // thousands of documents and files) takes a measurable share of a build, and the site
        // is already on disk.
        withExtendedLifetime(result) { Terminal.exitNow(0) }
      }
    }

    @Sendable static func showProgress(done: Int, total: Int) {
      Terminal.error("\rrendering \(done)/\(total) pages\u{1B}[K")
    }

    static func absolute(_ path: String) -> String {
      path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
  }
}
