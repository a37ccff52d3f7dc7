import Foundation
import Testing

/// Key pages of the fixture site compared byte for byte with files kept in `Tests/Snapshots/Site`
/// (outside the target's folder, so SwiftPM does not ask to declare them as resources).
///
/// After an intended change of the theme or the view models, re-record them with
/// `RECORD_SNAPSHOTS=1 swift test --filter SiteSnapshotTests` and review the diff.
@Suite struct SiteSnapshotTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Snapshots/Site").path

  @Test(arguments: [
    ("home", "index.html"),
    ("decision", "decisions/0002-use-postgres/index.html"),
    ("handbook-page", "handbook/security/passwords/index.html"),
    ("decision-log", "decisions/index.html"),
  ])
  func pageMatchesItsSnapshot(name: String, path: String) throws {
    let git = try SiteFixture.make()
    let site = try SiteFixture.render(git, baseURL: "https://handbook.acme.example/")
    let page = SiteFixture.text(site, path)
    #expect(!page.isEmpty, "no page at \(path)")
    let file = SiteSnapshotTests.folder + "/\(name).html"
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try FileManager.default.createDirectory(
        atPath: SiteSnapshotTests.folder, withIntermediateDirectories: true)
      try Data(page.utf8).write(to: URL(fileURLWithPath: file))
      return
    }
    let recorded = try #require(
      FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) },
      "no snapshot \(file): record it with RECORD_SNAPSHOTS=1")
    guard page != recorded else { return }
    let (new, old) = (page.split(separator: "\n"), recorded.split(separator: "\n"))
    let line =
      zip(new, old).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(new.count, old.count)
    Issue.record(
      """
      \(path) differs from \(file) at line \(line + 1):
        now:      \(line < new.count ? String(new[line]) : "(end)")
        recorded: \(line < old.count ? String(old[line]) : "(end)")
      re-record with RECORD_SNAPSHOTS=1 if the change is intended
      """)
  }
}
