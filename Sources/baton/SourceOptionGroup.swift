import ArgumentParser
import BatonSource
import BatonSupport
import Foundation

/// Flags every command that reads documents shares.
struct SourceOptionGroup: ParsableArguments {
  @Option(name: .long, help: "The repository (default: the one enclosing the current folder).")
  var repo: String?

  @Option(name: .long, help: "Read this revision instead of the working tree (no checkout).")
  var rev: String?

  /// Refuses `--rev` for a command that writes files into the working tree: a revision is
  /// read-only, and writing beside it would mix two versions.
  func refuseRevision(for command: String) throws {
    if let rev {
      throw ValidationError(
        "'baton \(command)' writes files into the working tree, so it cannot read '--rev \(rev)': "
          + "check out the revision first, or drop '--rev'")
    }
  }

  /// The options for the Load stage, searching for `baton.yml` from `start` (default: here);
  /// with `history`, the history pass runs too, with a progress line on a terminal.
  func sourceOptions(start: String? = nil, history: Bool = false) -> BatonSource.SourceOptions {
    let cwd = FileManager.default.currentDirectoryPath
    var startDirectory = cwd
    if let start {
      startDirectory = start.hasPrefix("/") ? start : cwd + "/" + start
    } else if let repo {
      startDirectory = repo.hasPrefix("/") ? repo : cwd + "/" + repo
    }
    var options = BatonSource.SourceOptions(
      repositoryPath: repo, startDirectory: startDirectory, revision: rev,
      includeHistory: history)
    options.progress = ProgressLine.reporter()
    return options
  }
}

/// `--today`, for reproducible deadlines in CI and tests.
struct TodayOption: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Judge deadlines and reviews as of this day (YYYY-MM-DD).", valueName: "date"))
  var today: String?

  func validate() throws {
    if let today, Day(parsing: today) == nil {
      throw ValidationError("'--today \(today)' is not a date: use YYYY-MM-DD")
    }
  }

  var day: Day {
    today.flatMap(Day.init(parsing:)) ?? Day.today()
  }
}
