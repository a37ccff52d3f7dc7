import BatonTestSupport
import Foundation
import Testing

/// The search page in a real headless Chromium, driven through `chromedriver`: typing finds
/// documents over `file://` and over `http://`, excerpts are highlighted, links point at the
/// heading, the query lands in the URL, and hostile titles, bodies and queries stay text.
///
/// Skipped (with a note) when Chromium, chromedriver, python3 or the debug binary is missing.
@Suite(.serialized) struct SearchBrowserTests {
  static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let baton = package.appendingPathComponent(".build/debug/baton").path

  static func executable(_ candidates: [String]) -> String? {
    candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }
  static let chromium = executable(
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"])
  static let chromedriver = executable(["/usr/bin/chromedriver", "/usr/local/bin/chromedriver"])
  static let python: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return executable(path.split(separator: ":").map { $0 + "/python3" })
  }()

  /// What is missing to run the test, or nil.
  static var missing: String? {
    if chromium == nil { return "chromium" }
    if chromedriver == nil { return "chromedriver (apt-get install chromium-driver)" }
    if python == nil { return "python3" }
    if WebDriver.curl == nil { return "curl" }
    if !FileManager.default.isExecutableFile(atPath: baton) { return "the debug binary" }
    return nil
  }

  static let hostile = "<img src=x onerror=\"window.__xss=1;alert(1)\">"

  /// Builds a small site with the binary; returns the repository (kept alive) and the site.
  static func buildSite() throws -> (GitFixture, String) {
    let git = try GitFixture()
    try git.write("baton.yml", "title: Search browser test\n")
    try git.write(
      "decisions/0042-use-postgres.md",
      """
      ---
      status: accepted
      owner: ada
      date: 2024-03-01
      tags: [database]
      ---
      # Use Postgres for the event store

      ## Context

      The event store needs transactions and a proven backup story.

      ## Proposal

      Run Postgres with logical replication.

      """)
    try git.write(
      "decisions/0043-hostile.md",
      """
      ---
      status: proposed
      owner: ada
      date: 2024-03-02
      title: 'Quarantine \(hostile) payload'
      ---
      # Quarantine

      ## Notes

      The quarantine body quotes `\(hostile)` and <script>window.__xss=2</script> as text.

      """)
    try git.write(
      "handbook/backups.md",
      "---\nowner: ada\n---\n# Backups\n\n## Summary\n\nNightly backups of every store.\n")
    _ = try git.commit("Add documents")
    let output = git.root + "/site"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: baton)
    process.arguments = ["build", "--output", output, "--quiet"]
    process.currentDirectoryURL = URL(fileURLWithPath: git.path)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "baton build failed")
    return (git, output)
  }

  /// A free TCP port on the loopback interface.
  static func freePort() throws -> Int {
    let (_, text) = try runPython([
      "-c",
      "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])",
    ])
    guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
      throw WebDriver.Failure(description: "no free port")
    }
    return port
  }

  static func runPython(_ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python ?? "python3")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Serves a folder with Python's `http.server` on 127.0.0.1.
  static func serve(_ folder: String, port: Int) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python ?? "python3")
    process.arguments = [
      "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", folder,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// What the page shows once results are in: titles, marks, first link, URL query, status.
  static let resultsScript = """
    var items = document.querySelectorAll('#baton-search-results .baton-search-result');
    if (!items.length) return null;
    return {
      titles: Array.from(items, function (i) {
        return i.querySelector('.baton-search-title').textContent; }),
      marks: Array.from(items[0].querySelectorAll('.baton-search-excerpt mark'),
        function (m) { return m.textContent.toLowerCase(); }),
      href: items[0].querySelector('a').getAttribute('href'),
      search: location.search,
      status: document.getElementById('baton-search-status').textContent,
      injected: document.querySelectorAll('#baton-search-results img, #baton-search-results script')
        .length,
      xss: window.__xss === undefined ? 0 : window.__xss
    };
    """

  struct Shown {
    var titles: [String]
    var marks: [String]
    var href: String
    var search: String
    var status: String
    var injected: Int
    var xss: Int

    init(_ value: Any) throws {
      let object = try #require(value as? [String: Any])
      titles = object["titles"] as? [String] ?? []
      marks = object["marks"] as? [String] ?? []
      href = object["href"] as? String ?? ""
      search = object["search"] as? String ?? ""
      status = object["status"] as? String ?? ""
      injected = object["injected"] as? Int ?? -1
      xss = object["xss"] as? Int ?? -1
    }
  }

  @Test func typingFindsDocumentsOverFileAndHTTP() async throws {
    if let missing = SearchBrowserTests.missing {
      print("skipping the search browser test: \(missing) is not available")
      return
    }
    let (git, site) = try SearchBrowserTests.buildSite()
    defer { git.cleanup() }
    let port = try SearchBrowserTests.freePort()
    let server = try SearchBrowserTests.serve(site, port: port)
    defer {
      WebDriver.kill(server)
    }
    let driver = try await WebDriver(
      driver: SearchBrowserTests.chromedriver ?? "", chromium: SearchBrowserTests.chromium ?? "",
      port: try SearchBrowserTests.freePort())
    do {
      try await SearchBrowserTests.check(driver, site: site, port: port)
    } catch {
      await driver.quit()
      throw error
    }
    await driver.quit()
  }

  /// The results of typing `text` into the search box of a freshly opened page.
  ///
  /// Under the full suite's load (other browsers, builds, git fixtures on two cores) this wait
  /// has timed out now and then, with the page saying it found the result; alone, and in most
  /// full runs, it answers in well under a second. One more try on a fresh page tells such a
  /// stall from a broken search: the first timeout is printed with what the page showed (its
  /// status, its results and the index files it was still loading), and a second one fails.
  static func typedResults(_ driver: WebDriver, page: String, _ text: String) async throws
    -> Any
  {
    do {
      try await driver.open(page)
      try await driver.type("#baton-search-input", text)
      return try await driver.wait(for: resultsScript)
    } catch let failure as WebDriver.Failure {
      print("search browser test, trying once more after: \(failure.description)")
      try await driver.open(page)
      try await driver.type("#baton-search-input", text)
      return try await driver.wait(for: resultsScript)
    }
  }

  static func check(_ driver: WebDriver, site: String, port: Int) async throws {
    // Wait for the HTTP server.
    for _ in 0..<50 {
      let probe = try runPython([
        "-c",
        "import urllib.request as u;u.urlopen('http://127.0.0.1:\(port)/index.html',timeout=1)",
      ])
      if probe.0 == 0 { break }
      try await Task.sleep(for: .milliseconds(100))
    }
    for root in ["file://" + site, "http://127.0.0.1:\(port)"] {
      // Typing: results as you type, highlighted, linked to the heading, query in the URL.
      var shown = try Shown(
        await typedResults(driver, page: root + "/search/index.html", "event store"))
      // The address follows once the results are shown.
      shown.search = try #require(
        try await driver.wait(
          for: "return /[?&]q=event\\+store/.test(location.search) ? location.search : null")
          as? String)
      #expect(shown.titles.first == "Use Postgres for the event store", "\(root)")
      #expect(shown.marks.contains("event") && shown.marks.contains("store"), "\(shown.marks)")
      #expect(shown.href == "../decisions/0042-use-postgres/index.html#context", "\(root)")
      #expect(shown.search == "?q=event+store", "\(root)")
      #expect(shown.status.contains("for “event store”"), "\(shown.status)")
      // The link leads to the heading.
      try await driver.execute(
        "document.querySelector('#baton-search-results a').click(); return null;")
      let landed = try await driver.wait(
        for: "return /\\/decisions\\/0042-use-postgres\\/index.html#context$/.test(location.href)"
          + " && document.getElementById('context') ? location.href : null")
      #expect((landed as? String)?.hasPrefix(root) == true)

      // A shared URL: the query string runs the search on load.
      try await driver.open(root + "/search/index.html?q=backups")
      let shared = try Shown(await driver.wait(for: resultsScript))
      #expect(shared.titles.first == "Backups", "\(root)")
      #expect(shared.marks == ["backups"], "\(shared.marks)")

      // Hostile title, body and query: shown as text, nothing injected, no alert.
      let hostileShown = try Shown(
        await typedResults(driver, page: root + "/search/index.html", "quarantine " + hostile))
      #expect(await driver.alertText() == nil, "an alert opened")
      #expect(hostileShown.titles.first == "Quarantine \(hostile) payload")
      #expect(hostileShown.status.contains(hostile), "\(hostileShown.status)")
      #expect(hostileShown.injected == 0)
      #expect(hostileShown.xss == 0)
      let body = try await driver.wait(
        for: "return document.querySelectorAll('#main img, #main script').length + ':'"
          + " + document.querySelector('.baton-search-excerpt').textContent")
      #expect((body as? String)?.hasPrefix("0:") == true, "\(body)")
    }
  }
}
