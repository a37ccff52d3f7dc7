import ArgumentParser
import BatonKit
import Foundation

extension Baton {
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write baton.yml, the folders and one example of each kind.",
      discussion: "Example: baton init handbook   (existing files are never overwritten)")

    @Argument(help: "The folder to set up (default: the current folder).")
    var folder: String = "."

    func run() throws {
      try Terminal.run {
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        let repository = Loader.repositoryUser(near: root.path)
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
