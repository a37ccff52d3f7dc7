import Foundation
import Testing

@testable import BatonSupport

/// `baton serve` rebuilds when `TreeWatcher.next()` returns: for a saved file, a new folder's
/// files, not for what the build never reads. Each test runs with the system's notifications
/// (inotify on Linux) and with polling.
@Suite struct TreeWatcherTests {
  /// A fresh folder holding `docs/a.md`.
  static func folder() throws -> String {
    let path = NSTemporaryDirectory() + "baton-watch-" + UUID().uuidString
    try FileManager.default.createDirectory(
      atPath: path + "/docs", withIntermediateDirectories: true)
    try write(path + "/docs/a.md", "# A\n")
    return path
  }

  static func write(_ path: String, _ text: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }

  @Test(arguments: [false, true]) func aSavedFileWakesIt(polling: Bool) throws {
    let root = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let watcher = TreeWatcher(root: root, interval: 0.05, polling: polling)
    #expect(!watcher.next(timeout: 0.3), "nothing changed yet")
    try Self.write(root + "/docs/a.md", "# A\n\nSaved again.\n")
    #expect(watcher.next(timeout: 5))
    #expect(!watcher.next(timeout: 0.3), "the save was reported once")
  }

  @Test(arguments: [false, true]) func hiddenAndBuiltFoldersDoNotWakeIt(polling: Bool) throws {
    let root = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    for folder in [".git", "_site", "docs/.cache"] {
      try FileManager.default.createDirectory(
        atPath: root + "/" + folder, withIntermediateDirectories: true)
    }
    let watcher = TreeWatcher(root: root, interval: 0.05, polling: polling)
    try Self.write(root + "/.git/HEAD", "ref: refs/heads/main\n")
    try Self.write(root + "/_site/index.html", "<p>built</p>\n")
    try Self.write(root + "/docs/.cache/x", "x\n")
    try Self.write(root + "/docs/.a.md.swp", "swap\n")
    #expect(!watcher.next(timeout: 0.5))
  }

  @Test(arguments: [false, true]) func aNewFoldersFilesWakeIt(polling: Bool) throws {
    let root = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let watcher = TreeWatcher(root: root, interval: 0.05, polling: polling)
    try FileManager.default.createDirectory(
      atPath: root + "/docs/new/deeper", withIntermediateDirectories: true)
    try Self.write(root + "/docs/new/deeper/b.md", "# B\n")
    #expect(watcher.next(timeout: 5))
    // The folders made since the watch started are watched too.
    try Self.write(root + "/docs/new/deeper/b.md", "# B\n\nEdited.\n")
    #expect(watcher.next(timeout: 5))
    try FileManager.default.removeItem(atPath: root + "/docs/new")
    #expect(watcher.next(timeout: 5))
  }

  @Test func theSystemReportsChangesOnLinux() throws {
    let root = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    #if os(Linux)
      #expect(TreeWatcher(root: root).method == "inotify")
    #else
      #expect(TreeWatcher(root: root).method == "polling")
    #endif
    #expect(TreeWatcher(root: root, interval: 0.05, polling: true).method == "polling")
  }
}
