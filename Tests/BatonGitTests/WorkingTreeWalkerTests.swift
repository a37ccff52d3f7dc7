import BatonTestSupport
import Foundation
import Testing

@testable import BatonGit

@Suite struct WorkingTreeWalkerTests {
  /// A repository with a file an ignore pattern matches but the index tracks.
  private func makeRepository() throws -> GitFixture {
    let fixture = try GitFixture()
    try fixture.write(".gitignore", "*.draft.md\n")
    try fixture.write("baton.yml", "title: Walker\n")
    try fixture.write("docs/kept.draft.md", "# Tracked despite the pattern\n")
    try fixture.run(["add", "-f", "docs/kept.draft.md"])
    try fixture.commit("Add pages")
    try fixture.write("docs/new.draft.md", "# Untracked and ignored\n")
    return fixture
  }

  @Test func readingOneFileLeavesTheIndexUnloaded() throws {
    let fixture = try makeRepository()
    let walker = try WorkingTreeWalker(
      repository: try Repository(path: fixture.path), maxBytes: 1000)
    let file = walker.file(at: "baton.yml")
    #expect(file?.contents.map { String(decoding: $0, as: UTF8.self) } == "title: Walker\n")
    #expect(walker.loadedIndex == nil)
  }

  @Test func aWalkLoadsTheIndexOnceAndKeepsTrackedIgnoredFiles() throws {
    let fixture = try makeRepository()
    let walker = try WorkingTreeWalker(
      repository: try Repository(path: fixture.path), maxBytes: 1000)
    var files: [RepositoryFile] = []
    walker.collect(prefix: "docs", extensions: ["md"], into: &files)
    #expect(files.map(\.path) == ["docs/kept.draft.md"])
    // The index file is read in place, not by libgit2.
    guard case .file(let loaded) = walker.loadedIndex else {
      Issue.record(
        "the walk did not read the index file: \(String(describing: walker.loadedIndex))")
      return
    }
    // A second walk asks the index it loaded.
    files = []
    walker.collect(prefix: "docs", extensions: ["md"], into: &files)
    #expect(files.map(\.path) == ["docs/kept.draft.md"])
    guard case .file(let again) = walker.loadedIndex else { return }
    #expect(again === loaded)
  }

  @Test func theWalkerKeepsItsRepositoryAlive() throws {
    let fixture = try makeRepository()
    weak var released: Repository?
    let walker: WorkingTreeWalker
    do {
      let repository = try Repository(path: fixture.path)
      released = repository
      walker = try WorkingTreeWalker(repository: repository, maxBytes: 1000)
    }
    // The walker's is the last reference: the index and ignore rules are asked through it.
    #expect(released != nil)
    var files: [RepositoryFile] = []
    walker.collect(prefix: "docs", extensions: ["md"], into: &files)
    #expect(files.map(\.path) == ["docs/kept.draft.md"])
  }

  @Test func anExtensionIsMatchedWhateverItsCase() {
    let documents: Set<String> = ["md", "markdown"]
    for name in ["a.md", "a.MD", "b.c.Markdown", "docs/a.mD", ".md"] {
      #expect(hasExtension(name, in: documents), "\(name)")
    }
    for name in ["a.mdx", "a.m", "md", "a.md/b", "a.txt", "a.", "a.m\u{e9}"] {
      #expect(!hasExtension(name, in: documents), "\(name)")
    }
    #expect(hasExtension("anything", in: []))
    // Beyond ASCII, as Unicode lowercases: a Kelvin sign is a 'k'.
    #expect(hasExtension("a.m\u{212A}", in: ["mk"]))
  }

  @Test func entriesComeInTheOrderOfTheirPaths() {
    let entries = ["a0.md", "a", "a.md", "b", "A.md"].map { name in
      FileSystem.Entry(name: name, kind: name.hasSuffix(".md") ? .file : .directory, isUTF8: true)
    }
    // `a.md` < `a/…` < `a0.md`, as the paths they lead to sort.
    #expect(
      WorkingTreeWalker.inPathOrder(entries).map(\.name) == ["A.md", "a.md", "a", "a0.md", "b"])
  }

  /// The walk stamps every document it lists, from its folder, before the caller says which
  /// stamps it knows: a known file is then not read, one whose stamp moved is.
  @Test func aWalkListsPathsSortedAndStampsFilesFromTheirFolder() throws {
    let fixture = try GitFixture()
    for path in ["d/a.md", "d/a/x.md", "d/a0.md", "d.md", "d/b.md"] {
      try fixture.write(path, "# \(path)\n")
    }
    try fixture.commit("Add pages")
    let repository = try Repository(path: fixture.path)
    let stamp = try #require(FileStamp.of(path: fixture.path + "/d/b.md"))
    var other = stamp
    other.size += 1
    let listed = try repository.listing(
      in: .workingTree, under: ["d"], extensions: ["md"], maxBytes: 1000, everyPathUnder: "")
    // Written after the walk: read as it is now, as the walk listed it.
    try fixture.write("d/a0.md", "# changed\n")
    let files = listed.read(unchanged: ["d/b.md": stamp, "d/a.md": other])
    let paths = listed.paths
    #expect(files[2].contents.map { String(decoding: $0, as: UTF8.self) } == "# changed\n")
    #expect(
      paths.filter { $0.hasSuffix(".md") } == ["d.md", "d/a.md", "d/a/x.md", "d/a0.md", "d/b.md"])
    #expect(files.map(\.path) == ["d/a.md", "d/a/x.md", "d/a0.md", "d/b.md"])
    // The file whose stamp is the one known is not read; the one whose stamp moved is.
    #expect(files.map(\.isUnread) == [false, false, false, true])
    #expect(files[3].stamp == stamp && files[3].contents == nil)
    #expect(files[0].contents.map { String(decoding: $0, as: UTF8.self) } == "# d/a.md\n")
  }
}
