import ArgumentParser
import BatonChecks
import BatonReport
import BatonSite
import BatonSupport
import Foundation

extension Baton {
  struct Digest: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "digest",
      abstract: "Summarize a period: what was decided, proposed, asked, blocked and left stale.",
      discussion: """
        Decisions with their outcome and who gave it, new proposals and what they ask of whom \
        by when, overdue calls to action, blocked and at-risk updates, pages past review and \
        new handbook pages. The Markdown links to the site with absolute addresses from \
        base-url, ready to paste into a chat channel or an e-mail.
        Example: baton digest --since 7d --for @grace --format markdown
        """)

    @OptionGroup var source: SourceOptionGroup
    @OptionGroup var todayOption: TodayOption

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The period: a number of days back (7d) or a first day (YYYY-MM-DD).", valueName: "7d|date")
    )
    var since = "7d"

    @Option(name: .customLong("for"), help: "Only what concerns this @handle or team.")
    var audience: String?

    @Option(name: .long, help: "Output format: markdown, html, text or json.")
    var format: DigestFormat = .markdown

    @Flag(name: .long, help: "Print the seconds each stage took.")
    var timings = false

    enum DigestFormat: String, ExpressibleByArgument, CaseIterable {
      case markdown, html, text, json
    }

    func validate() throws {
      if Digest.days(since) == nil, Day(parsing: since) == nil {
        throw ValidationError("'--since \(since)' is neither a number of days (7d) nor a date")
      }
    }

    /// `7d` as 7.
    static func days(_ text: String) -> Int? {
      guard text.hasSuffix("d"), let days = Int(text.dropLast()), days > 0 else { return nil }
      return days
    }

    func run() throws {
      try Terminal.run {
        var timer = StageTimer()
        let corpus = try Workflow.corpus(
          source.sourceOptions(history: true), keepingBodies: false, timer: &timer)
        Terminal.notes(corpus.repository.notes)
        let until = todayOption.endOfToday ?? Date()
        let start: Date
        if let days = Digest.days(since) {
          start = until.addingTimeInterval(-Double(days) * 86_400)
        } else {
          let day = Day(parsing: since) ?? Day.today()
          start = WorkingSchedule.standard.moment(on: day, minutes: 0)
        }
        let base = corpus.configuration.baseURL
        if base == nil, format == .markdown || format == .html {
          Terminal.error("baton: note: no base-url in baton.yml: links are relative to the site\n")
        }
        // Every page's address is worked out beside the digest, which needs only its items'.
        let addresses = Background { SiteAddresses.pages(of: corpus, base: base) }
        let digest = DigestReport(
          corpus: corpus, since: start, until: until, audience: audience
        ).addressed(by: addresses.value)
        timer.lap("digest")
        switch format {
        case .markdown: Terminal.output(digest.markdown())
        case .html: Terminal.output(digest.html())
        case .text: Terminal.output(digest.text())
        case .json: Terminal.output(digest.json())
        }
        timer.lap("output")
        if timings {
          Terminal.timings(timer.laps)
        }
        // The corpus is not torn down object by object just before the process ends.
        withExtendedLifetime(corpus) { Terminal.exitNow(0) }
      }
    }
  }
}
