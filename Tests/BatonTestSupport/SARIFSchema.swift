import Foundation

/// Validates SARIF logs against the official SARIF 2.1.0 JSON schema
/// (`Tests/Fixtures/sarif-schema-2.1.0.json`, OASIS's text with its errata), with Python's
/// `jsonschema` (installed by `.ci/run`).
public enum SARIFSchema {
  /// The vendored schema's path.
  public static var schemaPath: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/sarif-schema-2.1.0.json").path
  }

  static let script = """
    import json, sys
    from jsonschema import Draft4Validator
    schema = json.load(open(sys.argv[1]))
    log = json.load(sys.stdin)
    errors = sorted(Draft4Validator(schema).iter_errors(log), key=lambda e: list(e.path))
    for error in errors:
        print("/".join(str(p) for p in error.path) + ": " + error.message)
    sys.exit(1 if errors else 0)
    """

  /// The schema's complaints about a log, one per line; empty when the log is valid.
  ///
  /// - Throws: when the validator cannot run (no `python3`, no `jsonschema`).
  public static func violations(_ sarif: String) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, schemaPath]
    let input = Pipe()
    let output = Pipe()
    let error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    // The log is small; write it, close, then read (the validator prints only after reading).
    input.fileHandleForWriting.write(Data(sarif.utf8))
    try input.fileHandleForWriting.close()
    let printed = output.fileHandleForReading.readDataToEndOfFile()
    let complaint = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let lines = String(decoding: printed, as: UTF8.self).split(separator: "\n").map(String.init)
    if process.terminationStatus != 0, lines.isEmpty {
      throw ValidatorFailure(message: String(decoding: complaint, as: UTF8.self))
    }
    return lines
  }

  /// The validator could not run.
  public struct ValidatorFailure: Error, CustomStringConvertible {
    public var message: String
    public var description: String { "the SARIF validator did not run: \(message)" }
  }
}
