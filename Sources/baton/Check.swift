import ArgumentParser
import BatonChecks
import BatonReport
import BatonSource
import BatonSupport
import Foundation

extension Baton {
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Check that every document can be acted on without a meeting.",
      discussion: """
        Exit status: 0 clean, 1 errors (warnings too with --strict), 2 the tool failed, 64 usage.
        Reports go to standard error as text, or to standard output (or --output) as \
        github, json, sarif or gitlab.
        """)

    @OptionGroup var source: SourceOptionGroup
    @OptionGroup var todayOption: TodayOption

    @Argument(help: "Check only documents under these files or folders.")
    var paths: [String] = []

    @Option(name: .long, help: "Report format: text, github, json, sarif or gitlab.")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(name: .long, help: "Fail (exit 1) on warnings too.")
    var strict = false

    @Flag(name: .long, help: "Print how long each stage took (standard error).")
    var timings = false

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Check only documents changed since the merge base with this revision, and those "
          + "linking to them (e.g. origin/main in a pull request).", valueName: "ref"))
    var since: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Hide the known findings recorded in this file (default: 'baseline:' in baton.yml, "
          + "else .baton-baseline.json in the handbook root when it exists).", valueName: "file"))
    var baseline: String?

    @Flag(
      name: .long,
      help: ArgumentHelp(
        "Record today's findings in the baseline (that file), then check against it; "
          + "'--write-baseline=FILE' writes FILE.", valueName: "write-baseline[=file]"))
    var writeBaseline = false

    /// The arguments with `--write-baseline=FILE` spelled as argument-parser reads it
    /// (`--write-baseline --baseline FILE`): an option's value can be optional only when it is
    /// attached, since `--write-baseline decisions/` would leave a path to check ambiguous.
    static func expandingBaselineFile(_ arguments: [String]) -> [String] {
      let prefix = "--write-baseline="
      var out: [String] = []
      for (index, argument) in arguments.enumerated() {
        if argument == "--" { return out + arguments[index...] }
        guard argument.hasPrefix(prefix) else {
          out.append(argument)
          continue
        }
        out += ["--write-baseline", "--baseline", String(argument.dropFirst(prefix.count))]
      }
      return out
    }

    @Flag(name: .long, help: "Show every finding: use no baseline.")
    var noBaseline = false

    func validate() throws {
      if writeBaseline, noBaseline {
        throw ValidationError("'--write-baseline' and '--no-baseline' cannot be used together")
      }
      if writeBaseline, source.rev != nil {
        throw ValidationError(
          "'--write-baseline' records the working tree's findings: leave out '--rev'")
      }
    }

    var baselineRequest: BaselineRequest {
      let cwd = FileManager.default.currentDirectoryPath
      return BaselineRequest(
        file: baseline.map { $0.hasPrefix("/") ? $0 : cwd + "/" + $0 }, fileAsWritten: baseline,
        enabled: !noBaseline, write: writeBaseline)
    }

    func run() throws {
      try Terminal.run {
        var options = source.sourceOptions(start: paths.first.flatMap(Check.folder))
        options.since = since
        // Who committed each answer is checked against whom it speaks for (response-author).
        options.includeHistoryForResponses = true
        var relative: [String] = []
        if !paths.isEmpty, let top = try Workflow.repositoryTop(options) {
          let cwd = FileManager.default.currentDirectoryPath
          for path in paths {
            guard let inside = Workflow.repositoryRelative(path, workingDirectory: cwd, top: top)
            else {
              throw ValidationError("'\(path)' is outside the repository at '\(top)'")
            }
            relative.append(inside)
          }
        }
        var result = try Workflow.check(options, paths: relative, today: todayOption.day)
        Terminal.notes(result.corpus.repository.notes)
        let known = try Workflow.applyBaseline(baselineRequest, to: &result, options: options)
        var diagnostics = result.diagnostics
        if strict {
          for index in diagnostics.indices where diagnostics[index].severity == .warning {
            diagnostics[index].severity = .error
          }
        }
        var summary = CheckSummary(documents: result.documentsChecked, diagnostics: diagnostics)
        summary.hiddenByBaseline = known?.hidden ?? 0
        try report(diagnostics, summary: summary, baseline: known, options: options)
        if timings {
          Terminal.timings(result.timings)
        }
        // Exit while the corpus is still alive: freeing thousands of documents takes a
        // measurable share of a check, and the process ends anyway.
        withExtendedLifetime(result) { Terminal.exitNow(summary.errors > 0 ? 1 : 0) }
      }
    }

    /// The folder a path argument names (itself, or a file's folder), to find `baton.yml` from.
    static func folder(_ path: String) -> String? {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        return nil
      }
      return isDirectory.boolValue ? path : (path as NSString).deletingLastPathComponent
    }

    private func report(
      _ diagnostics: [Diagnostic], summary: CheckSummary, baseline: BaselineOutcome?,
      options: SourceOptions
    ) throws {
      let text: String
      switch format {
      case .text:
        let rendered = TextReporter(color: output == nil && Terminal.useColor(fileDescriptor: 2))
          .render(diagnostics, summary: summary, baseline: baseline)
        if output == nil {
          Terminal.error(rendered)
          return
        }
        text = rendered
      case .github:
        let reporter = GitHubReporter()
        text = reporter.render(diagnostics, summary: summary)
        if let path = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty {
          appendStepSummary(reporter.stepSummary(diagnostics, summary: summary), to: path)
        }
      case .json:
        text = JSONReporter().render(diagnostics, summary: summary, baseline: baseline)
      case .sarif:
        let lines = try SourceLines.read(for: diagnostics, options)
        text = SARIFReporter(
          toolVersion: Baton.version, lines: lines, comparedWithBaseline: baseline != nil
        ).render(
          diagnostics, rules: Checker.descriptions)
      case .gitlab:
        text = GitLabReporter().render(diagnostics)
      }
      if let output {
        do {
          try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
          throw CommandFailure(
            "cannot write the report to '\(output)': \(error.localizedDescription)")
        }
        if format != .text { Terminal.error((baseline?.lines ?? "") + summary.sentence + "\n") }
      } else {
        Terminal.output(text)
        if let baseline { Terminal.error(baseline.lines) }
      }
    }

    private func appendStepSummary(_ markdown: String, to path: String) {
      guard let handle = FileHandle(forWritingAtPath: path) else {
        _ = FileManager.default.createFile(atPath: path, contents: Data(markdown.utf8))
        return
      }
      defer { try? handle.close() }
      _ = try? handle.seekToEnd()
      try? handle.write(contentsOf: Data(markdown.utf8))
    }
  }
}

extension ReportFormat: ExpressibleByArgument {}
