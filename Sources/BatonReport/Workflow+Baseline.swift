import BatonChecks
import BatonConfig
import BatonGit
import BatonSource
import Foundation

/// Which baseline `baton check` uses, and whether it records one first.
public struct BaselineRequest: Sendable {
  /// A file named on the command line (`--baseline FILE`), as an absolute path, instead of the
  /// one `baton.yml` names or the default.
  public var file: String?
  /// `file` as the user wrote it, for messages.
  public var fileAsWritten: String?
  /// False with `--no-baseline`: every finding is shown.
  public var enabled: Bool
  /// `--write-baseline`: record today's findings into the baseline before applying it.
  public var write: Bool

  public init(
    file: String? = nil, fileAsWritten: String? = nil, enabled: Bool = true, write: Bool = false
  ) {
    self.file = file
    self.fileAsWritten = fileAsWritten
    self.enabled = enabled
    self.write = write
  }
}

/// What a baseline did to a check.
public struct BaselineOutcome: Sendable, Hashable {
  /// The baseline file, as shown to the user (repository-relative unless named on the command
  /// line).
  public var file: String
  /// How many known findings were hidden.
  public var hidden: Int
  /// Entries whose finding no longer occurs.
  public var fixed: [Baseline.Entry]
  /// How many entries `--write-baseline` wrote; nil when it did not write.
  public var written: Int?
  /// The command that rewrites the baseline without the fixed entries.
  public var shrinkCommand: String
  /// Lines for people: what was written, and the entries that no longer occur with the command
  /// that drops them. Empty when there is nothing to say.
  public var lines: String {
    var out = ""
    if let written {
      out += "wrote \(count(written, "finding")) to the baseline '\(file)'\n"
    }
    guard !fixed.isEmpty else { return out }
    out +=
      "\(count(fixed.count, "finding")) of the baseline '\(file)' no longer "
      + "\(fixed.count == 1 ? "occurs" : "occur"): run '\(shrinkCommand)' to drop "
      + "\(fixed.count == 1 ? "it" : "them")\n"
    for entry in fixed {
      out += "  fixed: \(entry.path): \(entry.rule)"
      out += entry.subject.isEmpty ? "\n" : " '\(entry.subject)'\n"
    }
    return out
  }

  private func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}

extension Workflow {
  /// Applies the baseline to a check's result (writing it first when asked): the known
  /// findings leave `result.diagnostics`, and the outcome says how many and which entries no
  /// longer occur. Nil when no baseline is in use.
  ///
  /// The file is `request.file`, else `baseline:` in `baton.yml`, else
  /// `.baton-baseline.json` in the handbook root when it exists. A file `baton.yml` names is
  /// read from the tree being checked (working tree or `--rev`); one named on the command line
  /// from the file system.
  ///
  /// - Throws: `BaselineError` when the file named is missing or not a baseline, or cannot be
  ///   written.
  public static func applyBaseline(
    _ request: BaselineRequest, to result: inout CheckResult, options: SourceOptions
  ) throws -> BaselineOutcome? {
    guard request.enabled else { return nil }
    let place = try BaselinePlace(request, configuration: result.corpus.configuration)
    guard var current = try place.read(options, missingIsEmpty: request.write) else {
      return nil
    }
    let corpus = result.corpus
    let checked = result.checkedPaths
    // A path is judged when it was checked, or is no document (baton.yml, people.yml, a
    // document since deleted): those findings are always reported.
    let judged = { (path: String) in
      checked?.contains(path) ?? true || corpus.document(at: path) == nil
    }
    var written: Int?
    if request.write {
      current = current.replacing(with: result.diagnostics, judged: judged)
      try place.write(current, workingDirectory: try repositoryTop(options))
      written = current.entries.count
    }
    let applied = current.apply(to: result.diagnostics, judged: judged)
    result.diagnostics = applied.kept
    return BaselineOutcome(
      file: place.shown, hidden: applied.hidden, fixed: applied.fixed, written: written,
      shrinkCommand: place.shrinkCommand)
  }
}

/// Where the baseline lives: a file on disk, or a path in the repository.
struct BaselinePlace {
  /// An absolute path named on the command line.
  var file: String?
  /// A repository-relative path (from `baton.yml` or the default).
  var repositoryPath: String
  /// Whether `baton.yml` or the command line named it (a missing one is then an error).
  var named: Bool
  var shown: String
  var shrinkCommand: String

  init(_ request: BaselineRequest, configuration: Configuration) throws {
    file = request.file
    repositoryPath =
      configuration.baselinePath
      ?? Configuration.join(configuration.root, Baseline.defaultFileName)
    named = request.file != nil || configuration.baselinePath != nil
    if request.file != nil {
      shown = request.fileAsWritten ?? request.file ?? ""
      shrinkCommand = "baton check --baseline '\(shown)' --write-baseline"
    } else {
      shown = repositoryPath
      shrinkCommand = "baton check --write-baseline"
    }
  }

  /// The baseline; nil when an unnamed default file does not exist, and an empty one for a
  /// missing file that is about to be written.
  func read(_ options: SourceOptions, missingIsEmpty: Bool) throws -> Baseline? {
    let bytes: [UInt8]?
    if let file {
      bytes = FileManager.default.contents(atPath: file).map { Array($0) }
    } else {
      let repository = try Loader.open(options)
      let (snapshot, _) = try Loader.snapshot(repository, options: options)
      bytes = try repository.file(in: snapshot, at: repositoryPath, maxBytes: 64 << 20)?.contents
    }
    guard let bytes else {
      if missingIsEmpty { return Baseline() }
      guard named else { return nil }
      throw BaselineError(
        path: shown, message: "the baseline does not exist: record one with '\(shrinkCommand)'")
    }
    return try Baseline.decode(bytes, path: shown)
  }

  func write(_ baseline: Baseline, workingDirectory: String?) throws {
    guard let path = file ?? workingDirectory.map({ $0 + "/" + repositoryPath }) else {
      throw BaselineError(
        path: shown,
        message: "the repository has no working tree to write the baseline into: name a file "
          + "with '--baseline FILE'")
    }
    do {
      try Data(baseline.encode().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw BaselineError(
        path: shown, message: "cannot write the baseline: \(error.localizedDescription)")
    }
  }
}

/// A baseline file that cannot be used: a tool failure (exit status 2).
public struct BaselineError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file, as shown to the user.
  public var path: String
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { "\(path): \(message)" }
}
