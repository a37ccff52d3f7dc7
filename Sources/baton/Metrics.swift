import ArgumentParser
import BatonChecks
import BatonReport
import BatonSupport
import Foundation

extension Baton {
  struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "metrics",
      abstract: "Show how decisions flow: time to decision, response times, overdue asks, updates.",
      discussion: """
        Time to decision per quarter (median and 90th percentile), response times per person \
        and team in working hours with the share within the SLA, open proposals by age, calls \
        to action overdue, pages past review, and how often each team posts updates.
        Periods come from commit dates; ages and deadlines are measured now (or at the end of \
        --today).
        Example: baton metrics --since 2026-07-01 --by team --format csv
        """)

    @OptionGroup var source: SourceOptionGroup
    @OptionGroup var todayOption: TodayOption

    @Option(name: .long, help: ArgumentHelp("Count events from this day on.", valueName: "date"))
    var since: String?

    @Option(name: .long, help: "Group rows by kind, team, owner or tag.")
    var by: MetricsGrouping?

    @Option(name: .long, help: "Output format: text, json or csv.")
    var format: MetricsFormat = .text

    enum MetricsFormat: String, ExpressibleByArgument, CaseIterable {
      case text, json, csv
    }

    func validate() throws {
      if let since, Day(parsing: since) == nil {
        throw ValidationError("'--since \(since)' is not a date: use YYYY-MM-DD")
      }
    }

    func run() throws {
      try Terminal.run {
        let corpus = try Workflow.corpus(
          source.sourceOptions(history: true), keepingBodies: false)
        let metrics = BatonReport.Metrics(
          corpus: corpus, since: since.flatMap(Day.init(parsing:)), grouping: by,
          asOf: todayOption.endOfToday ?? Date())
        Terminal.notes(corpus.repository.notes)
        switch format {
        case .text: Terminal.output(metrics.text())
        case .json: Terminal.output(metrics.json())
        case .csv: Terminal.output(metrics.csv())
        }
        // The corpus is not torn down object by object just before the process ends.
        withExtendedLifetime(corpus) { Terminal.exitNow(0) }
      }
    }
  }
}

extension MetricsGrouping: ExpressibleByArgument {}

extension TodayOption {
  /// The last second of `--today` in UTC, for reports measured at a moment.
  var endOfToday: Date? {
    today.flatMap(Day.init(parsing:)).map {
      WorkingSchedule.standard.moment(on: $0.adding(days: 1), minutes: 0).addingTimeInterval(-1)
    }
  }
}
