import Foundation
import Testing

@testable import BatonGit
@testable import BatonSite
@testable import BatonSource
@testable import BatonSupport

@Suite struct SiteWriterTests {
  private func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.path + "/baton-writer-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  private func read(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  /// A changed file is put in place in one step: exchanged with its old version, which is left
  /// where the new one was staged (on Linux), or renamed where there is none.
  @Test func replacingAFileExchangesItWithItsOldVersion() throws {
    let base = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: base) }
    try Data("old".utf8).write(to: URL(fileURLWithPath: base + "/target"))
    try Data("new".utf8).write(to: URL(fileURLWithPath: base + "/staged"))
    #expect(SiteWriter.replace(base + "/target", with: base + "/staged"))
    #expect(read(base + "/target") == "new")
    #if os(Linux)
      #expect(read(base + "/staged") == "old")
    #endif
    try Data("fresh".utf8).write(to: URL(fileURLWithPath: base + "/staged-2"))
    #expect(SiteWriter.replace(base + "/absent", with: base + "/staged-2"))
    #expect(read(base + "/absent") == "fresh")
    #expect(!FileManager.default.fileExists(atPath: base + "/staged-2"))
    #expect(!SiteWriter.replace(base + "/other", with: base + "/staged-2"))
  }

  @Test func writesThenKeepsUnchangedFilesAndRemovesOldOnes() throws {
    let base = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: base) }
    let output = base + "/_site"
    let first = RenderedSite(files: [
      SiteFile(path: "index.html", text: "one"), SiteFile(path: "a/b/index.html", text: "two"),
      SiteFile(path: "gone.txt", text: "bye"), SiteFile(path: "same-size.txt", text: "abc"),
      SiteFile(path: "old/deep/gone.html", text: "deep"),
    ])
    let summary = try first.write(to: output)
    #expect(summary == SiteWriter.Summary(written: 5, unchanged: 0, removed: 0))
    #expect(FileManager.default.fileExists(atPath: output + "/" + SiteWriter.markerName))
    let before = try FileManager.default.attributesOfItem(atPath: output + "/index.html")
    let second = RenderedSite(files: [
      SiteFile(path: "index.html", text: "one"), SiteFile(path: "a/b/index.html", text: "changed"),
      SiteFile(path: "same-size.txt", text: "abd"),
    ])
    let again = try second.write(to: output)
    #expect(again == SiteWriter.Summary(written: 2, unchanged: 1, removed: 2))
    #expect(read(output + "/same-size.txt") == "abd")
    #expect(!FileManager.default.fileExists(atPath: output + "/old"))
    let after = try FileManager.default.attributesOfItem(atPath: output + "/index.html")
    // The unchanged file is the same file (hard link), not a rewrite.
    #expect(before[.systemFileNumber] as? Int == after[.systemFileNumber] as? Int)
    #expect(read(output + "/a/b/index.html") == "changed")
    #expect(!FileManager.default.fileExists(atPath: output + "/gone.txt"))
    // Nothing is left beside the output folder.
    #expect(try FileManager.default.contentsOfDirectory(atPath: base) == ["_site"])
  }

  @Test func aFailedWriteLeavesThePreviousSite() throws {
    let base = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: base) }
    let output = base + "/_site"
    _ = try RenderedSite(files: [SiteFile(path: "index.html", text: "old")]).write(to: output)
    // Half the files are fine; one would escape the folder, so the build fails half-way.
    let bad = RenderedSite(files: [
      SiteFile(path: "index.html", text: "new"), SiteFile(path: "x/../../escape.html", text: "!"),
    ])
    #expect(throws: OutputError.self) { try bad.write(to: output) }
    #expect(read(output + "/index.html") == "old")
    #expect(!FileManager.default.fileExists(atPath: base + "/escape.html"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: base) == ["_site"])
  }

  @Test func aKilledBuildsLeftoversAreCleanedAndTheOldSiteStays() throws {
    let base = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: base) }
    let output = base + "/_site"
    _ = try RenderedSite(files: [SiteFile(path: "index.html", text: "old")]).write(to: output)
    // What a build killed mid-write leaves: a marked temporary folder beside the output.
    let leftover = base + "/._site.baton-tmp-99999"
    try FileManager.default.createDirectory(atPath: leftover, withIntermediateDirectories: true)
    try Data("x".utf8).write(to: URL(fileURLWithPath: leftover + "/" + SiteWriter.markerName))
    #expect(read(output + "/index.html") == "old")
    _ = try RenderedSite(files: [SiteFile(path: "index.html", text: "new")]).write(to: output)
    #expect(read(output + "/index.html") == "new")
    #expect(!FileManager.default.fileExists(atPath: leftover))
  }

  @Test func refusesToReplaceAFolderItDidNotCreate() throws {
    let base = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: base) }
    let output = base + "/docs"
    try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
    try Data("precious".utf8).write(to: URL(fileURLWithPath: output + "/notes.md"))
    #expect(throws: OutputError.self) {
      try RenderedSite(files: [SiteFile(path: "index.html", text: "x")]).write(to: output)
    }
    #expect(read(output + "/notes.md") == "precious")
    // An empty folder is fine.
    let empty = base + "/empty"
    try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
    _ = try RenderedSite(files: [SiteFile(path: "index.html", text: "x")]).write(to: empty)
    #expect(read(empty + "/index.html") == "x")
  }

  @Test func twoBuildsOfTheSameCommitAreByteIdentical() throws {
    let git = try SiteFixture.make()
    let base = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: base) }
    for name in ["one", "two"] {
      _ = try SiteBuilder.build(
        SourceOptions(repositoryPath: git.path, startDirectory: git.path, revision: "main"),
        output: base + "/" + name, options: SiteOptions())
    }
    let files = try #require(FileManager.default.subpaths(atPath: base + "/one")).sorted()
    #expect(files == FileManager.default.subpaths(atPath: base + "/two")?.sorted())
    #expect(files.count > 20)
    for file in files {
      #expect(
        FileManager.default.contentsEqual(
          atPath: base + "/one/" + file, andPath: base + "/two/" + file), "\(file) differs")
    }
  }

  @Test func onlyPathsInsideTheFolderAreWritten() {
    // The check of every segment, as it reads on strings.
    func reference(_ path: String) -> Bool {
      guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0") else { return false }
      return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
        !$0.isEmpty && $0 != "." && $0 != ".."
      } && path != SiteWriter.markerName
    }
    let paths = [
      "index.html", "a/b/index.html", "", "/", "/etc/passwd", "a//b", "a/", "./a", "a/./b",
      "../a", "a/../b", "a/..", "...", "a/.../b", ".hidden", "a/.b", "..a", "a..", ".",
      "..", "a/b\u{0}c", ".baton-site", "x/.baton-site", "é/ü.html", "a/b/",
    ]
    for path in paths {
      #expect(SiteWriter.isSafe(path) == reference(path), "\(path.debugDescription)")
    }
  }

  @Test func aStreamWritesFilesAsTheyComeAndSwapsTheFolderInAtTheEnd() throws {
    let base = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: base) }
    let output = base + "/_site"
    _ = try RenderedSite(files: [
      SiteFile(path: "index.html", text: "old"), SiteFile(path: "gone.txt", text: "bye"),
    ]).write(to: output)
    let stream = try SiteWriter(folder: output).stream()
    let page = stream.put(SiteFile(path: "a/index.html", text: "page"))
    #expect(page.isWritten)
    #expect(page.bytes.isEmpty)
    // Until the end, readers see the old site.
    #expect(read(output + "/index.html") == "old")
    #expect(read(output + "/a/index.html") == nil)
    let summary = try stream.finish(
      RenderedSite(files: [page, SiteFile(path: "index.html", text: "old")]))
    #expect(summary == SiteWriter.Summary(written: 1, unchanged: 1, removed: 1))
    #expect(read(output + "/a/index.html") == "page")
    #expect(read(output + "/index.html") == "old")
    #expect(!FileManager.default.fileExists(atPath: output + "/gone.txt"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: base) == ["_site"])
  }

  @Test func aStreamThatFailsOrIsDroppedLeavesThePreviousSite() throws {
    let base = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: base) }
    let output = base + "/_site"
    _ = try RenderedSite(files: [SiteFile(path: "index.html", text: "old")]).write(to: output)
    let failing = try SiteWriter(folder: output).stream()
    _ = failing.put(SiteFile(path: "index.html", text: "new"))
    let escaping = failing.put(SiteFile(path: "../escape.html", text: "!"))
    #expect(!escaping.isWritten)
    #expect(throws: OutputError.self) { try failing.finish(RenderedSite(files: [])) }
    #expect(read(output + "/index.html") == "old")
    #expect(!FileManager.default.fileExists(atPath: base + "/escape.html"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: base) == ["_site"])
    // A build that fails while rendering drops its stream without finishing it.
    do {
      let dropped = try SiteWriter(folder: output).stream()
      _ = dropped.put(SiteFile(path: "index.html", text: "new"))
      #expect(try FileManager.default.contentsOfDirectory(atPath: base).count == 2)
    }
    #expect(read(output + "/index.html") == "old")
    #expect(try FileManager.default.contentsOfDirectory(atPath: base) == ["_site"])
  }
  /// A record read from its file and changed through `set(_:at:)` is written by copying the
  /// file but for the entries set (replaced, removed, added before, between and after the
  /// others): the bytes are those of encoding every entry.
  @Test func aRecordWrittenAgainIsTheOneEncodingEverythingGives() throws {
    let base = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: base) }
    let folder = base + "/_site"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var record = SiteManifest()
    for name in ["a.html", "b.html", "f.html", "g.html", "h.js", "z.html"] {
      try Data(name.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
    }
    func entry(_ name: String, _ seed: UInt64) -> SiteManifest.Entry {
      let (size, modified, inode) = SiteManifest.fileState(folder + "/" + name) ?? (0, 0, 0)
      return SiteManifest.Entry(
        key: seed % 2 == 0 ? nil : Digest(of: "key \(seed)"), digest: Digest(of: "\(seed)"),
        size: size, modified: modified, inode: inode)
    }
    for (seed, name) in ["b.html", "f.html", "h.js"].enumerated() {
      record.entries[name] = entry(name, UInt64(seed))
    }
    let path = base + "/record"
    #expect(record.write(to: path, folder: folder) != nil)
    let read = try #require(SiteManifest.read(path, folder: folder))
    #expect(read.isComplete)
    var patched = read
    patched.set(entry("a.html", 7), at: "a.html")
    patched.set(entry("f.html", 8), at: "f.html")
    patched.set(nil, at: "b.html")
    patched.set(entry("g.html", 9), at: "g.html")
    patched.set(entry("z.html", 10), at: "z.html")
    patched.set(nil, at: "missing.html")
    var encoded = patched
    encoded.entries = patched.entries
    let (copy, full) = (base + "/copy", base + "/full")
    let digest = patched.write(to: copy, folder: folder)
    #expect(digest != nil && digest == encoded.write(to: full, folder: folder))
    let bytes = try Data(contentsOf: URL(fileURLWithPath: copy))
    #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: full))))
    #expect(
      try #require(SiteManifest.read(copy, folder: folder)).listed == encoded.entries.keys.sorted())
  }
  /// A staging folder makes each folder once, before a file's first create, and hands back the
  /// file's stamp as written, which the folder's own `lstat` agrees with.
  @Test func aStagingFolderMakesFoldersOnceAndStampsWhatItWrites() throws {
    let base = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: base) }
    let staging = try #require(StagingFolder(path: base))
    let stamp = try #require(staging.write(Array("deep".utf8), at: "a/b/c/index.html"))
    #expect(read(base + "/a/b/c/index.html") == "deep")
    #expect(stamp == FileStamp.of(path: base + "/a/b/c/index.html"))
    #expect(stamp.size == 4)
    // A folder removed behind its back is made again when the create finds it gone.
    #expect(staging.write(Array("x".utf8), at: "a/b/c/other.html") != nil)
    try FileManager.default.removeItem(atPath: base + "/a/b")
    #expect(staging.write(Array("y".utf8), at: "a/b/c/third.html") != nil)
    #expect(read(base + "/a/b/c/third.html") == "y")
    #expect(staging.write(Array("z".utf8), at: "a/b/d/index.html") != nil)
    // A file where a folder must go: the write fails, nothing is made.
    #expect(staging.write(Array("f".utf8), at: "file") != nil)
    #expect(staging.write(Array("g".utf8), at: "file/inner.html") == nil)
    // A link lands beside the written files, in folders made for it.
    #expect(staging.link(base + "/file", at: "linked/copy"))
    #expect(read(base + "/linked/copy") == "f")
    #expect(!staging.link(base + "/absent", at: "linked/none"))
  }

  /// The record of a streamed write keeps each written file's size, time and inode as they are
  /// in the output folder after the swap, though they were taken from the open files.
  @Test func aStreamsRecordHasTheFilesStampsAsTheyAreInTheOutput() throws {
    let base = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: base) }
    let output = base + "/_site"
    let writer = SiteWriter(folder: output, manifestPath: base + "/record")
    let stream = try writer.stream()
    let page = stream.put(SiteFile(path: "a/b/index.html", text: "page"))
    _ = try stream.finish(
      RenderedSite(files: [page, SiteFile(path: "search/x/1.js", text: "excerpt")]))
    let record = try #require(writer.manifest())
    #expect(record.entries.count == 2)
    for path in ["a/b/index.html", "search/x/1.js"] {
      let entry = try #require(record.entries[path])
      let state = try #require(SiteManifest.fileState(output + "/" + path))
      #expect(entry.size == state.0 && entry.modified == state.1 && entry.inode == state.2)
    }
  }

  /// Reading the record keeps exactly the entries whose file is still as written, whether the
  /// file is alone in its folder, one of many, or deep, and however it was changed by hand:
  /// files are stamped from folders held open near them, and this compares with stamping each
  /// by its whole path.
  @Test func aRecordKeepsOnlyTheFilesStillAsWritten() throws {
    let base = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: base) }
    let output = base + "/_site"
    let writer = SiteWriter(folder: output, manifestPath: base + "/record")
    var paths = ["index.html", "a/b/c/d/index.html", "a/b/c/index.html", "solo/index.html"]
    paths += (0..<40).map { "search/x/\($0).js" }
    paths += (0..<30).flatMap {
      ["handbook/l/s\($0 % 3)/p\($0)/index.html", "handbook/l/s\($0 % 3)/index.html"]
    }
    let files = Set(paths).sorted().map { SiteFile(path: $0, text: "bytes of \($0)") }
    _ = try writer.write(RenderedSite(files: files))
    let written = try #require(writer.manifest())
    #expect(written.isComplete && written.entries.count == files.count)
    let manager = FileManager.default
    try Data("changed".utf8).write(to: URL(fileURLWithPath: output + "/search/x/7.js"))
    try manager.removeItem(atPath: output + "/handbook/l/s1/p4/index.html")
    try manager.removeItem(atPath: output + "/a/b/c")
    try manager.removeItem(atPath: output + "/handbook/l/s2/index.html")
    try manager.createSymbolicLink(
      atPath: output + "/handbook/l/s2/index.html", withDestinationPath: "p2/index.html")
    let handle = try #require(FileHandle(forWritingAtPath: output + "/index.html"))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("more".utf8))
    try handle.close()
    let record = try #require(writer.manifest())
    let same = Set(
      written.entries.sorted.filter { path, entry in
        SiteManifest.fileState(output + "/" + path).map {
          $0 == (entry.size, entry.modified, entry.inode)
        } ?? false
      }.map(\.path))
    #expect(!record.isComplete)
    #expect(Set(record.entries.keys) == same)
    #expect(same.count == files.count - 6)
    for gone in ["search/x/7.js", "a/b/c/index.html", "index.html", "handbook/l/s2/index.html"] {
      #expect(record.entries[gone] == nil)
    }
    #expect(record.entries["search/x/8.js"] == written.entries["search/x/8.js"])
  }

  /// A file written already (the build state's copy of `documents.json`) is linked into place
  /// by an in-place write, not written again: the output's file is that file, the record has
  /// its stamp and the digest given, and the files around it are written as ever.
  @Test func aLinkedFileIsPutInPlaceAsTheFileItIs() throws {
    let base = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: base) }
    let output = base + "/_site"
    let writer = SiteWriter(folder: output, manifestPath: base + "/record")
    let files = ["documents.json", "index.html", "a/index.html"].map {
      SiteFile(path: $0, text: "old \($0)")
    }
    _ = try writer.write(RenderedSite(files: files))
    let record = try #require(writer.manifest())
    let listing = base + "/listing.bin"
    try Data("new listing".utf8).write(to: URL(fileURLWithPath: listing))
    let digest = Digest(of: Array("new listing".utf8))
    let summary = try #require(
      try writer.writeChanges(
        [SiteFile(path: "index.html", text: "new index")],
        linked: ["documents.json": (listing, digest)], removed: [], record: record))
    #expect(summary.written == 2 && summary.unchanged == 1)
    #expect(read(output + "/documents.json") == "new listing")
    #expect(read(output + "/index.html") == "new index")
    let inode = { (path: String) in
      try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
    }
    #expect(try inode(output + "/documents.json") == inode(listing))
    let written = try #require(writer.manifest())
    #expect(written.isComplete)
    let entry = try #require(written.entries["documents.json"])
    let state = try #require(SiteManifest.fileState(output + "/documents.json"))
    #expect(entry.digest == digest)
    #expect(entry.size == state.0 && entry.modified == state.1 && entry.inode == state.2)
  }
}
