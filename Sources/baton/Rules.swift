import ArgumentParser
import BatonChecks

extension Baton {
  struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "rules",
      abstract: "List the rules, or explain one.",
      discussion: "Example: baton rules call-to-action-deadline")

    @Argument(help: "A rule id to explain.")
    var id: String?

    @Flag(name: .long, help: "Print the rule reference page (Markdown) for the handbook.")
    var markdown = false

    func validate() throws {
      if let id, Checker.rule(id) == nil {
        throw ValidationError("no rule '\(id)': run 'baton rules' for the list")
      }
    }

    func run() throws {
      if markdown {
        Terminal.output(RuleDocumentation.markdownPage(Checker.descriptions))
        return
      }
      guard let id, let rule = Checker.rule(id) else {
        let rules = Checker.descriptions
        let width = rules.map(\.id.count).max() ?? 0
        for rule in rules {
          Terminal.output(
            rule.id + String(repeating: " ", count: width - rule.id.count) + "  "
              + rule.defaultSeverity.rawValue.padding(7) + "  " + rule.title + "\n")
        }
        return
      }
      Terminal.output(RuleDocumentation.text(rule.description))
    }
  }
}

extension String {
  func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
