import BatonTestSupport
import Foundation
import Testing

@testable import BatonGit

/// The status of single files worked out without libgit2's index (`FileStatusReader`) against
/// `git_status_file`'s on the same repository.
@Suite struct FileStatusReaderTests {
  /// A repository with files in every state a document can be in.
  private func makeRepository() throws -> GitFixture {
    let fixture = try GitFixture()
    try fixture.write(".gitignore", "*.tmp.md\n")
    for name in [
      "same", "edited", "sized", "reverted", "staged", "restaged", "exec", "gone", "removed",
      "uncached", "uncached.tmp",
    ] {
      try fixture.write("docs/\(name).md", "# \(name) A\n")
    }
    try fixture.write("other/x.md", "# x\n")
    try fixture.run(["add", "-f", "docs/uncached.tmp.md"])
    try fixture.commit("Add pages")
    try fixture.write("docs/edited.md", "# edited A\nOne more line.\n")
    try fixture.write("docs/sized.md", "# sized B\n")
    try fixture.write("docs/reverted.md", "# reverted B\n")
    try fixture.write("docs/reverted.md", "# reverted A\n")
    try fixture.write("docs/staged.md", "# staged B\n")
    try fixture.write("docs/restaged.md", "# restaged B\n")
    try fixture.run(["add", "docs/staged.md", "docs/restaged.md"])
    try fixture.write("docs/restaged.md", "# restaged A\n")
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755], ofItemAtPath: fixture.path + "/docs/exec.md")
    try fixture.remove("docs/removed.md")
    try FileManager.default.removeItem(atPath: fixture.path + "/docs/gone.md")
    try fixture.run(["rm", "--cached", "--quiet", "docs/uncached.md", "docs/uncached.tmp.md"])
    try fixture.write("docs/new.md", "# new\n")
    try fixture.write("docs/added.md", "# added\n")
    try fixture.run(["add", "docs/added.md"])
    try fixture.write("docs/draft.tmp.md", "# ignored\n")
    return fixture
  }

  /// What each path's status is, as libgit2 gives it.
  private let expected: [String: WorkingTreeStatus?] = [
    "docs/same.md": nil, "docs/edited.md": .modified, "docs/sized.md": .modified,
    "docs/reverted.md": nil, "docs/staged.md": .modified, "docs/restaged.md": .modified,
    "docs/exec.md": .modified, "docs/gone.md": .modified, "docs/new.md": .new,
    "docs/added.md": .new, "docs/draft.tmp.md": nil, "other/x.md": nil,
    "docs/removed.md": .modified, "docs/uncached.md": .new, "docs/uncached.tmp.md": .modified,
  ]

  /// libgit2's answer for `paths`.
  private func libgit2(_ repository: Repository, _ paths: [String]) -> [String: WorkingTreeStatus] {
    var result: [String: WorkingTreeStatus] = [:]
    repository.libraryStatus(ofEach: paths, into: &result)
    return result
  }

  @Test func everyStateIsWorkedOutAsLibgit2WorksItOut() throws {
    let fixture = try makeRepository()
    let repository = try Repository(path: fixture.path)
    let reader = try #require(FileStatusReader(repository))
    let paths = expected.keys.sorted()
    let asked = libgit2(repository, paths)
    for path in paths {
      #expect(asked[path] == expected[path] ?? nil, "libgit2: \(path)")
      #expect(reader.status(of: path) == .known(expected[path] ?? nil), "\(path)")
    }
    #expect(repository.workingTreeStatus(ofEach: paths) == asked)
  }

  /// Files whose status a second look decides: the stat data moved but not the bytes (or the
  /// bytes, not the size), after the index was written a while before.
  @Test func aFileTouchedAfterTheIndexIsHashed() throws {
    let fixture = try makeRepository()
    let later = Date().addingTimeInterval(5)
    for name in ["same", "other"] {
      try fixture.write("docs/touched-\(name).md", "# touched\n")
    }
    try fixture.run(["add", "docs/touched-same.md", "docs/touched-other.md"])
    try fixture.write("docs/touched-other.md", "# Touched\n")
    for name in ["same", "other"] {
      try FileManager.default.setAttributes(
        [.modificationDate: later], ofItemAtPath: fixture.path + "/docs/touched-\(name).md")
    }
    let repository = try Repository(path: fixture.path)
    let reader = try #require(FileStatusReader(repository))
    let asked = libgit2(repository, ["docs/touched-same.md", "docs/touched-other.md"])
    #expect(asked == ["docs/touched-same.md": .new, "docs/touched-other.md": .new])
    #expect(reader.status(of: "docs/touched-same.md") == .known(.new))
    try fixture.commit("Touched")
    try fixture.write("docs/touched-other.md", "# Touched\n")
    try fixture.write("docs/touched-same.md", "# Changed\n")
    let again = try Repository(path: fixture.path)
    let second = try #require(FileStatusReader(again))
    #expect(libgit2(again, ["docs/touched-other.md"]) == [:])
    #expect(second.status(of: "docs/touched-other.md") == .known(nil))
    #expect(libgit2(again, ["docs/touched-same.md"]) == ["docs/touched-same.md": .modified])
    #expect(second.status(of: "docs/touched-same.md") == .known(.modified))
  }

  /// Where a filter could change the bytes, a file whose size did not change is left to
  /// libgit2; a conflict and an intent-to-add entry are too.
  @Test func whatItCannotSettleIsLeftToLibgit2() throws {
    let fixture = try makeRepository()
    try fixture.write("docs/.gitattributes", "*.md text\n")
    try fixture.write("docs/sized.md", "# sized C\n")
    try fixture.write("intent.md", "# intent\n")
    try fixture.run(["add", "-N", "intent.md"])
    let repository = try Repository(path: fixture.path)
    let reader = try #require(FileStatusReader(repository))
    #expect(reader.status(of: "docs/sized.md") == .unknown)
    #expect(reader.status(of: "docs/edited.md") == .known(.modified))
    #expect(reader.status(of: "other/x.md") == .known(nil))
    #expect(reader.status(of: "intent.md") == .unknown)
    let paths = expected.keys.sorted() + ["intent.md"]
    #expect(repository.workingTreeStatus(ofEach: paths) == libgit2(repository, paths))
    try fixture.write(".git/info/attributes", "*.md ident\n")
    let info = try #require(FileStatusReader(try Repository(path: fixture.path)))
    try fixture.write("other/x.md", "# z\n")
    #expect(info.status(of: "other/x.md") == .unknown)
    try FileManager.default.removeItem(atPath: fixture.path + "/.git/info/attributes")
    try fixture.run(["config", "core.autocrlf", "true"])
    let crlf = try #require(FileStatusReader(try Repository(path: fixture.path)))
    try fixture.write("other/x.md", "# y\n")
    #expect(crlf.status(of: "other/x.md") == .unknown)
  }

  @Test func aConflictIsLeftToLibgit2() throws {
    let fixture = try GitFixture()
    try fixture.write("x.md", "# base\n")
    try fixture.commit("Base")
    try fixture.conflict("x.md")
    let repository = try Repository(path: fixture.path)
    #expect(try #require(FileStatusReader(repository)).status(of: "x.md") == .unknown)
    #expect(repository.workingTreeStatus(ofEach: ["x.md"]) == libgit2(repository, ["x.md"]))
  }
}
