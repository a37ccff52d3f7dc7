import BatonGit
import BatonTestSupport
import Foundation
import Testing

@Suite struct HistoryTests {
  private let documents = HistoryOptions(prefixes: [""], extensions: ["md"])

  private func history(
    _ fixture: GitFixture, options: HistoryOptions? = nil, cache: String? = nil
  ) throws -> (History, notes: [String]) {
    let repository = try Repository(path: fixture.path)
    let head = try #require(try repository.headCommit())
    return try repository.history(upTo: head, options: options ?? documents, cacheDirectory: cache)
  }

  /// The commit ids `git log` lists for a path (with `--follow` when asked), newest first.
  private func gitLog(_ fixture: GitFixture, _ path: String, follow: Bool = true) throws -> [String]
  {
    var arguments = ["log", "--format=%H"]
    if follow { arguments.append("--follow") }
    return try fixture.run(arguments + ["--", path]).split(separator: "\n").map(String.init)
  }

  @Test func linearHistoryMatchesGitLog() throws {
    let fixture = try GitFixture()
    try fixture.write("decisions/0001-a.md", "# A\n")
    try fixture.write("readme.txt", "not a document\n")
    try fixture.commit("Add A")
    try fixture.write("decisions/0002-b.md", "# B\n")
    try fixture.commit("Add B", author: .bob)
    try fixture.write("decisions/0001-a.md", "# A\n\nMore.\n")
    try fixture.commit("Edit A", author: .bob, date: "2024-02-01T10:00:00+02:00")
    try fixture.write("readme.txt", "still not\n")
    try fixture.commit("Touch readme")
    let (history, notes) = try history(fixture)
    #expect(notes.isEmpty)
    #expect(history.walkedCommits == 4)
    #expect(!history.isShallow)
    #expect(history.files.keys.sorted() == ["decisions/0001-a.md", "decisions/0002-b.md"])
    for path in history.files.keys {
      let ids = history.files[path]?.entries.map(\.commit.id.hex)
      #expect(ids == (try gitLog(fixture, path)), "\(path)")
    }
    let a = try #require(history.files["decisions/0001-a.md"])
    #expect(a.created?.commit.author == Person(name: "Alice Example", email: "alice@example.com"))
    #expect(a.created?.change == .added)
    #expect(a.lastUpdated?.commit.author.name == "Bob Example")
    #expect(a.lastUpdated?.commit.subject == "Edit A")
    #expect(a.lastUpdated?.commit.timeZoneOffsetMinutes == 120)
    #expect(a.lastUpdated?.commit.date == Date(timeIntervalSince1970: 1_706_774_400))
    let repository = try Repository(path: fixture.path)
    let blob = try #require(a.entries.first?.blob)
    #expect(try repository.blob(blob, maxBytes: 100) == Array("# A\n\nMore.\n".utf8))
    #expect(try repository.blob(blob, maxBytes: 3) == nil)
  }

  @Test func followsRenamesAndFolderMoves() throws {
    let fixture = try GitFixture()
    let body = (1...30).map { "Line \($0) of a decision that is long enough to compare.\n" }
      .joined()
    try fixture.write("doc/adr/0001-record.md", "# Record\n" + body)
    let created = try fixture.commit("Record architecture decisions")
    let other = (1...30).map { "Another line \($0), about version control tools.\n" }.joined()
    try fixture.write("doc/adr/0002-use-git.md", "# Use git\n" + other)
    try fixture.commit("Use git")
    try fixture.move("doc/adr", to: "docs/decisions")
    try fixture.commit("Move decisions")
    try fixture.move("docs/decisions/0002-use-git.md", to: "docs/decisions/0002-use-libgit2.md")
    try fixture.write("docs/decisions/0002-use-libgit2.md", "# Use libgit2\n" + other)
    try fixture.commit("Rename with edit")
    try fixture.write("docs/decisions/0001-record.md", "# Record\n" + body + "Edited.\n")
    try fixture.commit("Edit after move")
    let (history, _) = try history(
      fixture, options: HistoryOptions(prefixes: ["doc/adr", "docs/decisions"], extensions: ["md"]))
    let first = try #require(history.files["docs/decisions/0001-record.md"])
    #expect(first.created?.commit.id.hex == created)
    #expect(first.created?.path == "doc/adr/0001-record.md")
    #expect(
      first.entries.map(\.commit.id.hex) == (try gitLog(fixture, "docs/decisions/0001-record.md")))
    #expect(
      first.entries.map(\.commit.subject) == [
        "Edit after move", "Move decisions", "Record architecture decisions",
      ])
    #expect(first.entries[1].change == .renamed(from: "doc/adr/0001-record.md"))
    let second = try #require(history.files["docs/decisions/0002-use-libgit2.md"])
    #expect(
      second.entries.map(\.commit.id.hex)
        == (try gitLog(fixture, "docs/decisions/0002-use-libgit2.md")))
    #expect(second.entries.first?.change == .renamed(from: "docs/decisions/0002-use-git.md"))
    #expect(
      second.entries.map(\.path) == [
        "docs/decisions/0002-use-libgit2.md", "docs/decisions/0002-use-git.md",
        "doc/adr/0002-use-git.md",
      ])
  }

  @Test func renameDoesNotAbsorbALaterFileWithTheOldName() throws {
    let fixture = try GitFixture()
    try fixture.write("docs/a.md", "# Old A\n")
    let first = try fixture.commit("Add A")
    try fixture.move("docs/a.md", to: "docs/b.md")
    let moved = try fixture.commit("Move A to B")
    try fixture.write("docs/a.md", "# A brand new document\n")
    let recreated = try fixture.commit("New A")
    let (history, _) = try history(fixture)
    #expect(history.files["docs/b.md"]?.entries.map(\.commit.id.hex) == [moved, first])
    #expect(history.files["docs/a.md"]?.entries.map(\.commit.id.hex).first == recreated)
  }

  @Test func mergesCountWhenTheDocumentDiffersFromEveryParent() throws {
    let fixture = try GitFixture()
    let lines = (1...20).map { "line \($0)\n" }
    try fixture.write("docs/shared.md", lines.joined())
    try fixture.write("docs/main-only.md", "# Main\n")
    try fixture.commit("Base")
    try fixture.branch("side")
    var mainLines = lines
    mainLines[0] = "line 1 from main\n"
    try fixture.write("docs/shared.md", mainLines.joined())
    let mainEdit = try fixture.commit("Main edits shared")
    try fixture.checkout("side")
    var sideLines = lines
    sideLines[19] = "line 20 from side\n"
    try fixture.write("docs/shared.md", sideLines.joined())
    let sideEdit = try fixture.commit("Side edits shared", author: .bob)
    try fixture.write("docs/side-only.md", "# Side\n")
    let sideAdd = try fixture.commit("Side adds a page", author: .bob)
    try fixture.checkout("main")
    let merge = try fixture.merge("side")
    let (history, _) = try history(fixture)
    let shared = try #require(history.files["docs/shared.md"])
    #expect(
      Set(shared.entries.map(\.commit.id.hex))
        == Set(try gitLog(fixture, "docs/shared.md", follow: false)))
    #expect(shared.entries.first?.commit.id.hex == merge)
    #expect(Set(shared.entries.map(\.commit.id.hex)).isSuperset(of: [mainEdit, sideEdit, merge]))
    #expect(Set(shared.entries.map(\.commit.author.name)) == ["Alice Example", "Bob Example"])
    let sideOnly = try #require(history.files["docs/side-only.md"])
    // The merge takes the page unchanged from the side branch: it does not count.
    #expect(sideOnly.entries.map(\.commit.id.hex) == [sideAdd])
    #expect(
      sideOnly.entries.map(\.commit.id.hex)
        == (try gitLog(fixture, "docs/side-only.md", follow: false)))
    #expect(history.files["docs/main-only.md"]?.entries.count == 1)
  }

  @Test func mailmapAndIgnoredRevisions() throws {
    let fixture = try GitFixture()
    let old = GitFixture.Author(name: "al", email: "al@old.example")
    try fixture.write("docs/page.md", "# Page\n")
    try fixture.commit("Add page", author: old)
    try fixture.write("docs/page.md", "# Page\n\nContent.\n")
    let edit = try fixture.commit("Edit page", author: .bob)
    try fixture.write("docs/page.md", "# Page\n\nContent.\n\n")
    let format = try fixture.commit("Reformat everything")
    try fixture.writeMailmap(["Alice Example <alice@example.com> al <al@old.example>"])
    try fixture.write(".git-blame-ignore-revs", "# formatting\n\(format) # reformat\n\nnot-an-id\n")
    try fixture.commit("Add mailmap and ignore list")
    let (history, _) = try history(fixture)
    let page = try #require(history.files["docs/page.md"])
    #expect(
      page.created?.commit.author == Person(name: "Alice Example", email: "alice@example.com"))
    #expect(page.entries.first?.commit.isIgnoredRevision == true)
    #expect(page.lastUpdated?.commit.id.hex == edit)
    #expect(page.entries.filter(\.commit.isIgnoredRevision).count == 1)
  }

  @Test func shallowCloneIsDetected() throws {
    let fixture = try GitFixture()
    try fixture.write("docs/a.md", "# A\n")
    try fixture.commit("One")
    try fixture.write("docs/a.md", "# A\n\nTwo.\n")
    try fixture.commit("Two")
    try fixture.write("docs/b.md", "# B\n")
    let head = try fixture.commit("Three")
    let clone = try fixture.clone(depth: 1)
    let (history, _) = try history(clone)
    #expect(history.isShallow)
    #expect(history.shallowBoundary.map(\.hex) == [head])
    #expect(history.walkedCommits == 1)
    #expect(history.files["docs/a.md"]?.entries.map(\.commit.id.hex) == [head])
    let full = try self.history(fixture).0
    #expect(!full.isShallow)
    #expect(full.shallowBoundary.isEmpty)
  }

  @Test func bareDetachedAndInvalidUTF8() throws {
    let fixture = try GitFixture()
    try fixture.write("docs/a.md", bytes: [0x23, 0x20, 0xff, 0xfe, 0x0a])
    let messageFile = fixture.root + "/message"
    try Data([0x42, 0x61, 0x64, 0x20, 0xc3, 0x28, 0x0a]).write(
      to: URL(fileURLWithPath: messageFile))
    try fixture.run(["add", "--all"])
    try fixture.run(["commit", "--quiet", "-F", messageFile])
    let first = try fixture.headID()
    try fixture.write("docs/a.md", "# fixed\n")
    try fixture.commit("Fix")
    try fixture.checkout(first)
    let detached = try Repository(path: fixture.path)
    #expect(try detached.headCommit()?.hex == first)
    let (history, _) = try history(fixture)
    let entry = try #require(history.files["docs/a.md"]?.entries.first)
    #expect(entry.commit.subject.hasPrefix("Bad "))
    #expect(
      try detached.blob(try #require(entry.blob), maxBytes: 10) == [0x23, 0x20, 0xff, 0xfe, 0x0a])
    let bare = try fixture.bareClone()
    let repository = try Repository(path: bare.path)
    let head = try repository.resolveCommit("main")
    let (bareHistory, _) = try repository.history(
      upTo: head, options: documents, cacheDirectory: nil)
    #expect(bareHistory.files["docs/a.md"]?.entries.count == 2)
  }

  @Test func incrementalRunWalksOnlyNewCommits() throws {
    let fixture = try GitFixture()
    for index in 1...5 {
      try fixture.write("docs/page-\(index).md", "# Page \(index)\n")
      try fixture.commit("Page \(index)")
    }
    let cache = fixture.root + "/cache"
    let (cold, coldNotes) = try history(fixture, cache: cache)
    #expect(cold.walkedCommits == 5)
    #expect(coldNotes.isEmpty)
    #expect(FileManager.default.fileExists(atPath: cache + "/history-v2.bin"))
    try fixture.move("docs/page-1.md", to: "docs/moved/page-1.md")
    try fixture.commit("Move page 1")
    try fixture.write("docs/page-2.md", "# Page 2\n\nEdited.\n")
    try fixture.commit("Edit page 2", author: .bob)
    let (warm, warmNotes) = try history(fixture, cache: cache)
    #expect(warmNotes.isEmpty)
    #expect(warm.walkedCommits == 2)
    let (fresh, _) = try history(fixture)
    #expect(fresh.walkedCommits == 7)
    #expect(summary(warm) == summary(fresh))
    #expect(warm.files["docs/moved/page-1.md"]?.entries.count == 2)
    let (again, _) = try history(fixture, cache: cache)
    #expect(again.walkedCommits == 0)
    #expect(summary(again) == summary(fresh))
    // Each incremental run appends a segment; the file keeps reading back whole.
    let size = try FileManager.default.attributesOfItem(atPath: cache + "/history-v2.bin")[.size]
    for index in 3...5 {
      try fixture.write("docs/page-\(index).md", "# Page \(index)\n\nEdited again.\n")
      try fixture.commit("Edit page \(index)")
      let (step, stepNotes) = try history(fixture, cache: cache)
      #expect(stepNotes.isEmpty)
      #expect(step.walkedCommits == 1)
    }
    let grown = try FileManager.default.attributesOfItem(atPath: cache + "/history-v2.bin")[.size]
    #expect((grown as? Int ?? 0) > (size as? Int ?? 0))
    let (last, lastNotes) = try history(fixture, cache: cache)
    #expect(lastNotes.isEmpty)
    #expect(last.walkedCommits == 0)
    #expect(summary(last) == summary(try history(fixture).0))
    #expect(last.files["docs/page-4.md"]?.entries.count == 2)
  }

  @Test func rewrittenHistoryRebuildsTheCacheWithANote() throws {
    let fixture = try GitFixture()
    try fixture.write("docs/a.md", "# A\n")
    try fixture.commit("One")
    try fixture.write("docs/a.md", "# A\n\nTwo.\n")
    try fixture.commit("Two")
    let cache = fixture.root + "/cache"
    _ = try history(fixture, cache: cache)
    try fixture.write("docs/a.md", "# A\n\nTwo, amended.\n")
    let amended = try fixture.commit("Two (amended)", amend: true)
    let (history, notes) = try history(fixture, cache: cache)
    #expect(history.walkedCommits == 2)
    #expect(notes.count == 1)
    #expect(notes.first?.contains("amended or rebased") == true)
    #expect(history.files["docs/a.md"]?.entries.first?.commit.id.hex == amended)
  }

  @Test func corruptOrForeignCacheIsRebuiltWithANote() throws {
    let fixture = try GitFixture()
    try fixture.write("docs/a.md", "# A\n")
    try fixture.commit("One")
    let cache = fixture.root + "/cache"
    try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
    try Data("{not json".utf8).write(to: URL(fileURLWithPath: cache + "/history-v2.bin"))
    let (first, notes) = try history(fixture, cache: cache)
    #expect(first.walkedCommits == 1)
    #expect(notes.count == 1)
    #expect(notes.first?.contains("could not be read") == true)
    let (second, quiet) = try history(fixture, cache: cache)
    #expect(second.walkedCommits == 0)
    #expect(quiet.isEmpty)
    let other = HistoryOptions(prefixes: ["docs"], extensions: ["markdown"])
    let (_, optionNotes) = try history(fixture, options: other, cache: cache)
    #expect(optionNotes.first?.contains("other folders") == true)
    let stranger = try GitFixture()
    try stranger.write("docs/x.md", "# X\n")
    try stranger.commit("Unrelated")
    let (_, foreignNotes) = try history(stranger, options: other, cache: cache)
    #expect(foreignNotes.first?.contains("another repository") == true)
  }

  @Test func damagedOrTruncatedBinaryCacheIsRebuilt() throws {
    let fixture = try GitFixture()
    try fixture.write("docs/a.md", "# A\n")
    try fixture.commit("One")
    try fixture.move("docs/a.md", to: "docs/b.md")
    try fixture.commit("Move")
    let cache = fixture.root + "/cache"
    let file = URL(fileURLWithPath: cache + "/history-v2.bin")
    let (cold, _) = try history(fixture, cache: cache)
    var bytes = try [UInt8](Data(contentsOf: file))
    bytes[bytes.count / 2] ^= 0xff
    try Data(bytes).write(to: file)
    let (flipped, flippedNotes) = try history(fixture, cache: cache)
    #expect(flippedNotes.first?.contains("checksum") == true)
    #expect(flipped.walkedCommits == 2)
    #expect(summary(flipped) == summary(cold))
    let intact = try [UInt8](Data(contentsOf: file))
    try Data(intact.dropLast(7)).write(to: file)
    let (truncated, truncatedNotes) = try history(fixture, cache: cache)
    #expect(truncatedNotes.first?.contains("could not be read") == true)
    #expect(truncated.walkedCommits == 2)
    let (warm, warmNotes) = try history(fixture, cache: cache)
    #expect(warmNotes.isEmpty)
    #expect(warm.walkedCommits == 0)
    #expect(summary(warm) == summary(cold))
    #expect(warm.files["docs/b.md"]?.entries.first?.change == .renamed(from: "docs/a.md"))
  }

  private func summary(_ history: History) -> [String: [String]] {
    history.files.mapValues { file in
      file.entries.map { "\($0.commit.id.hex) \($0.path) \($0.change) \($0.commit.author.name)" }
    }
  }
}
