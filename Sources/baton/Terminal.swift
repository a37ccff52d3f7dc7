import ArgumentParser
import BatonConfig
import BatonGit
import BatonSite
import BatonSource
import BatonSupport
import Foundation

/// Where the command line writes, and how failures become exit statuses.
enum Terminal {
  /// Writes to standard error (human output).
  static func error(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Writes to standard output (machine output and command results).
  static func output(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// Prints the seconds each stage took (`--timings`): `load 0.120 s, parse 0.004 s`.
  static func timings(_ laps: [(stage: String, seconds: Double)]) {
    error(
      laps.map { "\($0.stage) \(String(format: "%.3f", $0.seconds)) s" }
        .joined(separator: ", ") + "\n")
  }

  /// Prints notes about how the repository was read (history cache, shallow clone).
  static func notes(_ notes: [String]) {
    for note in notes { error("baton: note: \(TerminalText.escaped(note))\n") }
  }

  /// Whether to colour output on a stream: a terminal, `NO_COLOR` unset, `TERM` not dumb.
  static func useColor(fileDescriptor: Int32) -> Bool {
    let environment = ProcessInfo.processInfo.environment
    if environment["NO_COLOR"].map({ !$0.isEmpty }) ?? false { return false }
    if environment["TERM"] == "dumb" { return false }
    return isatty(fileDescriptor) == 1
  }

  /// Runs a command's body, turning tool failures into a message and exit status 2.
  static func run(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let error as ExitCode {
      throw error
    } catch let error as ValidationError {
      throw error
    } catch let error as ConfigurationError {
      fail(error.description)
    } catch let error as SourceError {
      fail(error.description)
    } catch let error as GitError {
      fail("git: \(error.description)")
    } catch let error as TemplateError {
      fail("template: \(error.description)")
    } catch let error as OutputError {
      fail("output: \(error.description)")
    } catch let error as CommandFailure {
      fail(error.message)
    } catch {
      fail("\(error)")
    }
  }

  /// Ends the process with a status without unwinding, and without the exit handlers of the
  /// libraries linked in (freeing what the process is about to drop anyway): output is
  /// written unbuffered, and C's buffers are flushed first.
  static func exitNow(_ status: Int32) -> Never {
    fflush(nil)
    _exit(status)
  }

  /// Prints `baton: error: …` and exits with status 64: a usage error found once the
  /// repository is read (an unknown kind), which argument-parser's `validate()` cannot see.
  static func usageFailure(_ message: String) -> Never {
    error("baton: error: \(TerminalText.escaped(message))\n")
    Foundation.exit(64)
  }

  /// Prints `baton: error: …` and exits with status 2; the message's control characters (from
  /// a path or a file's text) are escaped.
  static func fail(_ message: String) -> Never {
    error("baton: error: \(TerminalText.escaped(message))\n")
    Foundation.exit(2)
  }
}

/// A command that cannot do its job, with a message saying why.
struct CommandFailure: Error {
  var message: String
  init(_ message: String) { self.message = message }
}
