import ArgumentParser
import BatonKit

/// The `baton` command: a thin layer that parses flags, calls BatonKit, prints and exits.
@main
struct Baton: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "baton",
    abstract: "Check and publish a git repository of decisions, updates and handbook pages.",
    discussion: """
      Exit status: 0 success, 1 content errors (warnings too with --strict), 2 the tool \
      failed (unreadable repository, bad baton.yml, I/O), 64 usage.
      """,
    version: version,
    subcommands: [
      Check.self, List.self, Show.self, Inbox.self, Rules.self, Init.self, New.self, Build.self,
      Serve.self, Search.self, Debug.self,
    ])
}
