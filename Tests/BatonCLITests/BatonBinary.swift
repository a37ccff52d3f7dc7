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
    let outputData = DataBox()
    let errorData = DataBox()
    output.fileHandleForReading.readabilityHandler = { outputData.append($0.availableData) }
    error.fileHandleForReading.readabilityHandler = { errorData.append($0.availableData) }
    try process.run()
    process.waitUntilExit()
    output.fileHandleForReading.readabilityHandler = nil
    error.fileHandleForReading.readabilityHandler = nil
    outputData.append(output.fileHandleForReading.readDataToEndOfFile())
    errorData.append(error.fileHandleForReading.readDataToEndOfFile())
    return Result(
      status: process.terminationStatus, standardOutput: outputData.string,
      standardError: errorData.string)
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
