import BatonGit
import BatonTestSupport
import Foundation
import Testing

@Suite struct RepositoryReadingTests {
  private func makeDocs() throws -> GitFixture {
    let fixture = try GitFixture()
    try fixture.write("decisions/0001-first.md", "# First\n")
    try fixture.write("decisions/sub/0002-second.markdown", "# Second\n")
    try fixture.write("decisions/notes.txt", "not a document\n")
    try fixture.write("handbook/intro.md", "# Intro\n")
    try fixture.write(".gitignore", "drafts/\n*.tmp.md\n")
    try fixture.commit("Add documents")
    return fixture
  }

  @Test func discoversFromSubfolderAndReportsPaths() throws {
    let fixture = try makeDocs()
    let repository = try Repository.discover(from: fixture.path + "/decisions/sub")
    #expect(repository.workingDirectory == fixture.path)
    #expect(!repository.isBare)
    #expect(!repository.isShallow)
    #expect(try repository.headCommit()?.hex == fixture.headID())
  }

  @Test func missingRepositoryThrows() throws {
    let folder = FileManager.default.temporaryDirectory.path + "/baton-none-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(throws: GitError.self) { try Repository(path: folder) }
  }

  @Test func emptyRepositoryHasNoHead() throws {
    let fixture = try GitFixture()
    let repository = try Repository(path: fixture.path)
    #expect(try repository.headCommit() == nil)
    #expect(
      try repository.files(in: .workingTree, under: [""], extensions: ["md"], maxBytes: 100).isEmpty
    )
  }

  @Test func workingTreeListsDocumentsSkippingIgnored() throws {
    let fixture = try makeDocs()
    try fixture.write("drafts/secret.md", "# ignored\n")
    try fixture.write("decisions/scratch.tmp.md", "# ignored\n")
    try fixture.write("decisions/0003-draft.md", "# Untracked draft\n")
    let repository = try Repository(path: fixture.path)
    let files = try repository.files(
      in: .workingTree, under: [""], extensions: ["md", "markdown"], maxBytes: 1000)
    #expect(
      files.map(\.path) == [
        "decisions/0001-first.md", "decisions/0003-draft.md", "decisions/sub/0002-second.markdown",
        "handbook/intro.md",
      ])
    #expect(files[0].contents == Array("# First\n".utf8))
    #expect(files[0].size == 8)
    #expect(files[0].problem == nil)
    let decisions = try repository.files(
      in: .workingTree, under: ["decisions/", "decisions/sub"], extensions: ["md"], maxBytes: 1000)
    #expect(decisions.map(\.path) == ["decisions/0001-first.md", "decisions/0003-draft.md"])
  }

  @Test func trackedFilesStayListedWhenAnIgnorePatternMatchesThem() throws {
    let fixture = try GitFixture()
    try fixture.write(".gitignore", "*.draft.md\nscratch/\n")
    try fixture.write("docs/kept.draft.md", "# Tracked despite the pattern\n")
    try fixture.run(["add", "-f", "docs/kept.draft.md"])
    try fixture.write("docs/plain.md", "# Plain\n")
    try fixture.commit("Add pages")
    try fixture.write("docs/new.draft.md", "# Untracked and ignored\n")
    try fixture.write("docs/scratch/notes.md", "# In an ignored folder\n")
    let repository = try Repository(path: fixture.path)
    let files = try repository.files(
      in: .workingTree, under: ["docs"], extensions: ["md"], maxBytes: 1000)
    #expect(files.map(\.path) == ["docs/kept.draft.md", "docs/plain.md"])
  }

  @Test func commitSnapshotReadsTreeAndBareRepository() throws {
    let fixture = try makeDocs()
    let first = try fixture.headID()
    try fixture.write("decisions/0001-first.md", "# First, edited\n")
    try fixture.commit("Edit")
    let bare = try fixture.bareClone()
    let repository = try Repository(path: bare.path)
    #expect(repository.isBare)
    #expect(repository.workingDirectory == nil)
    let old = try repository.files(
      in: .commit(ObjectID(hex: first)), under: ["decisions"], extensions: ["md", "markdown"],
      maxBytes: 1000)
    #expect(old.map(\.path) == ["decisions/0001-first.md", "decisions/sub/0002-second.markdown"])
    #expect(old[0].contents == Array("# First\n".utf8))
    let head = try #require(try repository.headCommit())
    let file = try repository.file(in: .commit(head), at: "decisions/0001-first.md", maxBytes: 100)
    #expect(file?.contents == Array("# First, edited\n".utf8))
    #expect(try repository.file(in: .commit(head), at: "nope.yml", maxBytes: 100) == nil)
    #expect(throws: GitError.self) {
      try repository.files(in: .workingTree, under: [""], extensions: ["md"], maxBytes: 100)
    }
  }

  @Test func pathsListWhatFilesReadWithoutReadingIt() throws {
    let fixture = try makeDocs()
    try fixture.symlink("handbook/alias.md", to: "../decisions/0001-first.md")
    try fixture.write("handbook/image.png", "png")
    try fixture.commit("More")
    try fixture.write("drafts/secret.md", "# ignored\n")
    try fixture.write("handbook/untracked.md", "# Draft\n")
    try fixture.write("decisions/nested/.git/HEAD", "not this repository's\n")
    let repository = try Repository(path: fixture.path)
    let head = try #require(try repository.headCommit())
    for snapshot in [Snapshot.workingTree, .commit(head)] {
      for (prefixes, extensions) in [([""], Set<String>()), (["handbook", "decisions"], ["md"])] {
        let paths = try repository.paths(in: snapshot, under: prefixes, extensions: extensions)
        let files = try repository.files(
          in: snapshot, under: prefixes, extensions: extensions, maxBytes: 1000)
        #expect(paths == files.map(\.path), "\(snapshot) \(prefixes)")
        #expect(paths.contains("handbook/alias.md"))
        #expect(paths.contains("handbook/untracked.md") == (snapshot == .workingTree))
        #expect(!paths.contains("drafts/secret.md"))
      }
    }
  }

  /// One walk of the root gives what a walk of each collection and one of the root give: the
  /// same files read and the same paths, also for a collection under an ignored folder or
  /// outside the root, which that walk does not reach.
  @Test func oneWalkFindsWhatAWalkForEachFinds() throws {
    let fixture = try makeDocs()
    try fixture.symlink("handbook/alias.md", to: "../decisions/0001-first.md")
    try fixture.write("handbook/image.png", "png")
    try fixture.write("drafts/kept/0003-third.md", "# Third\n")
    try fixture.commit("More")
    try fixture.write("drafts/kept/0004-fourth.md", "# Fourth\n")
    try fixture.write("drafts/secret.md", "# ignored\n")
    try fixture.write("handbook/untracked.md", "# Draft\n")
    try fixture.write("decisions/nested/.git/HEAD", "not this repository's\n")
    let repository = try Repository(path: fixture.path)
    let head = try #require(try repository.headCommit())
    let cases: [([String], String)] = [
      ([""], ""), (["handbook", "decisions"], ""), (["decisions", "drafts/kept"], ""),
      (["handbook", "decisions/sub"], "decisions"), (["empty", "handbook/"], "./"),
    ]
    for snapshot in [Snapshot.workingTree, .commit(head)] {
      for (prefixes, root) in cases {
        let listed = try repository.listing(
          in: snapshot, under: prefixes, extensions: ["md", "markdown"], maxBytes: 1000,
          everyPathUnder: root)
        let (files, paths) = (listed.read(), listed.paths)
        let apart = try repository.files(
          in: snapshot, under: prefixes, extensions: ["md", "markdown"], maxBytes: 1000)
        #expect(files.map(\.path) == apart.map(\.path), "\(snapshot) \(prefixes) \(root)")
        #expect(files.map(\.contents) == apart.map(\.contents))
        #expect(try paths == repository.paths(in: snapshot, under: [root], extensions: []))
      }
    }
  }

  @Test func tooLargeFilesHaveNoContents() throws {
    let fixture = try makeDocs()
    try fixture.write("handbook/big.md", String(repeating: "x", count: 500))
    try fixture.commit("Big")
    let repository = try Repository(path: fixture.path)
    let head = try #require(try repository.headCommit())
    for snapshot in [Snapshot.workingTree, .commit(head)] {
      let big = try #require(
        try repository.file(in: snapshot, at: "handbook/big.md", maxBytes: 100))
      #expect(big.contents == nil)
      #expect(big.problem == .tooLarge(size: 500))
    }
  }

  @Test func symlinksInsideAreReadAndOutsideAreNot() throws {
    let fixture = try makeDocs()
    try fixture.symlink("handbook/alias.md", to: "../decisions/0001-first.md")
    try fixture.symlink("handbook/escape.md", to: "../../../../etc/hostname")
    try fixture.symlink("handbook/absolute.md", to: "/etc/hostname")
    try fixture.commit("Links")
    let repository = try Repository(path: fixture.path)
    let head = try #require(try repository.headCommit())
    for snapshot in [Snapshot.workingTree, .commit(head)] {
      let files = try repository.files(
        in: snapshot, under: ["handbook"], extensions: ["md"], maxBytes: 1000)
      let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0) })
      #expect(byPath["handbook/alias.md"]?.contents == Array("# First\n".utf8))
      #expect(byPath["handbook/escape.md"]?.contents == nil)
      #expect(
        byPath["handbook/escape.md"]?.problem
          == .symlinkOutsideRepository(target: "../../../../etc/hostname"))
      #expect(
        byPath["handbook/absolute.md"]?.problem
          == .symlinkOutsideRepository(target: "/etc/hostname"))
    }
  }

  /// Many files read together (each folder held open while its files are read) come out as
  /// each read alone: links inside followed, a linked folder's files without a stamp, links out
  /// refused, a folder where a file is expected not a file.
  @Test func filesReadTogetherAreAsEachReadAlone() throws {
    let fixture = try makeDocs()
    for folder in ["a", "b", "c/d"] {
      for number in 0..<30 { try fixture.write("handbook/\(folder)/\(number).md", "# \(number)\n") }
    }
    try fixture.symlink("handbook/b/alias.md", to: "../a/3.md")
    try fixture.symlink("handbook/b/out.md", to: "../../../../etc/hostname")
    try fixture.symlink("handbook/linked", to: "a")
    try fixture.write("handbook/c/folder.md/inner.txt", "not a document\n")
    try fixture.commit("Many")
    let repository = try Repository(path: fixture.path)
    let files = try repository.files(
      in: .workingTree, under: ["handbook"], extensions: ["md"], maxBytes: 1000)
    #expect(files.count > 64)
    for file in files {
      let alone = try repository.file(in: .workingTree, at: file.path, maxBytes: 1000)
      #expect(file == alone, "\(file.path)")
    }
    let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0) })
    #expect(byPath["handbook/b/alias.md"]?.contents == Array("# 3\n".utf8))
    #expect(byPath["handbook/a/3.md"]?.stamp != nil)
    let linked = try #require(
      try repository.file(in: .workingTree, at: "handbook/linked/3.md", maxBytes: 1000))
    #expect(linked.contents == Array("# 3\n".utf8))
    #expect(linked.stamp == nil)
    #expect(
      byPath["handbook/b/out.md"]?.problem
        == .symlinkOutsideRepository(target: "../../../../etc/hostname"))
  }

  @Test func resolvesRevisions() throws {
    let fixture = try makeDocs()
    let first = try fixture.headID()
    try fixture.tag("v1", message: "Release 1")
    try fixture.tag("light")
    try fixture.write("handbook/intro.md", "# Intro 2\n")
    let second = try fixture.commit("Second")
    let repository = try Repository(path: fixture.path)
    #expect(try repository.resolveCommit("HEAD").hex == second)
    #expect(try repository.resolveCommit("main").hex == second)
    #expect(try repository.resolveCommit("v1").hex == first)
    #expect(try repository.resolveCommit("light").hex == first)
    #expect(try repository.resolveCommit(String(first.prefix(8))).hex == first)
    #expect(try repository.resolveCommit("HEAD~1").hex == first)
    let error = #expect(throws: GitError.self) { try repository.resolveCommit("no-such-branch") }
    #expect(error?.isNotFound == true)
    #expect(error?.path == "no-such-branch")
    let clone = try fixture.clone()
    let cloned = try Repository(path: clone.path)
    #expect(try cloned.resolveCommit("origin/main").hex == second)
    #expect(ObjectID(hex: second).short == String(second.prefix(7)))
  }

  @Test func foldersConfigAndMergeBase() throws {
    let fixture = try makeDocs()
    let base = try fixture.headID()
    try fixture.run(["config", "user.name", "Repo Person"])
    try fixture.branch("side")
    try fixture.write("handbook/a.md", "a\n")
    let main = try fixture.commit("Main work")
    try fixture.checkout("side")
    try fixture.write("handbook/b.md", "b\n")
    let side = try fixture.commit("Side work")
    let repository = try Repository(path: fixture.path)
    #expect(repository.configValue("user.name") == "Repo Person")
    #expect(repository.configValue("no.such") == nil)
    #expect(
      try repository.mergeBase(ObjectID(hex: main), ObjectID(hex: side))?.hex == base)
    let candidates = ["decisions", "doc/adr", "handbook/", "docs/decisions"]
    #expect(
      try repository.existingFolders(in: .workingTree, among: candidates) == [
        "decisions", "handbook/",
      ])
    #expect(
      try repository.existingFolders(in: .commit(ObjectID(hex: base)), among: candidates) == [
        "decisions", "handbook/",
      ])
  }

  @Test func changesBetweenCommitAndSnapshots() throws {
    let fixture = try makeDocs()
    let base = try fixture.headID()
    try fixture.move("decisions/0001-first.md", to: "decisions/0001-renamed.md")
    try fixture.write("handbook/intro.md", "# Intro changed\n")
    try fixture.remove("decisions/sub/0002-second.markdown")
    let head = try fixture.commit("Rename, edit, delete")
    try fixture.write("decisions/0009-new.md", "# New draft\n")
    let repository = try Repository(path: fixture.path)
    let committed = try repository.changes(
      from: ObjectID(hex: base), to: .commit(ObjectID(hex: head)), under: [""])
    #expect(
      committed == [
        PathChange(
          path: "decisions/0001-renamed.md", kind: .renamed(from: "decisions/0001-first.md")),
        PathChange(path: "decisions/sub/0002-second.markdown", kind: .deleted),
        PathChange(path: "handbook/intro.md", kind: .modified),
      ])
    let working = try repository.changes(
      from: ObjectID(hex: head), to: .workingTree, under: ["decisions"])
    #expect(working == [PathChange(path: "decisions/0009-new.md", kind: .added)])
  }

  @Test func workingTreeStatusMarksDrafts() throws {
    let fixture = try makeDocs()
    try fixture.write("decisions/0003-untracked.md", "# Draft\n")
    try fixture.write("decisions/0004-staged.md", "# Staged\n")
    try fixture.run(["add", "decisions/0004-staged.md"])
    try fixture.write("decisions/0001-first.md", "# First, edited\n")
    try fixture.write("handbook/other.md", "# Outside the prefix\n")
    try fixture.write("drafts/ignored.md", "# Ignored\n")
    let repository = try Repository(path: fixture.path)
    let status = try repository.workingTreeStatus(under: ["decisions"])
    #expect(
      status == [
        "decisions/0003-untracked.md": .new, "decisions/0004-staged.md": .new,
        "decisions/0001-first.md": .modified,
      ])
  }

  /// Files asked about together, a folder's in one status list, have the states each has asked
  /// about alone (`git_status_file`): untracked, staged, edited, taken out of the index,
  /// ignored, unchanged, missing.
  @Test func statusesOfEachAreThoseOfOneByOne() throws {
    let fixture = try makeDocs()
    try fixture.write("decisions/0003-untracked.md", "# Draft\n")
    try fixture.write("decisions/0004-staged.md", "# Staged\n")
    try fixture.run(["add", "decisions/0004-staged.md"])
    try fixture.write("decisions/0001-first.md", "# First, edited\n")
    try fixture.run(["rm", "--cached", "--quiet", "decisions/sub/0002-second.markdown"])
    try fixture.write("decisions/a.tmp.md", "# Ignored\n")
    let paths = [
      "decisions/0001-first.md", "decisions/0003-untracked.md", "decisions/0004-staged.md",
      "decisions/sub/0002-second.markdown", "decisions/a.tmp.md", "decisions/notes.txt",
      "decisions/0009-missing.md", "handbook/intro.md",
    ]
    let repository = try Repository(path: fixture.path)
    let together = repository.workingTreeStatus(ofEach: paths)
    var alone: [String: WorkingTreeStatus] = [:]
    for path in paths {
      alone.merge(repository.workingTreeStatus(ofEach: [path])) { first, _ in first }
    }
    #expect(together == alone)
    #expect(
      together == [
        "decisions/0001-first.md": .modified, "decisions/0003-untracked.md": .new,
        "decisions/0004-staged.md": .new, "decisions/sub/0002-second.markdown": .new,
      ])
  }

  /// Ten thousand files in ten folders, from the working tree and from a commit: every one is
  /// listed once, with its own bytes (speed is measured in `make bench`, not asserted here).
  @Test func readsTenThousandFilesFromTheTreeAndACommit() throws {
    let fixture = try GitFixture()
    for folder in 0..<10 {
      for file in 0..<1000 {
        try fixture.write("docs/f\(folder)/doc-\(file).md", "# Document \(folder)-\(file)\n")
      }
    }
    try fixture.commit("Many")
    let repository = try Repository(path: fixture.path)
    let head = try #require(try repository.headCommit())
    for snapshot in [Snapshot.workingTree, .commit(head)] {
      let files = try repository.files(
        in: snapshot, under: ["docs"], extensions: ["md"], maxBytes: 1 << 20)
      #expect(files.count == 10_000)
      #expect(Set(files.map(\.path)).count == 10_000)
      let last = try #require(files.first { $0.path == "docs/f9/doc-999.md" })
      #expect(last.contents == Array("# Document 9-999\n".utf8))
    }
  }
}
