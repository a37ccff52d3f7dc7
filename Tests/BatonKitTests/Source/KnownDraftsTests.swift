import BatonGit
import BatonSupport
import BatonTestSupport
import Foundation
import Testing

@testable import BatonSource

/// A load that is told the drafts an earlier one found (`KnownDrafts`) asks git only about the
/// documents it reads again while HEAD and the documents' index entries are the same, whether or
/// not git rewrote the index file; once an entry changes, it asks git about every document.
///
/// The tests tell the load statuses git would not give (`claimed`): a load that takes the known
/// drafts shows them for the documents it does not read, one that asks git does not.
@Suite struct KnownDraftsTests {
  static let mysql = "decisions/0001-use-mysql.md"
  static let postgres = "decisions/0002-use-postgres.md"
  static let sprint = "updates/2024-02-10-sprint.md"

  static func load(
    _ git: GitFixture, known: KnownDrafts? = nil, unchanged: [String: FileStamp] = [:]
  ) throws -> LoadedSource {
    try Loader.load(
      SourceOptions(repositoryPath: git.path, startDirectory: git.path),
      known: { Loader.Known(stamps: unchanged, withResponses: [], drafts: known) },
      documentsRead: nil)
  }

  /// What `loaded` knows, with `claimed` as its drafts, and its documents' stamps.
  static func knowing(_ loaded: LoadedSource, claimed: [String: WorkingTreeStatus]) throws -> (
    known: KnownDrafts, stamps: [String: FileStamp]
  ) {
    let known = KnownDrafts(
      head: try #require(loaded.head), index: try #require(loaded.index),
      paths: loaded.files.map(\.file.path), drafts: claimed)
    var stamps: [String: FileStamp] = [:]
    for entry in loaded.files { stamps[entry.file.path] = entry.stamp }
    return (known, stamps)
  }

  /// git rewrites the index file (fresh stat data) when a document's edit is undone with
  /// `git checkout -- file`, when another file is staged, and on a refresh: none of that
  /// changes a document's entry, so the drafts stay known, and only the document read again is
  /// asked about.
  @Test(arguments: [["checkout"], ["add"], ["update-index"]])
  func anIndexRewrittenWithTheSameEntriesKeepsTheDraftsKnown(_ how: [String]) throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    let original = try String(contentsOfFile: git.path + "/" + Self.mysql, encoding: .utf8)
    try git.write(Self.mysql, original + "\nAn edit to undo.\n")
    let first = try Self.load(git)
    #expect(first.drafts == [Self.mysql: .modified])
    let (known, stamps) = try Self.knowing(
      first, claimed: [Self.mysql: .modified, Self.postgres: .new])

    switch how[0] {
    case "checkout": _ = try git.run(["checkout", "--", Self.mysql])
    case "add":
      try git.write("decisions/img/other.png", "not a document")
      _ = try git.run(["add", "decisions/img/other.png"])
    default:
      // Written again with the same bytes: a refresh finds its stat data moved.
      let text = try String(contentsOfFile: git.path + "/" + Self.sprint, encoding: .utf8)
      try git.write(Self.sprint, text + "\n")
      try git.write(Self.sprint, text)
      _ = try git.run(["update-index", "-q", "--refresh"])
    }
    let second = try Self.load(git, known: known, unchanged: stamps)
    #expect(second.index?.stamp != first.index?.stamp, "git wrote the index file")
    #expect(second.index?.entries == first.index?.entries)
    #expect(second.drafts[Self.postgres] == .new, "a document not read keeps the known status")
    if how[0] == "checkout" {
      #expect(second.drafts[Self.mysql] == nil, "the document read again is asked about")
    }
  }

  /// A change to a document's entry (staged, or taken out of the index) changes its status
  /// without a change to its file: the load asks git about every document.
  @Test func aChangedEntryMakesTheLoadAskAboutEveryDocument() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    let original = try String(contentsOfFile: git.path + "/" + Self.mysql, encoding: .utf8)
    try git.write(Self.mysql, original + "\nA draft paragraph.\n")
    let first = try Self.load(git)
    let (known, stamps) = try Self.knowing(
      first, claimed: [Self.mysql: .modified, Self.postgres: .new])

    _ = try git.run(["add", Self.mysql])
    let staged = try Self.load(git, known: known, unchanged: stamps)
    #expect(staged.files.allSatisfy { $0.isUnread }, "no document is read again")
    #expect(staged.index?.entries != first.index?.entries)
    #expect(staged.drafts == [Self.mysql: .modified], "the staged edit, and nothing claimed")

    let (again, _) = try Self.knowing(staged, claimed: [Self.mysql: .modified])
    _ = try git.run(["rm", "--cached", "--quiet", Self.sprint])
    let removed = try Self.load(git, known: again, unchanged: stamps)
    #expect(removed.drafts == [Self.mysql: .modified, Self.sprint: .new])
    #expect(removed.files.allSatisfy { $0.isUnread })
  }

  /// The index file's stamp, when it did not move, stands for the entries: they are not gone
  /// through again, and the known digest is kept.
  @Test func anIndexFileNotWrittenAgainIsTakenByItsStamp() throws {
    let git = try SiteFixture.make()
    defer { git.cleanup() }
    let first = try Self.load(git)
    var (known, stamps) = try Self.knowing(first, claimed: [Self.postgres: .new])
    // A digest no entries give: the stamp alone decides.
    known.index.entries = Digest(high: 1, low: 2)
    let second = try Self.load(git, known: known, unchanged: stamps)
    #expect(second.index == known.index)
    #expect(second.drafts == [Self.postgres: .new])
    // Without a stamp to trust, the entries are gone through, and differ from the one claimed.
    known.index.stamp = nil
    let third = try Self.load(git, known: known, unchanged: stamps)
    #expect(third.index == first.index)
    #expect(third.drafts.isEmpty)
  }
}
