import ArgumentParser
import BatonAdoption
import BatonSource
import BatonSupport
import Foundation

extension Baton {
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "init",
      abstract: "Adopt the logs already here, or write a new handbook's scaffold.",
      discussion: """
        In a repository that holds decision logs, proposals or handbooks, writes a baton.yml \
        that reads them as they are written (collections, kinds, field aliases, excludes) and \
        a baseline of the findings that remain, then says what it found. Elsewhere, writes \
        baton.yml, the folders and one example of each kind. Existing files are never \
        overwritten.
        Example: baton init --dry-run
        """)

    @Argument(help: "The folder to set up (default: the current folder).")
    var folder: String = "."

    @Flag(name: .long, help: "Print the baton.yml and the summary without writing anything.")
    var dryRun = false

    func run() throws {
      try Terminal.run {
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        if FileManager.default.fileExists(atPath: root.appendingPathComponent("baton.yml").path) {
          Terminal.error(
            "baton.yml exists here: this repository is already set up, nothing changed "
              + "(delete baton.yml to adopt it again)\n")
          return
        }
        let repository = Loader.repositoryUser(near: root.path)
        if repository.inRepository {
          let adoption = try Adoption.survey(folder: root.path)
          if !adoption.isEmpty { return try adopt(adoption, root: root) }
        }
        try scaffold(root: root, repository: repository)
      }
    }

    /// Writes the proposed baton.yml and the baseline of what remains, and says what it found.
    private func adopt(_ adoption: Adoption, root: URL) throws {
      let findings = try adoption.findings(rootDirectory: root.path, today: Day.today())
      let summary = adoption.summary(findings: findings)
      if dryRun {
        Terminal.output(adoption.configurationText)
        Terminal.error(summary + "dry run: nothing written\n")
        return
      }
      try FileWriter.write(adoption.configurationText, to: root.appendingPathComponent("baton.yml"))
      Terminal.error(summary)
      Terminal.output("created baton.yml\n")
      if !findings.isEmpty {
        let baseline = Adoption.baseline(of: findings)
        try FileWriter.write(baseline.text, to: root.appendingPathComponent(baseline.fileName))
        Terminal.output("created \(baseline.fileName)\n")
        Terminal.error(
          "baselined \(findings.count) finding\(findings.count == 1 ? "" : "s"): 'baton check' "
            + "hides them and reports new ones; fix them over time and shrink the baseline with "
            + "'baton check --write-baseline'\n")
      }
      Terminal.error("next: run 'baton check', then commit baton.yml\n")
    }

    /// A new handbook: baton.yml, the folders and one example of each kind.
    private func scaffold(root: URL, repository: (inRepository: Bool, userName: String?)) throws {
      if dryRun {
        Terminal.error(
          "nothing to adopt here: 'baton init' would write a new handbook's scaffold\n")
        return
      }
      let name = repository.userName ?? ProcessInfo.processInfo.environment["USER"]
      let owner = "@" + Scaffold.slug(name ?? "owner")
      for file in Scaffold.initialFiles(today: Day.today(), owner: owner) {
        let url = root.appendingPathComponent(file.path)
        if FileManager.default.fileExists(atPath: url.path) {
          Terminal.error("kept    \(file.path) (exists)\n")
          continue
        }
        try FileWriter.write(file.text, to: url)
        Terminal.output("created \(file.path)\n")
      }
      if !repository.inRepository {
        Terminal.error(
          "note: this folder is not in a git repository yet: run 'git init' before 'baton check'\n"
        )
      }
      Terminal.error("next: run 'baton check' here, then 'baton new decision \"Title\"'\n")
    }
  }
}

/// Writes a new file, creating its folder; never replaces an existing file.
enum FileWriter {
  static func write(_ text: String, to url: URL) throws {
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url, options: .withoutOverwriting)
    } catch {
      throw CommandFailure("cannot write '\(url.path)': \(error.localizedDescription)")
    }
  }
}
