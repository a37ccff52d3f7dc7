import Foundation
import Glibc

/// A minimal W3C WebDriver client for `chromedriver` driving headless Chromium: enough to open a
/// page, type into a field, run a script and look for an alert.
final class WebDriver {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  let process: Process
  let endpoint: String
  /// Chromium's temporary files (its profile among them) go here, removed by `quit()`; a short
  /// path, as Chromium makes a Unix socket under it.
  let temporary = NSTemporaryDirectory() + "baton-webdriver-" + UUID().uuidString.prefix(8)
  private(set) var session = ""

  /// Starts `chromedriver` on a free port and a headless Chromium session.
  init(driver: String, chromium: String, port: Int) async throws {
    process = Process()
    process.executableURL = URL(fileURLWithPath: driver)
    process.arguments = ["--port=\(port)"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.useTemporaryFolder(temporary)
    try process.run()
    endpoint = "http://127.0.0.1:\(port)"
    var ready = false
    for _ in 0..<100 where !ready {
      ready = (try? await request("GET", "/status")) != nil
      if !ready { try await Task.sleep(for: .milliseconds(100)) }
    }
    guard ready else { throw Failure(description: "chromedriver did not start") }
    let options: [String: Any] = [
      "binary": chromium,
      "args": [
        "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
        "--disable-dev-shm-usage", "--window-size=1200,900",
      ],
    ]
    let answer = try await request(
      "POST", "/session",
      ["capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]])
    guard let value = answer as? [String: Any], let id = value["sessionId"] as? String else {
      throw Failure(description: "no session: \(String(describing: answer))")
    }
    session = id
  }

  /// Ends the session and the driver.
  func quit() async {
    if !session.isEmpty { _ = try? await request("DELETE", "/session/\(session)") }
    WebDriver.kill(process)
    try? FileManager.default.removeItem(atPath: temporary)
  }

  /// Stops a child for good: children of test threads may not see SIGTERM (the signal can be
  /// blocked in the mask they inherit), so this sends SIGKILL.
  static func kill(_ process: Process) {
    guard process.isRunning else { return }
    _ = Glibc.kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  /// Sends a command through `curl` (swift-corelibs' URLSession is not dependable here);
  /// returns its `value`, throws its error.
  @discardableResult
  func request(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any?
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: WebDriver.curl ?? "/usr/bin/curl")
    var arguments = ["-s", "-m", "30", "-X", method, "-w", "\n%{http_code}"]
    let input = Pipe()
    if body != nil {
      arguments += ["-H", "Content-Type: application/json", "--data-binary", "@-"]
      process.standardInput = input
    }
    process.arguments = arguments + [endpoint + path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    if let body {
      input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: body))
      try input.fileHandleForWriting.close()
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard process.terminationStatus == 0, let newline = text.lastIndex(of: "\n"),
      let status = Int(text[text.index(after: newline)...])
    else { throw Failure(description: "\(method) \(path) failed") }
    let object = try JSONSerialization.jsonObject(
      with: Data(text[..<newline].utf8), options: [.fragmentsAllowed])
    let value = (object as? [String: Any])?["value"]
    if status >= 400 {
      let error = (value as? [String: Any])?["error"] as? String ?? "HTTP \(status)"
      throw Failure(description: "\(error): \(path)")
    }
    return value
  }

  /// The `curl` the client calls, if installed.
  static let curl = ["/usr/bin/curl", "/usr/local/bin/curl"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// Opens a URL.
  func open(_ url: String) async throws {
    try await request("POST", "/session/\(session)/url", ["url": url])
  }

  /// Types text into the element a CSS selector finds, key by key.
  func type(_ selector: String, _ text: String) async throws {
    let found = try await request(
      "POST", "/session/\(session)/element", ["using": "css selector", "value": selector])
    guard let element = (found as? [String: Any])?.values.first as? String else {
      throw Failure(description: "no element '\(selector)'")
    }
    try await request("POST", "/session/\(session)/element/\(element)/value", ["text": text])
  }

  /// Runs a script in the page and returns its result.
  @discardableResult
  func execute(_ script: String) async throws -> Any? {
    try await request("POST", "/session/\(session)/execute/sync", ["script": script, "args": []])
  }

  /// Runs a script until it returns something other than null, for at most `seconds`. The
  /// limit is generous: under the full suite's load (two cores, other browsers, builds) a page
  /// that answers in 50 ms alone has been seen to take over 10 s. A timeout says what the page
  /// showed, so that a failure tells a slow page from a broken one.
  func wait(for script: String, seconds: Double = 45) async throws -> Any {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
      // The script runs once more after the deadline: under load one call can take seconds,
      // and an answer that came during the last sleep is still an answer.
      let late = Date() >= deadline
      if let value = try await execute(script), !(value is NSNull) { return value }
      if late { break }
      try await Task.sleep(for: .milliseconds(50))
    }
    let shown = try? await execute(
      "var s = document.querySelector('[role=\"status\"]'), i = document.querySelector('input');"
        + " var r = document.querySelectorAll('[role=\"option\"]').length;"
        + " var p = Array.from(document.querySelectorAll('head script[src]'), function (t) {"
        + " return t.getAttribute('src'); }).join(', ');"
        + " return location.href + ' | status: ' + (s ? s.textContent : '(none)')"
        + " + ' | input: ' + (i ? i.value : '(none)') + ' | results: ' + r"
        + " + ' | scripts still loading: ' + (p || 'none');")
    throw Failure(
      description: "timed out after \(Int(seconds)) s waiting for: \(script)\n"
        + "the page showed: \(shown.map { String(describing: $0) } ?? "(no answer)")")
  }

  /// The text of an open alert, or nil when none is open.
  func alertText() async -> String? {
    (try? await request("GET", "/session/\(session)/alert/text")) as? String
  }
}
