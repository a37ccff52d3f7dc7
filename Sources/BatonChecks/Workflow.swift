import BatonCorpus
import BatonGit
import BatonSource
import BatonSupport
import Foundation

/// The stages run in order for each command: Load → Parse → Assemble → Check.
///
/// Each stage takes the previous stage's output type, so a wrong order does not compile; this
/// type only strings them together for the commands.
public enum Workflow {
  /// Loads, parses and assembles the corpus.
  ///
  /// - Parameter keepingBodies: whether documents keep their Markdown tree, which only
  ///   rendering and search need; see `LoadedSource.parse(keepingBodies:)`.
  public static func corpus(_ options: SourceOptions, keepingBodies: Bool = true) throws -> Corpus {
    var timer = StageTimer()
    return try corpus(options, keepingBodies: keepingBodies, timer: &timer)
  }

  /// Loads, parses and assembles the corpus, timing each stage.
  public static func corpus(
    _ options: SourceOptions, keepingBodies: Bool = true, timer: inout StageTimer
  ) throws -> Corpus {
    let parsed = try Loader.loadAndParse(options, keepingBodies: keepingBodies, timer: &timer)
    let corpus = parsed.assemble()
    timer.lap("assemble")
    return corpus
  }

  /// What `baton check` needs: the checked paths and their diagnostics.
  public struct CheckResult: Sendable {
    public var corpus: Corpus
    public var diagnostics: [Diagnostic]
    /// How many documents were checked (after path filters).
    public var documentsChecked: Int
    /// The paths of the documents checked; nil when every document was.
    public var checkedPaths: Set<String>?
    /// Seconds per stage (load, parse, assemble, check), for `--timings`.
    public var timings: [(stage: String, seconds: Double)]
  }

  /// Checks the documents under `paths` (repository-relative; empty means all).
  ///
  /// With `options.since`, only the documents a change touches are checked (see
  /// `Corpus.paths(affectedBy:)`), within `paths` when given.
  public static func check(
    _ options: SourceOptions, paths: [String], today: Day
  ) throws -> CheckResult {
    var timer = StageTimer()
    let corpus = try corpus(options, keepingBodies: false, timer: &timer)
    var selected: Set<String>?
    if !paths.isEmpty {
      selected = Set(
        corpus.documents.map(\.path).filter { path in
          paths.contains { $0.isEmpty || path == $0 || path.hasPrefix($0 + "/") }
        })
    }
    if let scope = corpus.repository.scope {
      let affected = corpus.paths(affectedBy: scope)
      selected = selected.map { $0.intersection(affected) } ?? affected
    }
    let diagnostics = Checker().check(corpus, today: today, paths: selected)
    timer.lap("check")
    return CheckResult(
      corpus: corpus, diagnostics: diagnostics,
      documentsChecked: selected?.count ?? corpus.documents.count, checkedPaths: selected,
      timings: timer.laps)
  }

  /// A path given on the command line, relative to the repository's top folder.
  ///
  /// - Returns: nil when the path lies outside the repository.
  public static func repositoryRelative(_ path: String, workingDirectory: String, top: String)
    -> String?
  {
    let absolute =
      path.hasPrefix("/") ? path : workingDirectory + "/" + path
    let standardized = URL(fileURLWithPath: absolute).standardizedFileURL.path
    if standardized == top { return "" }
    guard standardized.hasPrefix(top + "/") else { return nil }
    return String(standardized.dropFirst(top.count + 1))
  }

  /// The repository's top folder for a start folder, for resolving command-line paths.
  public static func repositoryTop(_ options: SourceOptions) throws -> String? {
    try Loader.open(options).workingDirectory
  }
}
