import BatonGit
import BatonSupport
import BatonTestSupport
import Foundation
import Testing

@testable import BatonSite

/// The state's table of documents, kept in files of runs of documents (`BuildState.
/// documentChunks`): an update writes only the files of the documents it changed, and the table
/// it leaves is byte for byte the one a whole build writes.
@Suite struct SiteStateDocumentsTests {
  /// The state folders under `.baton`, by output folder's key.
  static func stateFolders(_ git: GitFixture) throws -> Set<String> {
    let folder = git.path + "/.baton/cache/build-v1/"
    return Set(
      try FileManager.default.contentsOfDirectory(atPath: folder).map { folder + $0 + "/" })
  }

  @Test func editsLeaveTheTableAWholeBuildWrites() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    try SiteStateTests.buildAndCompare(git, "the first build")
    let folder = try SiteStateTests.stateFolder(git)
    let store = StateStore(folder: folder)
    var previous = try #require(BuildState.read(store)?.documentFiles)
    let paths = [
      SiteStateTests.postgres, "decisions/0001-use-mysql.md", "handbook/security/passwords.md",
    ]
    let originals = try paths.map { try SiteStateTests.read(git, $0) }
    // Edits that make records longer, shorter and the same again, one and several at a time.
    let rounds: [[Int: String]] = [
      [0: "\nA paragraph about quokkas, long enough to move every record after it.\n"],
      [1: "\nWombats.\n", 2: "\nNumbats.\n"],
      [0: "", 2: "\nNumbats and bilbies, at some length this time.\n"],
    ]
    for (number, round) in rounds.enumerated() {
      for (index, text) in round { try git.write(paths[index], originals[index] + text) }
      let result = try SiteStateTests.buildAndCompare(git, "round \(number)")
      #expect(result.updatedPages == round.count)
      let state = try #require(BuildState.read(store))
      let files = try #require(state.documentFiles)
      // Only the files of the chunks holding an edited document are new.
      let order = try #require(state.order)
      var edited: Set<Int> = []
      for index in round.keys {
        let place = try #require(order.firstIndex(of: paths[index]))
        edited.formUnion(
          (0..<BuildState.documentChunkCount).filter {
            BuildState.documentChunk($0, count: order.count).contains(place)
          })
      }
      for chunk in 0..<BuildState.documentChunkCount {
        #expect(
          (files[chunk] != previous[chunk]) == edited.contains(chunk),
          "round \(number): chunk \(chunk)")
      }
      previous = files
      // The files are those encoding every document gives.
      var whole = state
      whole.documentFiles = nil
      #expect(whole.documentChunks().files == files, "round \(number)")
    }

    // A whole build of the same files into another folder: the same table, file for file.
    let other = git.root + "/other-" + UUID().uuidString
    let before = try SiteStateDocumentsTests.stateFolders(git)
    let full = try SiteBuilder.build(
      SiteStateTests.source(git), output: other, options: SiteOptions())
    #expect(full.updatedPages == nil)
    let otherFolder = try #require(
      try SiteStateDocumentsTests.stateFolders(git).subtracting(before).first)
    let built = try #require(BuildState.read(StateStore(folder: otherFolder)))
    let updated = try #require(BuildState.read(store))
    #expect(built.documents == updated.documents)
    #expect(built.documentFiles == updated.documentFiles)
    for name in try #require(updated.documentFiles) {
      #expect(
        FileManager.default.contents(atPath: folder + name + ".bin")
          == FileManager.default.contents(atPath: otherFolder + name + ".bin"))
    }
  }

  /// A file of the table that is damaged, or holds another state's entries for its documents
  /// (sealed, but not the file named): the state is not read, and the build is a whole one that
  /// says so.
  @Test func aDamagedOrSwappedTableFileIsCaught() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    try SiteStateTests.buildAndCompare(git, "the first build")
    let folder = try SiteStateTests.stateFolder(git)
    let store = StateStore(folder: folder)
    let original = try SiteStateTests.read(git, SiteStateTests.postgres)
    let before = try #require(BuildState.read(store)?.documentFiles)
    try git.write(SiteStateTests.postgres, original + "\nOne.\n")
    #expect(try SiteStateTests.buildAndCompare(git, "an edit").updatedPages == 1)
    // The edited document's file as the state before the edit wrote it, in place of the new one.
    let after = try #require(BuildState.read(store)?.documentFiles)
    let chunk = try #require((0..<after.count).first { after[$0] != before[$0] })
    let old = try Data(contentsOf: URL(fileURLWithPath: folder + before[chunk] + ".bin"))
    try old.write(to: URL(fileURLWithPath: folder + after[chunk] + ".bin"))
    #expect(BuildState.read(store) == nil)
    try git.write(SiteStateTests.postgres, original + "\nTwo.\n")
    let first = try SiteStateTests.buildAndCompare(git, "a swapped table file")
    #expect(first.updatedPages == nil)
    #expect(first.notes.contains { $0.contains("because it could not be read (damaged") })
    // A damaged one.
    let name = try #require(BuildState.read(store)?.documentFiles?.last)
    var bytes = try Data(contentsOf: URL(fileURLWithPath: folder + name + ".bin"))
    bytes[bytes.count / 2] ^= 0xFF
    try bytes.write(to: URL(fileURLWithPath: folder + name + ".bin"))
    try git.write(SiteStateTests.postgres, original + "\nThree.\n")
    let second = try SiteStateTests.buildAndCompare(git, "a damaged table file")
    #expect(second.updatedPages == nil)
    // And the state a whole build left is used again.
    try git.write(SiteStateTests.postgres, original + "\nFour.\n")
    #expect(try SiteStateTests.buildAndCompare(git, "an edit").updatedPages == 1)
  }

  /// The rows and commits tables, read mapped a value at a time, are still checked whole: a
  /// damaged one, or another sealed table in its place, is answered with a whole build.
  @Test func aDamagedOrSwappedRowsOrCommitsTableIsCaught() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    try SiteStateTests.buildAndCompare(git, "the first build")
    let folder = try SiteStateTests.stateFolder(git)
    let store = StateStore(folder: folder)
    let original = try SiteStateTests.read(git, SiteStateTests.postgres)
    var round = 0
    for change in ["damaged rows", "damaged commits", "commits as rows"] {
      let state = try #require(BuildState.read(store))
      #expect(state.tables(in: store) != nil)
      let rows = folder + state.rows + ".bin"
      let commits = folder + state.commits + ".bin"
      if change == "commits as rows" {
        try Data(contentsOf: URL(fileURLWithPath: commits)).write(to: URL(fileURLWithPath: rows))
      } else {
        let path = change == "damaged rows" ? rows : commits
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count - 12] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
      }
      #expect(state.tables(in: store) == nil, "\(change)")
      round += 1
      try git.write(SiteStateTests.postgres, original + "\nEdit \(round).\n")
      let result = try SiteStateTests.buildAndCompare(git, change)
      #expect(result.updatedPages == nil, "\(change)")
      #expect(result.notes.contains { $0.contains("tables") }, "\(change)")
    }
  }

  /// A frame's pages are looked up in its bytes, by their paths' bytes, as the table would give
  /// them; entries out of that order are not taken so (the frame then decodes them).
  @Test func pageAddressesLookedUpInTheFrameAreTheTables() throws {
    let table = [
      "a.md": "a/index.html", "b/c.md": "b/c/index.html", "é.md": "e/index.html",
      "z.md": "z.html", "B.md": "b.html",
    ]
    let sorted = table.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    func entries(_ paths: [String]) -> [UInt8] {
      var writer = ByteWriter()
      for path in paths {
        writer.string(path)
        writer.string(table[path] ?? "")
      }
      writer.byte(7)
      return writer.bytes
    }
    var reader = ByteReader(bytes: entries(sorted))
    let addresses = try #require(PageAddresses(entries: sorted.count, in: &reader))
    #expect(reader.byte() == 7 && reader.isAtEnd)
    for (path, page) in table { #expect(addresses[path] == page, "\(path)") }
    for missing in ["", "b.md", "b/c", "zz.md", "0.md"] { #expect(addresses[missing] == nil) }
    #expect(addresses == PageAddresses(table))
    #expect(addresses.table == table)
    var backwards = ByteReader(bytes: entries(sorted.reversed()))
    #expect(PageAddresses(entries: sorted.count, in: &backwards) == nil)
  }
}
