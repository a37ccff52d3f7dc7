import BatonChecks
import BatonGit
import BatonTestSupport
import Foundation
import Testing

@testable import BatonDocuments
@testable import BatonSource
@testable import BatonSupport

/// Commands that need no Markdown tree keep the documents they parse in
/// `.baton/cache/documents-v1.bin` and parse only what changed (`ParseCache`).
@Suite struct ParseCacheTests {
  static let decision = "decisions/0001-use-postgres.md"

  static let complete = """
    ---
    status: proposed
    owner: '@ada'
    respond-by: 2024-02-01
    tags: [data, storage]
    ---
    # Use Postgres

    ## Context
    We keep data in files. See [the update](../updates/2024-01-02-sprint.md) and @kenji's note.
    Due 2024-01-15.

    ## Proposal
    Use Postgres 16. <!-- baton-ignore: unknown-field -->

    ## Call to Action
    @ada and @kenji: respond by 2024-02-01.

    ## Responses
    - @kenji: concern "rollback plan"
    - @ada: approve
    - nonsense line

    """

  static let update = """
    ---
    author: '@kenji'
    date: 2024-01-02
    team: [platform
    ---
    # Sprint

    ## Summary
    Done.

    """

  func fixture() throws -> GitFixture {
    let fixture = try GitFixture()
    try fixture.write(Self.decision, Self.complete)
    try fixture.write("updates/2024-01-02-sprint.md", Self.update)
    try fixture.write("handbook/empty.md", "  \n")
    try fixture.commit("Start")
    return fixture
  }

  func options(_ fixture: GitFixture, cache: Bool = true) -> SourceOptions {
    var options = SourceOptions(repositoryPath: fixture.path, startDirectory: fixture.path)
    options.useHistoryCache = cache
    return options
  }

  func check(_ fixture: GitFixture, cache: Bool = true) throws -> Workflow.CheckResult {
    let today = try #require(Day(parsing: "2024-03-01"))
    return try Workflow.check(options(fixture, cache: cache), paths: [], today: today)
  }

  /// What a check reports, one line per finding.
  func findings(_ result: Workflow.CheckResult) -> [String] {
    result.diagnostics.map {
      "\($0.location.path):\($0.location.line):\($0.location.column) \($0.ruleID) \($0.message)"
    }
  }

  func cachePath(_ fixture: GitFixture) -> String {
    fixture.path + "/.baton/cache/" + ParseCache.fileName
  }

  func cacheBytes(_ fixture: GitFixture) throws -> [UInt8] {
    try #require(CacheFile.read(cachePath(fixture)))
  }

  /// The cache with one text replaced by another of the same length, sealed again: a document
  /// read from it shows the planted text, which proves it was read rather than parsed.
  func plant(_ fixture: GitFixture, _ old: String, _ new: String) throws {
    var body = try #require(CacheFile.unsealed(try cacheBytes(fixture)))
    let (from, to) = (Array(old.utf8), Array(new.utf8))
    let at = try #require(body.indices.first { body[$0...].starts(with: from) })
    body.replaceSubrange(at..<(at + from.count), with: to)
    #expect(CacheFile.writeAtomically(CacheFile.sealed(body), to: cachePath(fixture)))
  }

  func title(_ result: Workflow.CheckResult) -> String? {
    result.corpus.documents.first { $0.path == Self.decision }?.title?.value
  }

  @Test func aCachedCheckFindsWhatAFreshOneFinds() throws {
    let fixture = try fixture()
    defer { fixture.cleanup() }
    let fresh = try check(fixture, cache: false)
    #expect(FileManager.default.fileExists(atPath: cachePath(fixture)) == false)
    let first = try check(fixture)
    let written = try cacheBytes(fixture)
    let second = try check(fixture)
    #expect(!findings(fresh).isEmpty)
    #expect(findings(first) == findings(fresh))
    #expect(findings(second) == findings(fresh))
    #expect(second.corpus.repository.notes.isEmpty)
    // Nothing changed: the cache is not rewritten.
    #expect(try cacheBytes(fixture) == written)
    // Every document reads back as it was parsed: written again, it gives the same bytes.
    for document in second.corpus.documents {
      var writer = ByteWriter()
      writer.document(document)
      var reader = ByteReader(bytes: writer.bytes)
      let decoded = reader.document()
      var again = ByteWriter()
      again.document(try #require(decoded))
      #expect(again.bytes == writer.bytes)
    }
    let decision = try #require(second.corpus.documents.first { $0.path == Self.decision })
    #expect(decision.responses.map(\.handle) == ["kenji", "ada"])
    #expect(decision.responseProblems.count == 1)
    #expect(decision.sections.flatMap(\.dates).count >= 2)
    #expect(decision.suppressedRules["unknown-field"] != nil)
  }

  @Test func theCacheIsReadAndAnEditedDocumentIsParsedAgain() throws {
    let fixture = try fixture()
    defer { fixture.cleanup() }
    _ = try check(fixture)
    try plant(fixture, "Use Postgres", "Use Postgrez")
    #expect(title(try check(fixture)) == "Use Postgrez")
    // An edit in the working tree, not committed: the document is parsed again, and the
    // finding of the missing section shows.
    try fixture.write(
      Self.decision,
      Self.complete.replacingOccurrences(of: "## Proposal\nUse Postgres 16.", with: "Notes."))
    let edited = try check(fixture)
    #expect(title(edited) == "Use Postgres")
    #expect(findings(edited).contains { $0.hasPrefix(Self.decision) && $0.contains("Proposal") })
    #expect(findings(edited) == findings(try check(fixture, cache: false)))
    // The other documents are still taken from the cache, which now holds the edit.
    #expect(try CacheFile.unsealed(cacheBytes(fixture))?.contains(Array("Notes.".utf8)) == true)
  }

  @Test func anotherConfigurationParsesEveryDocumentAgain() throws {
    let fixture = try fixture()
    defer { fixture.cleanup() }
    _ = try check(fixture)
    try plant(fixture, "Use Postgres", "Use Postgrez")
    try fixture.write("baton.yml", "title: Acme\nreview-period-days: 90\n")
    #expect(title(try check(fixture)) == "Use Postgres")
  }

  @Test(arguments: ["a flipped byte", "cut short", "not a cache", "malformed but sealed"])
  func aDamagedCacheIsIgnoredWithANote(_ damage: String) throws {
    let fixture = try fixture()
    defer { fixture.cleanup() }
    let fresh = findings(try check(fixture))
    var bytes = try cacheBytes(fixture)
    switch damage {
    case "a flipped byte": bytes[bytes.count / 2] ^= 0xFF
    case "cut short": bytes.removeLast(bytes.count / 3)
    case "not a cache": bytes = Array("hello".utf8)
    default:
      let body = try #require(CacheFile.unsealed(bytes))
      bytes = CacheFile.sealed(Array(body.dropLast(20)))
    }
    #expect(CacheFile.writeAtomically(bytes, to: cachePath(fixture)))
    let result = try check(fixture)
    #expect(findings(result) == fresh)
    let note = try #require(result.corpus.repository.notes.first)
    #expect(note.hasPrefix("ignored the parse cache"))
    #expect(note.contains(ParseCache.fileName))
    // Rewritten whole: the next run reads it without a note.
    #expect(try check(fixture).corpus.repository.notes.isEmpty)
  }
}
