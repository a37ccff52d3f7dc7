import BatonTestSupport
import Foundation
import Testing

/// Every page type of the demo handbook and of a generated site, checked by axe-core in a real
/// headless Chromium, in the light and the dark colour scheme, and used with the keyboard.
///
/// axe-core comes from PyPI's `axe-selenium-python` (which bundles `axe.min.js`; `.ci/run`
/// installs it) and is injected through WebDriver. Skipped with a note when Chromium,
/// chromedriver, python3 or axe-core is missing, except in CI (`CI=true`), where that fails.
@Suite(.serialized) struct AccessibilityTests {
  /// The source of `axe.min.js`, found through Python without importing the package.
  static let axeSource: String? = {
    guard SearchBrowserTests.python != nil,
      let (status, path) = try? SearchBrowserTests.runPython([
        "-c",
        "import importlib.util, os; s = importlib.util.find_spec('axe_selenium_python'); "
          + "print(os.path.join(os.path.dirname(s.origin), 'node_modules', 'axe-core', "
          + "'axe.min.js') if s else '')",
      ]), status == 0
    else { return nil }
    let file = path.trimmingCharacters(in: .whitespacesAndNewlines)
    return file.isEmpty ? nil : try? String(contentsOfFile: file, encoding: .utf8)
  }()

  static var missing: String? {
    SearchBrowserTests.missing
      ?? (axeSource == nil ? "axe-core (python3 -m pip install axe-selenium-python)" : nil)
  }

  /// Whether to skip, saying why; in CI a missing tool is a failure instead.
  static func skips() -> Bool {
    guard let missing else { return false }
    if ProcessInfo.processInfo.environment["CI"] == "true" {
      Issue.record("the accessibility tests cannot run in CI: \(missing) is not available")
    } else {
      print("skipping the accessibility tests: \(missing) is not available")
    }
    return true
  }

  @Test func theDemoHandbookPassesAxeInBothSchemesAndByKeyboard() async throws {
    guard !Self.skips() else { return }
    let output = NSTemporaryDirectory() + "baton-a11y-demo-" + UUID().uuidString.prefix(8)
    defer { try? FileManager.default.removeItem(atPath: output) }
    try AccessibilitySites.build(
      folder: SearchBrowserTests.package.appendingPathComponent("site").path, output: output)
    try await Self.audit(site: output)
  }

  @Test func aGeneratedSitePassesAxeInBothSchemesAndByKeyboard() async throws {
    guard !Self.skips() else { return }
    let git = try AccessibilitySites.generated()
    defer { git.cleanup() }
    let output = git.root + "/site"
    try AccessibilitySites.build(folder: git.path, output: output)
    try await Self.audit(site: output)
  }

  /// Serves the site, then checks each page type with axe-core in both schemes and the
  /// keyboard on a few of them.
  static func audit(site: String) async throws {
    let pages = try AccessibilitySites.pageTypes(in: site)
    let port = try SearchBrowserTests.freePort()
    let server = try SearchBrowserTests.serve(site, port: port)
    defer { WebDriver.kill(server) }
    let driver = try await WebDriver(
      driver: SearchBrowserTests.chromedriver ?? "", chromium: SearchBrowserTests.chromium ?? "",
      port: try SearchBrowserTests.freePort())
    do {
      let root = "http://127.0.0.1:\(port)/"
      try await waitForServer(root)
      for scheme in ["light", "dark"] {
        try await driver.emulateColorScheme(scheme)
        for (name, page) in pages {
          let found = try await violations(driver, url: root + page, scheme: scheme)
          #expect(found.isEmpty, "\(name) (\(page), \(scheme)): \(found.joined(separator: "; "))")
        }
      }
      try await driver.emulateColorScheme("light")
      for (name, page) in pages
      where ["home", "decision", "handbook page", "search"].contains(name) {
        try await Keyboard.check(driver, url: root + page, name: name)
      }
    } catch {
      await driver.quit()
      throw error
    }
    await driver.quit()
  }

  static func waitForServer(_ root: String) async throws {
    for _ in 0..<50 {
      let probe = try SearchBrowserTests.runPython([
        "-c", "import urllib.request as u;u.urlopen('\(root)index.html',timeout=1)",
      ])
      if probe.0 == 0 { return }
      try await Task.sleep(for: .milliseconds(100))
    }
  }

  /// axe-core's violations on a page, of any impact: rule, impact and the first elements.
  static func violations(_ driver: WebDriver, url: String, scheme: String) async throws
    -> [String]
  {
    try await driver.open(url)
    if url.contains("search/index.html?q=") {
      _ = try await driver.wait(
        for: "return document.querySelector('#baton-search-results li') ? true : null")
    }
    let dark =
      try await driver.execute(
        "return matchMedia('(prefers-color-scheme: dark)').matches;") as? Bool
    #expect(dark == (scheme == "dark"), "the \(scheme) scheme is not emulated on \(url)")
    try await driver.execute((axeSource ?? "") + "\nreturn null;")
    try await driver.execute(runAxe)
    let answer = try await driver.wait(for: "return window.__batonAxe;")
    guard let text = answer as? String,
      let list = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
    else { throw WebDriver.Failure(description: "axe-core gave no answer on \(url)") }
    return list
  }

  static let runAxe = """
    window.__batonAxe = null;
    axe.run(document, { resultTypes: ['violations'] }).then(function (result) {
      window.__batonAxe = JSON.stringify(result.violations.map(function (v) {
        return v.id + ' (' + v.impact + ') at ' + v.nodes.slice(0, 3).map(function (n) {
          return n.target.join(' ');
        }).join(', ');
      }));
    }, function (error) { window.__batonAxe = JSON.stringify(['axe-core failed: ' + error]); });
    return null;
    """
}
