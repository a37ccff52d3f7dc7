import BatonTestSupport
import Foundation
import Testing

/// Builds a small handbook with the `baton` binary and opens it in Debian's headless Chromium
/// from disk (`file://`), where the Content-Security-Policy and relative links matter most.
@Suite struct SiteBrowserTests {
  static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The policy pages carry (as `SiteRenderer.contentSecurityPolicy`, not imported here).
  static let policy = "default-src 'self'; script-src 'self'; style-src 'self'"

  static var chromium: String? {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// Runs a program in a folder; with `temporary`, its temporary files go there (`TMPDIR`), so
  /// that Chromium's leave nothing in the system's folder once the test removes that one.
  @discardableResult
  static func run(
    _ executable: String, _ arguments: [String], in folder: String, temporary: String? = nil
  ) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    if let temporary { try process.useTemporaryFolder(temporary) }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Drain while it runs so a full pipe cannot block the child.
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Runs Chromium on a page with console logging on stderr; returns the DOM and the console
  /// messages (errors, CSP violations, uncaught exceptions) the page produced.
  static func load(
    _ chromium: String, _ arguments: [String], in folder: String, temporary: String
  ) throws -> (dom: String, console: [String]) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium)
    process.arguments = arguments + ["--enable-logging=stderr", "--v=0"]
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    try process.useTemporaryFolder(temporary)
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let log = PipeDrain(errors)
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let text = log.text()
    process.waitUntilExit()
    let console = text.split(separator: "\n").map(String.init).filter {
      $0.contains(":CONSOLE") || $0.contains("Uncaught") || $0.contains("Refused to")
    }
    return (String(decoding: data, as: UTF8.self), console)
  }

  @Test func builtSiteWorksInHeadlessChromiumFromDisk() throws {
    guard let chromium = SiteBrowserTests.chromium else {
      print("skipping the browser test: chromium is not installed (apt-get install chromium)")
      return
    }
    let baton = SiteBrowserTests.package.appendingPathComponent(".build/debug/baton").path
    guard FileManager.default.isExecutableFile(atPath: baton) else {
      print("skipping the browser test: build the baton binary first (swift build)")
      return
    }
    let git = try GitFixture()
    try git.write("baton.yml", "title: Browser test\n")
    for (number, status, tag) in [
      (1, "accepted", "db"), (2, "rejected", "ops"), (3, "accepted", "ops"),
    ] {
      try git.write(
        "decisions/000\(number)-decision-\(number).md",
        """
        ---
        status: \(status)
        owner: ada
        date: 2024-01-0\(number)
        tags: [\(tag)]
        ---
        # Decision \(number)

        ## Context

        Context \(number), see [the handbook](../handbook/guide.md).

        ## Proposal

        Proposal \(number).

        """)
    }
    try git.write(
      "handbook/guide.md",
      "---\nowner: ada\n---\n# Guide\n\n## Summary\n\nRead me.\n\n## More\n\nText.\n")
    _ = try git.commit("Add documents")
    let output = git.root + "/site"
    let (status, _) = try SiteBrowserTests.run(
      baton, ["build", "--output", output, "--quiet"], in: git.path)
    #expect(status == 0)
    let artifacts = SiteBrowserTests.package.appendingPathComponent(".build/artifacts").path
    try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
    let common = ["--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"]
    let temporary = NSTemporaryDirectory() + "baton-chromium-" + UUID().uuidString.prefix(8)
    defer { try? FileManager.default.removeItem(atPath: temporary) }
    func dom(_ page: String) throws -> String {
      let (dom, console) = try SiteBrowserTests.load(
        chromium,
        common + ["--virtual-time-budget=3000", "--dump-dom", "file://" + output + "/" + page],
        in: git.root, temporary: temporary)
      #expect(console.isEmpty, "console messages on \(page): \(console.joined(separator: "\n"))")
      return dom
    }
    // The console check can fail: a page of ours with an inline script is reported.
    try Data(
      "<!doctype html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"\(SiteBrowserTests.policy)\"></head><body><script>document.title = 'ran'</script></body></html>"
        .utf8
    ).write(to: URL(fileURLWithPath: git.root + "/control.html"))
    let control = try SiteBrowserTests.load(
      chromium,
      common + [
        "--virtual-time-budget=1000", "--dump-dom", "file://" + git.root + "/control.html",
      ],
      in: git.root, temporary: temporary)
    #expect(!control.console.isEmpty, "the console check saw no CSP violation in the control page")
    let home = try dom("index.html")
    #expect(home.contains("Recent decisions"))
    let decision = try dom("decisions/0001-decision-1/index.html")
    #expect(decision.contains("<h1>Decision 1</h1>"))
    #expect(decision.contains("../../handbook/guide/index.html"))
    let page = try dom("handbook/guide/index.html")
    #expect(page.contains("On this page"))
    // The filter script ran from disk under the CSP: the query string filters the rows.
    let filtered = try dom("decisions/index.html?status=accepted&tag=ops")
    #expect(filtered.contains("1 of 3 shown"), "the filter script did not run")
    #expect(!filtered.contains("id=\"filters\" hidden"))
    for (name, page) in [
      ("home", "index.html"), ("decision", "decisions/0001-decision-1/index.html"),
      ("handbook", "handbook/guide/index.html"), ("log", "decisions/index.html?status=accepted"),
    ] {
      try SiteBrowserTests.run(
        chromium,
        common + [
          "--window-size=1200,900", "--screenshot=\(artifacts)/site-\(name).png",
          "file://" + output + "/" + page,
        ], in: git.root, temporary: temporary)
      #expect(FileManager.default.fileExists(atPath: "\(artifacts)/site-\(name).png"))
    }
  }
}
