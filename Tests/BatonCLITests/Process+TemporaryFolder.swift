import Foundation

extension Process {
  /// Points the process's `TMPDIR` at `folder` (made if missing), so that Chromium's temporary
  /// files (its profile among them) go there and leave nothing in the system's folder once the
  /// test removes this one. The path must be short: Chromium makes a Unix socket under it, and
  /// such paths hold 107 bytes.
  func useTemporaryFolder(_ folder: String) throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var environment = ProcessInfo.processInfo.environment
    environment["TMPDIR"] = folder
    self.environment = environment
  }
}
