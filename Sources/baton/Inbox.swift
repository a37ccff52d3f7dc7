import ArgumentParser
import BatonChecks
import BatonDocuments
import BatonReport
import BatonSupport

extension Baton {
  struct Inbox: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "inbox",
      abstract: "List the open calls to action a person (or their team) owes.",
      discussion: """
        Overdue first, then soonest. Deadlines are the end of the deadline day in the person's \
        time zone from people.yml (UTC when it gives none).
        Example: baton inbox @grace --today 2026-11-24 --format json
        """)

    @OptionGroup var source: SourceOptionGroup
    @OptionGroup var todayOption: TodayOption

    @Argument(help: "The handle, with or without '@' (a team's handle works too).")
    var handle: String

    @Option(name: .long, help: "Output format: text or json.")
    var format: List.ListFormat = .text

    func validate() throws {
      if BatonDocuments.Person.handle(from: handle).isEmpty {
        throw ValidationError("the handle is empty: give one, e.g. baton inbox @grace")
      }
    }

    func run() throws {
      try Terminal.run {
        // History says when each call to action named its responders: with response windows
        // (`sla:`), due times count from then.
        var corpus = try Workflow.corpus(source.sourceOptions(), keepingBodies: false)
        if !corpus.configuration.responseWindows.isEmpty {
          corpus = try Workflow.corpus(source.sourceOptions(history: true), keepingBodies: false)
        }
        let today = todayOption.today.flatMap(Day.init(parsing:))
        let inbox = BatonReport.Inbox(for: handle, in: corpus, today: today)
        if corpus.people == nil, format == .text {
          Terminal.error(
            "baton: note: no people.yml: only direct mentions count, deadlines are in UTC\n")
        }
        if !corpus.knowsHandle(handle) {
          Terminal.error(
            "baton: warning: no one here is '@\(Person.handle(from: handle))': no document names "
              + "them and people.yml does not list them; check the spelling\n")
        }
        Terminal.output(format == .json ? inbox.json() : inbox.text())
      }
    }
  }
}
