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
    // The walker holds the repository's handle, not the repository: it is kept alive here.
    let repository = try Repository(path: fixture.path)
    let walker = try WorkingTreeWalker(repository: repository, maxBytes: 1000)
    defer { withExtendedLifetime(repository) {} }
    let file = walker.file(at: "baton.yml")
    #expect(file?.contents.map { String(decoding: $0, as: UTF8.self) } == "title: Walker\n")
    #expect(walker.loadedIndex == nil)
  }

  @Test func aWalkLoadsTheIndexOnceAndKeepsTrackedIgnoredFiles() throws {
    let fixture = try makeRepository()
    // The walker holds the repository's handle, not the repository: it is kept alive here.
    let repository = try Repository(path: fixture.path)
    let walker = try WorkingTreeWalker(repository: repository, maxBytes: 1000)
    defer { withExtendedLifetime(repository) {} }
    var files: [RepositoryFile] = []
    walker.collect(prefix: "docs", extensions: ["md"], into: &files)
    #expect(files.map(\.path) == ["docs/kept.draft.md"])
    let loaded = try #require(walker.loadedIndex)
    #expect(loaded != nil)
    // A second walk asks the index it loaded.
    files = []
    walker.collect(prefix: "docs", extensions: ["md"], into: &files)
    #expect(files.map(\.path) == ["docs/kept.draft.md"])
    #expect(walker.loadedIndex == loaded)
  }
}
