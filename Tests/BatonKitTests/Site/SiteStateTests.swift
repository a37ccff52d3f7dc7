import BatonGit
import BatonTestSupport
import Foundation
import Testing

@testable import BatonDocuments
@testable import BatonSearch
@testable import BatonSite
@testable import BatonSource
@testable import BatonSupport

/// `baton build` keeps a state (`BuildState`) and, when only documents' bodies changed, renders
/// just their pages, patches `documents.json` and the search index, and keeps every other file;
/// whichever way it builds, the output is byte for byte the one a build from nothing gives.
@Suite struct SiteStateTests {
  static func source(_ git: GitFixture, history: Bool = true) -> SourceOptions {
    SourceOptions(repositoryPath: git.path, startDirectory: git.path, includeHistory: history)
  }

  /// Builds into `_site` as `baton build` does, and from nothing into a fresh folder with no
  /// cache; records every file that differs.
  @discardableResult
  static func buildAndCompare(
    _ git: GitFixture, _ what: String, history: Bool = true
  ) throws -> SiteBuilder.Result {
    let result = try SiteBuilder.build(
      source(git, history: history), output: git.path + "/_site", options: SiteOptions())
    if let reason = result.stateDeclined { print("\(what): a full build, as \(reason)") }
    let fresh = git.root + "/fresh-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: fresh) }
    _ = try SiteBuilder.build(
      source(git, history: history), output: fresh, options: SiteOptions(), cache: false)
    let built = try SiteFixture.files(in: git.path + "/_site")
    let expected = try SiteFixture.files(in: fresh)
    let missing = Set(expected.keys).subtracting(built.keys)
    let extra = Set(built.keys).subtracting(expected.keys)
    #expect(missing.isEmpty, "\(what): missing \(missing.sorted().prefix(5))")
    #expect(extra.isEmpty, "\(what): left over \(extra.sorted().prefix(5))")
    for (path, bytes) in expected where built[path] != nil && built[path] != bytes {
      Issue.record("\(what): \(path) differs from a build from nothing")
    }
    return result
  }

  static let postgres = "decisions/0002-use-postgres.md"

  static func read(_ git: GitFixture, _ path: String) throws -> String {
    try String(contentsOfFile: git.path + "/" + path, encoding: .utf8)
  }

  static func stateFolder(_ git: GitFixture) throws -> String {
    let folder = git.path + "/.baton/cache/build-v1/"
    let names = try FileManager.default.contentsOfDirectory(atPath: folder)
    return folder + (try #require(names.first)) + "/"
  }

  @Test func aBodyEditRendersOnlyItsPage() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    let first = try SiteStateTests.buildAndCompare(git, "the first build")
    #expect(first.updatedPages == nil)
    let original = try SiteStateTests.read(git, SiteStateTests.postgres)

    // The first edit of a committed file also makes it a draft: its record changes.
    try git.write(SiteStateTests.postgres, original + "\nA new paragraph about quokkas.\n")
    let second = try SiteStateTests.buildAndCompare(git, "a body edit")
    #expect(second.updatedPages == 1)
    let page = try SiteStateTests.read(git, "_site/decisions/0002-use-postgres/index.html")
    #expect(page.contains("quokkas"))
    let documents = try SiteStateTests.read(git, "_site/documents.json")
    #expect(documents.contains("\"draft\" : true"))
    // The page, documents.json, some of the search index: nothing else is written.
    #expect(second.summary.written < 12, "\(second.summary.written) files written")

    // Another edit, from the state the last update left; then nothing changed at all.
    try git.write(SiteStateTests.postgres, original + "\nQuokkas and wombats.\n")
    let third = try SiteStateTests.buildAndCompare(git, "a second edit")
    #expect(third.updatedPages == 1)
    let fourth = try SiteStateTests.buildAndCompare(git, "no change")
    #expect(fourth.updatedPages == 0)
    #expect(fourth.summary.written == 0)

    // Back to the committed text: no longer a draft.
    try git.write(SiteStateTests.postgres, original)
    let fifth = try SiteStateTests.buildAndCompare(git, "the edit undone")
    #expect(fifth.updatedPages == 1)
    #expect(
      try SiteStateTests.read(git, "_site/documents.json").contains("\"draft\" : true") == false)
  }

  @Test func editsOfSeveralDocumentsAndKindsAreUpdates() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    try SiteStateTests.buildAndCompare(git, "the first build")
    for path in [
      "decisions/0001-use-mysql.md", "updates/2024-02-10-sprint.md",
      "handbook/security/passwords.md",
    ] {
      try git.write(
        path, try SiteStateTests.read(git, path) + "\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    }
    let result = try SiteStateTests.buildAndCompare(git, "three edits")
    #expect(result.updatedPages == 3)
  }

  /// Each edit changes what another page, a feed or the layout shows of the document.
  @Test(arguments: SiteFixture.faceEdits)
  func editsOthersShowBuildEverything(what: String, old: String, new: String) throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    try SiteStateTests.buildAndCompare(git, "the first build")
    let original = try SiteStateTests.read(git, SiteStateTests.postgres)
    #expect(original.contains(old), "\(what): the fixture changed")
    try git.write(SiteStateTests.postgres, original.replacingOccurrences(of: old, with: new))
    let result = try SiteStateTests.buildAndCompare(git, what)
    #expect(result.updatedPages == nil, "\(what) was an update")
    // The full build leaves a state of its own: the next body edit is an update again.
    try git.write(
      SiteStateTests.postgres,
      original.replacingOccurrences(of: old, with: new) + "\nMore text.\n")
    #expect(try SiteStateTests.buildAndCompare(git, "\(what), then a body edit").updatedPages == 1)
  }

  @Test func otherInputsBuildEverything() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    try SiteStateTests.buildAndCompare(git, "the first build")
    let people = try SiteStateTests.read(git, "people.yml")
    try git.write("people.yml", people.replacingOccurrences(of: "Bob Builder", with: "Bob B."))
    #expect(try SiteStateTests.buildAndCompare(git, "people").updatedPages == nil)
    try git.write("handbook/new-page.md", "# A new page\n\n## Summary\n\nNew.\n")
    #expect(try SiteStateTests.buildAndCompare(git, "a new file").updatedPages == nil)
    _ = try git.commit("More")
    #expect(try SiteStateTests.buildAndCompare(git, "a commit").updatedPages == nil)
    let config = try SiteStateTests.read(git, "baton.yml")
    try git.write("baton.yml", config.replacingOccurrences(of: "Acme handbook", with: "Acme"))
    #expect(try SiteStateTests.buildAndCompare(git, "baton.yml").updatedPages == nil)
    try git.write("templates/partials/foot.mustache", "<footer>Ours</footer>\n</body>\n</html>\n")
    #expect(try SiteStateTests.buildAndCompare(git, "a template").updatedPages == nil)
    let result = try SiteBuilder.build(
      SiteStateTests.source(git), output: git.path + "/_site",
      options: SiteOptions(baseURL: "https://handbook.example/"))
    #expect(result.updatedPages == nil, "another base URL")
  }

  @Test func aStateThatDoesNotMatchIsNotUsed() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    try SiteStateTests.buildAndCompare(git, "the first build")
    let original = try SiteStateTests.read(git, SiteStateTests.postgres)
    let folder = try SiteStateTests.stateFolder(git)
    var round = 0
    func edit() throws {
      round += 1
      try git.write(SiteStateTests.postgres, original + "\nEdit \(round).\n")
    }

    // A damaged state, bucket or blob: a full build.
    let state = try #require(FileManager.default.contents(atPath: folder + "state.bin"))
    var damaged = state
    damaged[damaged.count / 2] ^= 0xFF
    try damaged.write(to: URL(fileURLWithPath: folder + "state.bin"))
    try edit()
    let whole = try SiteStateTests.buildAndCompare(git, "a damaged state")
    #expect(whole.updatedPages == nil)
    #expect(whole.notes.contains { $0.contains("because it could not be read (damaged") })
    for name in try FileManager.default.contentsOfDirectory(atPath: folder)
    where name.hasPrefix("pages-") {
      try Data("damaged".utf8).write(to: URL(fileURLWithPath: folder + name))
    }
    try edit()
    #expect(try SiteStateTests.buildAndCompare(git, "damaged buckets").updatedPages == nil)
    for name in try FileManager.default.contentsOfDirectory(atPath: folder + "shards") {
      try Data("damaged".utf8).write(to: URL(fileURLWithPath: folder + "shards/" + name))
    }
    try edit()
    #expect(try SiteStateTests.buildAndCompare(git, "damaged blobs").updatedPages == nil)
    // The state's own copy of documents.json: the next edit changes its record (a draft).
    // A whole build leaves it as the output's file (one inode); put another file in its place.
    _ = try git.commit("Edits")
    try SiteStateTests.buildAndCompare(git, "a commit")
    for name in try FileManager.default.contentsOfDirectory(atPath: folder)
    where name.hasPrefix("listing-") {
      let inode = { (path: String) in
        try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
      }
      #expect(try inode(folder + name) == inode(git.path + "/_site/documents.json"))
      try FileManager.default.removeItem(atPath: folder + name)
      try Data("damaged".utf8).write(to: URL(fileURLWithPath: folder + name))
    }
    try edit()
    let listing = try SiteStateTests.buildAndCompare(git, "a damaged listing")
    #expect(listing.updatedPages == nil)
    #expect(listing.notes.contains { $0.contains("documents.json") })

    // A file of the output changed or removed by hand: a full build repairs it.
    try Data("tampered".utf8).write(to: URL(fileURLWithPath: git.path + "/_site/tags/index.html"))
    try edit()
    #expect(try SiteStateTests.buildAndCompare(git, "a hand edit").updatedPages == nil)
    try FileManager.default.removeItem(atPath: git.path + "/_site/documents.json")
    try edit()
    #expect(try SiteStateTests.buildAndCompare(git, "a removed file").updatedPages == nil)

    // A build without the cache keeps no state; the next one is full.
    _ = try SiteBuilder.build(
      SiteStateTests.source(git), output: git.path + "/_site", options: SiteOptions(),
      cache: false)
    try edit()
    #expect(try SiteStateTests.buildAndCompare(git, "after --no-cache").updatedPages == nil)
    try edit()
    #expect(try SiteStateTests.buildAndCompare(git, "and then").updatedPages == 1)
  }

  @Test func withoutHistoryToo() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    try SiteStateTests.buildAndCompare(git, "the first build", history: false)
    let original = try SiteStateTests.read(git, SiteStateTests.postgres)
    try git.write(SiteStateTests.postgres, original + "\nNo history here.\n")
    let result = try SiteStateTests.buildAndCompare(git, "an edit", history: false)
    #expect(result.updatedPages == 1)
  }

  @Test func recordsAreReplacedWhereTheStateSaysTheyAre() throws {
    let listed = Array("[\n  {\n    \"a\" : 1\n  },\n  {\n    \"b\" : 2\n  }\n]\n\n".utf8)
    let opens = listed.indices.filter { listed[$0] == UInt8(ascii: "{") }
    let closes = listed.indices.filter { listed[$0] == UInt8(ascii: "}") }
    let first = opens[0]..<(closes[0] + 1)
    let second = opens[1]..<(closes[1] + 1)
    var documents = [
      "a": BuildState.Document(
        collection: "c", digest: nil, face: Digest(high: 0, low: 0), stamp: nil,
        record: first, recordDigest: Digest(high: 0, low: 0)),
      "b": BuildState.Document(
        collection: "c", digest: nil, face: Digest(high: 0, low: 0), stamp: nil,
        record: second, recordDigest: Digest(high: 0, low: 0)),
    ]
    let object = Array("{\n    \"a\" : 10,\n    \"x\" : true\n  }".utf8)
    let (pieces, moves) = try #require(
      BuildState.replacing([("a", object)], in: .array(listed), documents: documents))
    let replaced = pieces.joined
    #expect(pieces.digest == Digest(of: replaced))
    let text = String(decoding: replaced, as: UTF8.self)
    #expect(
      text == "[\n  {\n    \"a\" : 10,\n    \"x\" : true\n  },\n  {\n    \"b\" : 2\n  }\n]\n\n")
    var wrong = documents
    moves.apply(to: &documents)
    let moved = try #require(documents["b"]?.record)
    #expect(String(decoding: replaced[moved], as: UTF8.self) == "{\n    \"b\" : 2\n  }")
    let put = try #require(documents["a"])
    #expect(
      String(decoding: replaced[put.record], as: UTF8.self)
        == String(decoding: object, as: UTF8.self))
    #expect(put.recordDigest == Digest(of: object))
    // A range that does not hold a record is not guessed at.
    wrong["a"]?.record = 5..<20
    #expect(BuildState.replacing([("a", object)], in: .array(listed), documents: wrong) == nil)
  }

  /// Sets every file of the fixture's working tree to a time long past, as files are that
  /// were not edited for a while.
  static func age(_ git: GitFixture) throws {
    let past = Date(timeIntervalSinceNow: -3_600)
    let root = URL(fileURLWithPath: git.path)
    for path in try #require(FileManager.default.subpaths(atPath: git.path))
    where !path.hasPrefix(".git") && !path.hasPrefix(".baton") && !path.hasPrefix("_site") {
      try FileManager.default.setAttributes(
        [.modificationDate: past], ofItemAtPath: root.appendingPathComponent(path).path)
    }
  }

  @Test func unchangedFilesAreNotReadAgainButEditsAreSeen() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    let original = try SiteStateTests.read(git, SiteStateTests.postgres)
    try SiteStateTests.age(git)
    // Wait until the files' change times (set just now) are older than a load's slack.
    Thread.sleep(forTimeInterval: 2.2)
    try SiteStateTests.buildAndCompare(git, "the first build")
    try git.write(SiteStateTests.postgres, original + "\nOne more line.\n")
    let edit = try SiteStateTests.buildAndCompare(git, "an edit")
    #expect(edit.updatedPages == 1)
    #expect(edit.documentsRead == 1, "\(edit.documentsRead ?? -1) documents read")

    // The same size, the modification time put back: the change time still moves.
    let page = "handbook/security/passwords.md"
    let text = try SiteStateTests.read(git, page)
    let attributes = try FileManager.default.attributesOfItem(atPath: git.path + "/" + page)
    #expect(text.contains("Long."))
    try git.write(page, text.replacingOccurrences(of: "Long.", with: "Wide."))
    try FileManager.default.setAttributes(
      [.modificationDate: attributes[.modificationDate] as Any], ofItemAtPath: git.path + "/" + page
    )
    let hidden = try SiteStateTests.buildAndCompare(git, "an edit with its time put back")
    #expect(hidden.updatedPages == 1)
    let html = try SiteStateTests.read(git, "_site/handbook/security/passwords/index.html")
    #expect(html.contains("Wide."))

    // Another file of the same size and modification time moved over it: another inode.
    let target = git.path + "/" + page
    let time = try FileManager.default.attributesOfItem(atPath: target)[.modificationDate]
    let other = git.root + "/replacement.md"
    try Data(text.replacingOccurrences(of: "Long.", with: "Tall.").utf8)
      .write(to: URL(fileURLWithPath: other))
    try FileManager.default.setAttributes([.modificationDate: time as Any], ofItemAtPath: other)
    #expect(rename(other, target) == 0)
    let moved = try SiteStateTests.buildAndCompare(git, "a file of the same stamp moved over it")
    #expect(moved.updatedPages == 1)
    let tall = try SiteStateTests.read(git, "_site/handbook/security/passwords/index.html")
    #expect(tall.contains("Tall."))
  }

  /// A document holding responses that is not read again still counts as holding them: the
  /// history's key (whose versions of which documents are read for their answers) is the one
  /// the first build worked out, so an edit elsewhere is still an update of one page.
  @Test func unreadAnsweredDocumentsKeepTheUpdate() throws {
    let answered = "decisions/0003-use-redis.md"
    let text =
      "---\nstatus: proposed\nowner: '@ada'\ndate: 2024-02-05\n---\n# Use Redis\n\n"
      + "## Context\n\nCaching.\n\n## Proposal\n\nRedis.\n\n## Call to Action\n\n"
      + "@bob please review by 2024-03-01.\n\n## Responses\n\n- @bob: approve\n"
    let git = try SiteFixture.make(extra: [answered: text])
    defer { git.cleanup() }
    let postgresText = try SiteStateTests.read(git, SiteStateTests.postgres)
    try SiteStateTests.age(git)
    Thread.sleep(forTimeInterval: 2.2)
    try SiteStateTests.buildAndCompare(git, "the first build")
    let page = try SiteStateTests.read(git, "_site/decisions/0003-use-redis/index.html")
    #expect(page.contains("approve"))

    try git.write(SiteStateTests.postgres, postgresText + "\nOne more line.\n")
    let edit = try SiteStateTests.buildAndCompare(git, "an edit beside an answered document")
    #expect(edit.stateDeclined == nil, "\(edit.stateDeclined ?? "")")
    #expect(edit.updatedPages == 1 && edit.documentsRead == 1)

    // The answered document loses its answers: read again, it is whatever a full build says.
    try git.write(
      answered, text.replacingOccurrences(of: "## Responses\n\n- @bob: approve\n", with: ""))
    try SiteStateTests.buildAndCompare(git, "the answers removed")
    try git.write(answered, text)
    try SiteStateTests.buildAndCompare(git, "the answers back")
  }

  /// A document not read again keeps the draft status the state knew while HEAD and the index
  /// are the same (git is asked only about the documents read); staging or committing, which
  /// change the index or HEAD, make the load ask git about every document again.
  @Test func draftsOfUnreadDocumentsAreTheStatesWhileTheIndexIsTheSame() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    let mysql = "decisions/0001-use-mysql.md"
    let mysqlText = try SiteStateTests.read(git, mysql)
    let postgresText = try SiteStateTests.read(git, SiteStateTests.postgres)
    try SiteStateTests.age(git)
    Thread.sleep(forTimeInterval: 2.2)
    try SiteStateTests.buildAndCompare(git, "the first build")
    let state = try #require(
      BuildState.read(StateStore(folder: try SiteStateTests.stateFolder(git))))
    #expect(state.knownDrafts != nil, "the documents' index entries and the order are kept")

    // An edit makes a draft; once its stamp is old, the next build does not read it again.
    try git.write(mysql, mysqlText + "\nA draft paragraph.\n")
    Thread.sleep(forTimeInterval: 2.2)
    let first = try SiteStateTests.buildAndCompare(git, "a draft")
    #expect(first.updatedPages == 1 && first.documentsRead == 1)
    try git.write(SiteStateTests.postgres, postgresText + "\nAnother draft.\n")
    let second = try SiteStateTests.buildAndCompare(git, "another draft, the first unread")
    #expect(second.updatedPages == 1 && second.documentsRead == 1)
    let listed = try SiteStateTests.read(git, "_site/documents.json")
    #expect(listed.components(separatedBy: "\"draft\" : true").count == 3, "both are drafts")

    // Staged, then committed: still a whole and correct site each time.
    _ = try git.run(["add", mysql])
    try git.write(SiteStateTests.postgres, postgresText + "\nA third draft.\n")
    try SiteStateTests.buildAndCompare(git, "a staged draft")
    _ = try git.commit("Commit the drafts")
    try git.write(SiteStateTests.postgres, postgresText + "\nA fourth draft.\n")
    try SiteStateTests.buildAndCompare(git, "a commit")
  }

  /// git rewrites the index file when an edit is undone with `git checkout -- file`, without a
  /// change to any entry: the update goes on, asking git only about the documents read. A
  /// change to an entry alone (a staged edit unstaged, the file not touched) changes a draft
  /// the update does not read: it is seen, and the site is the one a build from nothing gives.
  @Test func draftsFollowTheIndexEntriesNotTheIndexFile() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    let mysql = "decisions/0001-use-mysql.md"
    let mysqlText = try SiteStateTests.read(git, mysql)
    let postgresText = try SiteStateTests.read(git, SiteStateTests.postgres)
    try SiteStateTests.age(git)
    Thread.sleep(forTimeInterval: 2.2)
    try SiteStateTests.buildAndCompare(git, "the first build")

    try git.write(mysql, mysqlText + "\nAn edit to undo.\n")
    try SiteStateTests.buildAndCompare(git, "an edit")
    try git.write(SiteStateTests.postgres, postgresText + "\nAnother edit.\n")
    _ = try git.run(["checkout", "--", mysql])
    let undone = try SiteStateTests.buildAndCompare(git, "an edit undone by git")
    #expect(undone.stateDeclined == nil, "\(undone.stateDeclined ?? "")")
    #expect(undone.documentsRead == 2 && undone.updatedPages == 2)

    // A staged edit whose file is then put back: a draft, read once its stamp is old.
    _ = try git.run(["add", SiteStateTests.postgres])
    try git.write(SiteStateTests.postgres, postgresText)
    Thread.sleep(forTimeInterval: 2.2)
    try SiteStateTests.buildAndCompare(git, "a staged edit")
    #expect(try SiteStateTests.read(git, "_site/documents.json").contains("\"draft\" : true"))
    // Unstaged: the file is not read again, and is no longer a draft.
    _ = try git.run(["reset", "--quiet", "--", SiteStateTests.postgres])
    let unstaged = try SiteStateTests.buildAndCompare(git, "the edit unstaged")
    #expect(unstaged.documentsRead ?? 0 == 0)
    #expect(
      try SiteStateTests.read(git, "_site/documents.json").contains("\"draft\" : true") == false)
  }

  /// An update leaves the state's unchanged part (`BuildState.frame`) in its file, not written
  /// again, and writes the output's record (`SiteManifest.set(_:at:)`) by copying what it read
  /// but for what changed: the record is byte for byte what encoding every entry gives.
  @Test func anUpdateLeavesTheFrameAndWritesTheRecordAsEncodingEverythingWould() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    try SiteStateTests.buildAndCompare(git, "the first build")
    let original = try SiteStateTests.read(git, SiteStateTests.postgres)
    let records = git.path + "/.baton/cache/site-v1/"
    let folder = try SiteStateTests.stateFolder(git)
    let inode = { (path: String) in
      try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
    }
    let first = try #require(BuildState.read(StateStore(folder: folder)))
    let frameInode = try inode(folder + first.frameFile + ".bin")
    for text in ["\nQuokkas.\n", "\nWombats and quokkas, at length.\n"] {
      try git.write(SiteStateTests.postgres, original + text)
      let result = try SiteStateTests.buildAndCompare(git, "an edit")
      #expect(result.updatedPages == 1)
      let state = try #require(BuildState.read(StateStore(folder: folder)))
      #expect(state.frameFile == first.frameFile)
      #expect(try inode(folder + state.frameFile + ".bin") == frameInode)
      #expect(state.pages == first.pages && state.attachments == first.attachments)
      // The layout's digest kept is the one the pages and attachments give.
      #expect(
        state.frame.layoutDigest
          == PageRenderer.layoutDigest(
            state.pages.table, attachments: Set(state.attachments), unsafeHTML: false))
      #expect(
        BuildState.encodeFrame(state.frame, paths: nil)
          == BuildState.encodeFrame(first.frame, paths: first.order))

      let name = try #require(try FileManager.default.contentsOfDirectory(atPath: records).first)
      let path = records + name
      let record = try #require(SiteManifest.read(path, folder: result.output))
      var encoded = record
      encoded.entries = record.entries  // any change but `set` encodes every entry
      let copy = git.root + "/record-copy", full = git.root + "/record-full"
      record.write(to: copy, folder: result.output)
      encoded.write(to: full, folder: result.output)
      let written = try Data(contentsOf: URL(fileURLWithPath: path))
      #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == written)
      #expect(try Data(contentsOf: URL(fileURLWithPath: full)) == written)

      // The state's copy of documents.json is the output's file, not a second copy of it.
      let listing = folder + state.listing + ".bin"
      #expect(try inode(listing) == inode(result.output + "/documents.json"))
    }

    // documents.json edited by hand in place (so the state's copy too): the next build, an
    // edit or not, is still the one a build from nothing gives.
    let handle = try FileHandle(
      forWritingTo: URL(fileURLWithPath: git.path + "/_site/documents.json"))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(" ".utf8))
    try handle.close()
    try git.write(SiteStateTests.postgres, original)
    try SiteStateTests.buildAndCompare(git, "documents.json edited by hand")
  }

  /// The state's copy of documents.json read from a folder is trusted without hashing it while
  /// its file is the output's as the output's record found it (same inode, size and time, the
  /// record's digest its name's); otherwise its bytes must have the hash of its name.
  @Test func theListingIsTrustedByTheOutputsRecordOrByItsHash() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    let first = try SiteStateTests.buildAndCompare(git, "the first build")
    let store = StateStore(folder: try SiteStateTests.stateFolder(git))
    let state = try #require(BuildState.read(store))
    let records = git.path + "/.baton/cache/site-v1/"
    let name = try #require(try FileManager.default.contentsOfDirectory(atPath: records).first)
    let record = try #require(SiteManifest.read(records + name, folder: first.output))
    let read = try #require(state.readListing(in: store))
    #expect(!read.verified)
    #expect(state.trusts(read, record: record))
    // The stamp vouches for the bytes: they are not looked at.
    var other = read
    other.bytes = .array(Array("not the listing".utf8))
    #expect(state.trusts(other, record: record))
    // Another file (its stamp not the record's): its bytes are hashed.
    var moved = read
    moved.stamp?.inode += 1
    #expect(state.trusts(moved, record: record))
    moved.bytes = other.bytes
    #expect(!state.trusts(moved, record: record))
    // A record that does not name the listing's digest for documents.json.
    var foreign = record
    foreign.entries["documents.json"]?.digest = Digest(of: other.bytes.array)
    #expect(!state.trusts(other, record: foreign))
  }

  /// An update leaves the files of the state before it, and that state's file (retired), for
  /// the next build to remove while it loads: the store holds two states' files at most, and
  /// never loses one of the state it reads.
  @Test func theNextBuildSweepsWhatAnUpdateLeft() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    try SiteStateTests.buildAndCompare(git, "the first build")
    let folder = try SiteStateTests.stateFolder(git)
    let store = StateStore(folder: folder)
    func files() throws -> Set<String> {
      var names: Set<String> = []
      for sub in ["", "shards/"] {
        for file in try FileManager.default.contentsOfDirectory(atPath: folder + sub)
        where file.hasSuffix(".bin") {
          names.insert(sub + file.dropLast(".bin".count))
        }
      }
      return names
    }
    let original = try SiteStateTests.read(git, SiteStateTests.postgres)
    var before = try #require(BuildState.read(store)).names.union(["state"])
    #expect(try files() == before)
    for round in 1...3 {
      try git.write(SiteStateTests.postgres, original + "\nEdit \(round).\n")
      #expect(try SiteStateTests.buildAndCompare(git, "edit \(round)").updatedPages == 1)
      let now = try #require(BuildState.read(store)).names.union(["state"])
      let left = try files()
      #expect(now.isSubset(of: left))
      #expect(left.isSubset(of: now.union(before).union([StateStore.retired("state")])))
      #expect(left.contains(StateStore.retired("state")))
      before = now
    }
    // A whole build leaves only its own files.
    try git.write("baton.yml", try SiteStateTests.read(git, "baton.yml") + "\n")
    #expect(try SiteStateTests.buildAndCompare(git, "a whole build").updatedPages == nil)
    #expect(try files() == (try #require(BuildState.read(store))).names.union(["state"]))
  }

  /// What the state keeps reads back as the build made it: every document's context and
  /// history, the trees, the navigation, the search index's state.
  @Test func theStateReadsBackAsTheBuildMadeIt() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    try SiteStateTests.buildAndCompare(git, "the first build")
    let folder = try SiteStateTests.stateFolder(git)
    let store = StateStore(folder: folder)
    let state = try #require(BuildState.read(store))
    let tables = try #require(state.tables(in: store))
    let loaded = try Loader.load(SiteStateTests.source(git))
    let corpus = loaded.parse().assemble()
    let renderer = SiteRenderer(corpus: corpus, theme: try Theme.builtIn())
    #expect(state.documents.count == corpus.documents.count)
    var read = 0
    for bucket in 0..<BuildState.bucketCount {
      let pages = try #require(state.pages(inBucket: bucket, store: store, tables: tables))
      for (path, page) in pages {
        let document = try #require(corpus.documents.first { $0.path == path })
        #expect(page.context == renderer.context(of: document), "\(path): its context")
        #expect(page.history == corpus.history[path], "\(path): its history")
        read += 1
      }
    }
    #expect(read == corpus.documents.count)
    #expect(state.site.title == renderer.site.title && state.site.nav == renderer.site.nav)
    #expect(Set(state.trees.keys) == Set(renderer.index.trees.keys))
    for (name, tree) in state.trees {
      let built = try #require(renderer.index.trees[name])
      #expect(tree.digest == built.digest && tree.nodeByDocument == built.nodeByDocument)
    }
    var writer = ByteWriter()
    state.search.write(to: &writer)
    var reader = ByteReader(bytes: writer.bytes)
    let search = try #require(SearchState.read(from: &reader))
    #expect(search.entries == state.search.entries && search.shards == state.search.shards)
    #expect(search.names == state.search.names)
    #expect(search.groups == state.search.groups && search.facets == state.search.facets)
  }
}
