import Foundation
import Synchronization

/// Runs the built `baton` binary and captures what it prints.
struct BatonBinary {
  struct Result {
    var status: Int32
    var standardOutput: String
    var standardError: String
  }

  /// `.build/debug/baton` next to this package, built by `swift build --build-tests`.
  static var path: String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/baton").path
  }

  /// Runs `baton` with arguments in a folder; pipes are drained while it runs.
  static func run(
    _ arguments: [String], in folder: String, environment: [String: String] = [:]
  ) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env.removeValue(forKey: "GITHUB_STEP_SUMMARY")
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let errors = PipeDrain(error)
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = errors.text()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      standardOutput: String(decoding: outputData, as: UTF8.self),
      standardError: errorText)
  }
}

/// A pipe read to its end on a thread of its own, so that a child writing to two pipes never
/// blocks on the one not being read. (A `readabilityHandler` still running when it is removed
/// can hold bytes it read but has not yet kept: a whole diagnostic went missing that way.)
final class PipeDrain: Sendable {
  private let data = DataBox()
  private let done = DispatchSemaphore(value: 0)

  init(_ pipe: Pipe) {
    let handle = pipe.fileHandleForReading
    Thread.detachNewThread { [data, done] in
      data.append(handle.readDataToEndOfFile())
      done.signal()
    }
  }

  /// Waits for the pipe's end and returns what was read.
  func text() -> String {
    done.wait()
    return data.string
  }
}

/// Bytes appended from a pipe's handler thread.
final class DataBox: Sendable {
  private let storage = Mutex(Data())

  func append(_ data: Data) {
    storage.withLock { $0.append(data) }
  }

  var string: String {
    storage.withLock { String(decoding: $0, as: UTF8.self) }
  }
}
