import ArgumentParser
import BatonGit
import BatonMarkdown
import BatonReport
internal import CAllocator
internal import CBuildInfo

/// The `baton` command: a thin layer that parses flags, calls the stages, prints and exits.
@main
struct Baton: ParsableCommand {
  /// The release version, from the VERSION file.
  static let version = String(cString: baton_build_version())

  /// What `baton --version` prints: the version, the commit built from, and the C libraries
  /// linked in, each on its own line so a script can read one with `grep`.
  static var versionReport: String {
    """
    baton \(version)
    commit \(String(cString: baton_build_commit()))
    libgit2 \(Repository.libraryVersion)
    cmark-gfm \(Markdown.libraryVersion)
    """
  }

  /// Every command names itself (`commandName`): without a name ArgumentParser derives one
  /// from the type's through `String(describing:)`, and the protocol-conformance lookups that
  /// takes in the static release binary cost 19M instructions (~5 ms) at every start.
  static let configuration = CommandConfiguration(
    commandName: "baton",
    abstract: "Check and publish a git repository of decisions, updates and handbook pages.",
    discussion: """
      Exit status: 0 success, 1 content errors (warnings too with --strict), 2 the tool \
      failed (unreadable repository, bad baton.yml, I/O), 64 usage.
      """,
    version: versionReport,
    subcommands: [
      Check.self, List.self, Show.self, Inbox.self, Decide.self, Rules.self, Init.self, New.self,
      Build.self, Serve.self, Search.self, Metrics.self, Digest.self, Debug.self,
    ])

  /// Parses the command line with `check --write-baseline=FILE` expanded first (see
  /// `Check.expandingBaselineFile`), then runs the command.
  static func main() {
    baton_configure_allocator()
    main(Check.expandingBaselineFile(Array(CommandLine.arguments.dropFirst())))
  }
}
