import BatonTestSupport
import Foundation
import Testing

@testable import BatonGit

/// The history walk reads pack files itself; these tests check it against loose objects and git.
@Suite struct PackedHistoryTests {
  private let documents = HistoryOptions(prefixes: [""], extensions: ["md"])

  /// A repository with edits in several folders, a folder move, a rename with edits, a merge
  /// and multi-line messages: enough versions of each tree for deep delta chains once packed.
  private func makeFixture() throws -> GitFixture {
    let fixture = try GitFixture()
    let body = (1...40).map { "Line \($0) of a page that is long enough to compare.\n" }.joined()
    for round in 1...12 {
      for folder in ["alpha", "beta", "gamma"] {
        for page in 1...4 where (round + page) % 3 != 0 || round == 1 {
          try fixture.write(
            "docs/\(folder)/page-\(page).md", "# \(folder) \(page)\n\(round)\n" + body)
        }
        try fixture.write("src/\(folder).c", "int round = \(round);\n")
        try fixture.commit(
          "Round \(round) in \(folder)\nwrapped  subject\n\nBody text.",
          author: round % 2 == 0 ? .bob : .alice)
      }
    }
    try fixture.branch("side")
    try fixture.checkout("side")
    try fixture.write("docs/beta/page-1.md", "# Side\n" + body)
    try fixture.commit("Side edit")
    try fixture.checkout("main")
    try fixture.move("docs/alpha", to: "docs/first")
    try fixture.commit("Move alpha")
    try fixture.move("docs/gamma/page-2.md", to: "docs/gamma/page-two.md")
    try fixture.write("docs/gamma/page-two.md", "# gamma two\n" + body + "Renamed.\n")
    try fixture.commit("Rename with edit")
    try fixture.merge("side")
    return fixture
  }

  private func summary(_ history: History) -> [String: [String]] {
    history.files.mapValues { file in
      file.entries.map { entry in
        let commit = entry.commit
        return [
          commit.id.hex, entry.path, "\(entry.change)", entry.blob?.hex ?? "-",
          commit.author.name, commit.author.email, commit.subject,
          "\(commit.date.timeIntervalSince1970)", "\(commit.timeZoneOffsetMinutes)",
        ].joined(separator: " | ")
      }
    }
  }

  private func history(_ fixture: GitFixture) throws -> History {
    let repository = try Repository(path: fixture.path)
    let head = try #require(try repository.headCommit())
    return try repository.history(upTo: head, options: documents, cacheDirectory: nil).0
  }

  @Test func packedRepositoryGivesTheSameHistoryAsLooseObjects() throws {
    let fixture = try makeFixture()
    let loose = try history(fixture)
    try fixture.run(["repack", "-a", "-d", "-f", "--depth=50", "--window=50", "--quiet"])
    try fixture.run(["prune-packed"])
    let counts = try fixture.run(["count-objects", "-v"])
    #expect(counts.contains("\ncount: 0\n") || counts.hasPrefix("count: 0\n"))
    let packed = try history(fixture)
    #expect(summary(packed) == summary(loose))
    #expect(packed.files.count == 12)
    let page = try #require(packed.files["docs/first/page-1.md"])
    #expect(page.entries.first?.change == .renamed(from: "docs/alpha/page-1.md"))
    #expect(page.created?.commit.subject == "Round 1 in alpha wrapped  subject")
    let log = try fixture.run(["log", "--format=%H", "--follow", "--", "docs/first/page-1.md"])
    #expect(page.entries.map(\.commit.id.hex) == log.split(separator: "\n").map(String.init))
  }

  @Test func sharedCloneReadsObjectsThroughAlternates() throws {
    let fixture = try makeFixture()
    try fixture.run(["repack", "-a", "-d", "--quiet"])
    let original = try history(fixture)
    let shared = fixture.root + "/shared"
    try fixture.run(["clone", "--quiet", "--shared", fixture.path, shared])
    let alternates = try String(
      contentsOfFile: shared + "/.git/objects/info/alternates", encoding: .utf8)
    #expect(!alternates.isEmpty)
    let repository = try Repository(path: shared)
    #expect(try ObjectReader(repository: repository).packCount == 1)  // the original's pack
    let head = try #require(try repository.headCommit())
    let (cloned, _) = try repository.history(upTo: head, options: documents, cacheDirectory: nil)
    #expect(summary(cloned) == summary(original))
  }

  @Test func objectReaderReadsEveryPackedObjectExactly() throws {
    let fixture = try makeFixture()
    try fixture.run(["repack", "-a", "-d", "-f", "--depth=50", "--window=50", "--quiet"])
    try fixture.run(["prune-packed"])
    let listing = try fixture.run([
      "cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype) %(deltabase)",
    ])
    let repository = try Repository(path: fixture.path)
    let reader = try ObjectReader(repository: repository, cacheBudget: 64 << 10)
    var deltas = 0
    for line in listing.split(separator: "\n") {
      let fields = line.split(separator: " ").map(String.init)
      let id = try #require(RawID(hex: fields[0]))
      if fields[2] != String(repeating: "0", count: 40) { deltas += 1 }
      guard fields[1] == "tree" || fields[1] == "commit" else { continue }
      let object = try reader.read(id)
      #expect(object.kind == (fields[1] == "tree" ? .tree : .commit))
      let hashed = try fixture.run(
        ["hash-object", "-t", fields[1], "--stdin"], input: Data(object.data))
      #expect(hashed.trimmingCharacters(in: .whitespacesAndNewlines) == fields[0])
    }
    #expect(deltas > 50)
  }

  @Test func corruptDeltasAreRejected() {
    let base = Array("hello, world".utf8)
    // Source size 12, target size 5: copy 5 bytes from offset 7.
    #expect(ObjectReader.apply([12, 5, 0x91, 7, 5], to: base) == Array("world".utf8))
    // Insert "hi" then copy "hello".
    #expect(ObjectReader.apply([12, 7, 2, 0x68, 0x69, 0x90, 5], to: base) == Array("hihello".utf8))
    #expect(ObjectReader.apply([11, 5, 0x91, 7, 5], to: base) == nil)  // wrong source size
    #expect(ObjectReader.apply([12, 5, 0x91, 10, 5], to: base) == nil)  // copy past the end
    #expect(ObjectReader.apply([12, 5, 0], to: base) == nil)  // reserved instruction
    #expect(ObjectReader.apply([12, 6, 0x91, 7, 5], to: base) == nil)  // short result
  }

  @Test func subjectsFollowLibgit2Summary() throws {
    let cases: [(String, String)] = [
      ("One line", "One line"),
      ("\n\nFirst\nsecond line\n\nBody", "First second line"),
      ("Tabs\tkept  here  \n  next", "Tabs\tkept  here next"),
      ("Stops here\n   \nafter blank-looking line", "Stops here"),
      ("", ""),
    ]
    let tree = String(repeating: "0", count: 40)
    for (message, expected) in cases {
      let raw = Array("tree \(tree)\nauthor A <a@x> 1 +0100\n\n\(message)".utf8)
      let commit = try RawCommit(raw, id: RawID(high: 0, middle: 0, low: 0))
      #expect(commit.subject == expected, "\(message.debugDescription)")
      #expect(commit.authorSignature().offset == 60)
    }
  }
}
