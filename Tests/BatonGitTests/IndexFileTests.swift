import BatonTestSupport
import Foundation
import Testing

@testable import BatonGit

/// The index file read in place (`IndexFile`) against libgit2's reading of the same index.
@Suite struct IndexFileTests {
  /// One index entry as `forEachIndexEntry` hands it over.
  private struct Listed: Equatable, CustomStringConvertible {
    var path: String
    var id: [UInt8]
    var bits: UInt64
    var description: String { "\(path) \(String(bits, radix: 16))" }
  }

  /// Every entry, read by the reader (`forEachIndexEntry`), and by libgit2.
  private func entries(_ repository: Repository) -> (read: [Listed], libgit2: [Listed]) {
    var read: [Listed] = []
    var libgit2: [Listed] = []
    let collect = {
      (list: inout [Listed], path: UnsafeRawBufferPointer, id: UnsafeRawBufferPointer, bits: UInt64)
      in
      list.append(Listed(path: String(decoding: path, as: UTF8.self), id: Array(id), bits: bits))
    }
    #expect(
      repository.forEachIndexEntry(under: [""], extensions: []) { collect(&read, $0, $1, $2) })
    #expect(repository.forEachLibraryIndexEntry({ _ in true }) { collect(&libgit2, $0, $1, $2) })
    return (read, libgit2)
  }

  /// A repository whose index holds paths that sort in tricky orders, a conflict (stages 1 to
  /// 3), an intent-to-add entry (version 3, extended flags), an assume-unchanged and a
  /// skip-worktree entry, and an executable file and a symbolic link.
  private func makeRepository() throws -> GitFixture {
    let fixture = try GitFixture()
    for path in [
      "a.md", "a/b.md", "a0.md", "A.md", "a-b.md", "d/e/f.md", "x.md",
      "long/" + String(repeating: "n", count: 200) + ".md",
    ] {
      try fixture.write(path, "# \(path)\n")
    }
    try fixture.write("run.sh", "#!/bin/sh\n")
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755], ofItemAtPath: fixture.path + "/run.sh")
    try fixture.symlink("link.md", to: "a.md")
    try fixture.commit("Add pages")
    try fixture.conflict("x.md")
    try fixture.write("new.md", "# new\n")
    try fixture.run(["add", "-N", "new.md"])
    try fixture.run(["update-index", "--assume-unchanged", "a.md"])
    try fixture.run(["update-index", "--skip-worktree", "a0.md"])
    return fixture
  }

  @Test func theReaderListsWhatLibgit2Reads() throws {
    let fixture = try makeRepository()
    let repository = try Repository(path: fixture.path)
    let file = try #require(repository.indexFile())
    let (read, libgit2) = entries(repository)
    #expect(read == libgit2)
    #expect(read.count == 13)
    // The conflict's three stages, the flags, the modes.
    #expect(file.entries.filter { $0.stage != 0 }.count == 3)
    let bits = Dictionary(read.map { ($0.path, $0.bits) }, uniquingKeysWith: { a, _ in a })
    #expect(bits["new.md"].map { $0 >> 48 } == 0x2000)  // intent-to-add
    #expect(bits["a0.md"].map { $0 >> 48 } == 0x4000)  // skip-worktree
    #expect(bits["a.md"].map { $0 >> 32 & 0x8000 } == 0x8000)  // assume-unchanged
    #expect(bits["run.sh"].map { $0 & 0xffff_ffff } == 0o100755)
    #expect(bits["link.md"].map { $0 & 0xffff_ffff } == 0o120000)
  }

  /// Every path is found at its position, from any hint, at stage 0 or (for the conflict)
  /// not; folders are found by prefix, paths that are not there are not.
  @Test func lookupsFindEveryEntryFromAnyHint() throws {
    let fixture = try makeRepository()
    let file = try #require(try Repository(path: fixture.path).indexFile())
    let paths = file.entries.map { String(decoding: file.path(of: $0), as: UTF8.self) }
    for (position, path) in paths.enumerated() {
      for hint in [0, position / 2, position, position + 1, paths.count - 1, paths.count] {
        withBytes(of: path) { key in
          let stage = file.entries[position].stage
          #expect(file.lowerBound(of: key, stage: stage, hint: hint) == position, "\(path) \(hint)")
        }
      }
    }
    for missing in ["", "0.md", "a.mc", "a.mdx", "a/", "d/e.md", "zz.md", "x.md0"] {
      withBytes(of: missing) { key in
        for hint in [0, 3, paths.count] {
          #expect(!file.hasPath(key, at: file.lowerBound(of: key, hint: hint)), "\(missing)")
        }
      }
    }
    // The conflicted path has no stage 0 entry: its lower bound is its stage 1.
    withBytes(of: "x.md") { key in
      let position = file.lowerBound(of: key)
      #expect(file.hasPath(key, at: position) && file.entries[position].stage == 1)
    }
    for (prefix, found) in [
      ("d/", true), ("d/e/", true), ("a/", true), ("e/", false), ("long/", true), ("lon/", false),
    ] {
      withBytes(of: prefix) { key in
        #expect(file.hasPrefix(key, at: file.lowerBound(of: key, hint: 5)) == found, "\(prefix)")
      }
    }
  }

  /// Version 4 (compressed paths) and a truncated file are not read in place: the entries
  /// come from libgit2, and a walk asks libgit2's index.
  @Test func anIndexItCannotReadFallsBackToLibgit2() throws {
    let fixture = try makeRepository()
    let repository = try Repository(path: fixture.path)
    let expected = entries(repository).libgit2
    try fixture.run(["update-index", "--index-version", "4"])
    #expect(repository.indexFile() == nil)
    let (read, libgit2) = entries(repository)
    #expect(read == expected && libgit2 == expected)
    let walker = try WorkingTreeWalker(repository: repository, maxBytes: 1000)
    var files: [RepositoryFile] = []
    walker.collect(prefix: "d", extensions: ["md"], into: &files)
    #expect(files.map(\.path) == ["d/e/f.md"])
    guard case .library = walker.loadedIndex else {
      Issue.record("the walk read a version 4 index in place")
      return
    }
    try fixture.run(["update-index", "--index-version", "2"])
    #expect(repository.indexFile() != nil)
    let index = fixture.path + "/.git/index"
    let bytes = try Data(contentsOf: URL(fileURLWithPath: index))
    try bytes.prefix(bytes.count - 30).write(to: URL(fileURLWithPath: index))
    #expect(repository.indexFile() == nil)
  }

  /// A mandatory extension (a split index's `link`) is not skipped: libgit2 reads it.
  @Test func aSplitIndexIsNotReadInPlace() throws {
    let fixture = try makeRepository()
    try fixture.run(["update-index", "--split-index"])
    #expect(try Repository(path: fixture.path).indexFile() == nil)
    try fixture.run(["update-index", "--no-split-index"])
    #expect(try Repository(path: fixture.path).indexFile() != nil)
  }

  /// A repository without an index file has an empty index, as in libgit2.
  @Test func noIndexFileIsAnEmptyIndex() throws {
    let fixture = try GitFixture()
    let file = try #require(try Repository(path: fixture.path).indexFile())
    #expect(file.entries.isEmpty)
  }
}
