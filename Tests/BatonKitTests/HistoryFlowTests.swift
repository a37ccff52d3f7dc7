import BatonChecks
import BatonCorpus
import BatonReport
import BatonSource
import BatonTestSupport
import Foundation
import Testing

/// History through the whole flow (Load → Parse → Assemble) on real repositories, compared
/// with what `git log --follow` says.
@Suite struct HistoryFlowTests {
  static let proposed =
    "---\nstatus: proposed\nowner: '@ada'\n---\n# Use Postgres\n\n## Context\nx\n\n"
    + "## Proposal\ny\n\n## Call to Action\n@bob, review by 2026-12-01.\n"

  func corpus(
    _ fixture: GitFixture, revision: String? = nil, history: Bool = true, cache: Bool = true
  ) throws -> Corpus {
    var options = SourceOptions(
      repositoryPath: fixture.path, startDirectory: fixture.path, revision: revision,
      includeHistory: history)
    options.useHistoryCache = cache
    return try Workflow.corpus(options)
  }

  /// `git log --follow` for a path: (commit, author name after .mailmap, email), newest first.
  func gitLog(_ fixture: GitFixture, _ path: String) throws -> [(String, String, String)] {
    try fixture.run(["log", "--follow", "--format=%H|%aN|%aE", "--", path])
      .split(separator: "\n").map { line in
        let parts = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        return (parts[0], parts[1], parts[2])
      }
  }

  func expectMatchesGitLog(_ corpus: Corpus, _ fixture: GitFixture) throws {
    for document in corpus.documents {
      let history = try #require(corpus.history[document.path])
      let log = try gitLog(fixture, document.path)
      #expect(history.commits.map(\.commit) == log.map(\.0), "\(document.path)")
      #expect(history.created?.commit == log.last?.0, "\(document.path)")
      #expect(history.updated?.commit == log.first?.0, "\(document.path)")
      var counts: [String: Int] = [:]
      for entry in log { counts[entry.1 + " <" + entry.2 + ">", default: 0] += 1 }
      let contributors = Dictionary(
        uniqueKeysWithValues: history.contributors.map { ("\($0.name) <\($0.email)>", $0.commits) })
      #expect(contributors == counts, "\(document.path)")
    }
  }

  @Test func createdUpdatedAndAuthorsMatchGitLog() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("decisions/0001-use-postgres.md", Self.proposed)
    try fixture.write("handbook/onboarding.md", "---\nowner: '@ada'\n---\n# On\n## Summary\nx\n")
    try fixture.commit("Add two documents", date: "2024-03-01T10:00:00+02:00")
    // Distinct text: `git log --follow` pairs an added file with an identical one as a copy.
    try fixture.write(
      "decisions/0002-use-redis.md",
      "# 2. Cache sessions in Redis\n\n## Status\n\nAccepted\n\n## Context\n\nSessions are "
        + "slow to load from disk on every request.\n\n## Decision\n\nKeep them in Redis.\n")
    try fixture.commit("Add Redis", author: .bob)
    try fixture.write("handbook/onboarding.md", "---\nowner: '@ada'\n---\n# On\n## Summary\ny\n")
    try fixture.commit("Edit onboarding", author: .bob, date: "2024-04-01T09:30:00-05:00")
    try fixture.write("README.md", "not a document\n")
    try fixture.commit("Readme")
    let corpus = try self.corpus(fixture)
    #expect(corpus.repository.hasHistory)
    #expect(corpus.history.count == 3)
    try expectMatchesGitLog(corpus, fixture)
    let page = try #require(corpus.history["handbook/onboarding.md"])
    #expect(page.created?.authorName == "Alice Example")
    #expect(page.created?.timeZoneOffsetMinutes == 120)
    #expect(page.updated?.authorName == "Bob Example")
    #expect(page.updated?.subject == "Edit onboarding")
    #expect(page.contributors.map(\.commits) == [1, 1])
    #expect(!page.isDraft)
    #expect(!page.isApproximate)
  }

  @Test func historyIsSkippedUnlessAskedFor() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("decisions/0001-use-postgres.md", Self.proposed)
    try fixture.commit("Add")
    let corpus = try corpus(fixture, history: false)
    #expect(corpus.history.isEmpty)
    #expect(!corpus.repository.hasHistory)
    #expect(!FileManager.default.fileExists(atPath: fixture.path + "/.baton"))
  }

  @Test func folderMoveKeepsTheCreationDate() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    let body = (1...20).map { "Line \($0) of a decision long enough to be a rename.\n" }.joined()
    try fixture.write(
      "doc/adr/0001-record-decisions.md",
      "# 1. Record decisions\n\n## Status\n\nAccepted\n\n## Context\n\n\(body)\n## Decision\n\ny\n")
    let created = try fixture.commit("ADR 1", date: "2017-05-04T12:00:00+00:00")
    try fixture.move("doc/adr", to: "docs/decisions")
    try fixture.commit("Move decisions", author: .bob, date: "2024-01-10T12:00:00+00:00")
    let corpus = try self.corpus(fixture)
    let history = try #require(corpus.history["docs/decisions/0001-record-decisions.md"])
    #expect(history.created?.commit == created)
    #expect(history.created?.date == Date(timeIntervalSince1970: 1_493_899_200))
    #expect(history.commits.count == 2)
    try expectMatchesGitLog(corpus, fixture)
  }

  @Test func mailmapMergesAnAuthorsNames() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    let old = GitFixture.Author(name: "alice", email: "alice@old.example")
    try fixture.write("decisions/0001-use-postgres.md", Self.proposed)
    try fixture.commit("Add", author: old)
    try fixture.write("decisions/0001-use-postgres.md", Self.proposed + "\nMore.\n")
    try fixture.commit("Edit")
    try fixture.writeMailmap(["Alice Example <alice@example.com> <alice@old.example>"])
    try fixture.commit("Mailmap")
    let corpus = try self.corpus(fixture)
    let history = try #require(corpus.history["decisions/0001-use-postgres.md"])
    #expect(history.contributors.count == 1)
    #expect(history.contributors.first?.name == "Alice Example")
    #expect(history.contributors.first?.email == "alice@example.com")
    #expect(history.contributors.first?.commits == 2)
    #expect(history.created?.authorName == "Alice Example")
    try expectMatchesGitLog(corpus, fixture)
  }

  @Test func ignoredRevisionsDoNotCountAsUpdates() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("decisions/0001-use-postgres.md", Self.proposed)
    try fixture.commit("Add")
    try fixture.write("decisions/0001-use-postgres.md", Self.proposed + "\nA real edit.\n")
    let edit = try fixture.commit("Real edit", author: .bob)
    try fixture.write("decisions/0001-use-postgres.md", Self.proposed + "\nA  real  edit.\n")
    let reformat = try fixture.commit("Reformat everything")
    try fixture.write(".git-blame-ignore-revs", "# mass reformat\n\(reformat)\n")
    try fixture.commit("Ignore the reformat")
    let history = try #require(try corpus(fixture).history["decisions/0001-use-postgres.md"])
    #expect(history.commits.first?.commit == reformat)
    #expect(history.updated?.commit == edit)
    #expect(history.updated?.authorName == "Bob Example")
  }

  @Test func statusTimelineFromFrontMatterAndStatusSections() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("decisions/0001-use-postgres.md", Self.proposed)
    try fixture.write(
      "decisions/0002-use-redis.md", "# 2. Use Redis\n\n## Status\n\nProposed\n\n## Context\nx\n")
    let proposedAt = try fixture.commit("Propose")
    try fixture.write("decisions/0001-use-postgres.md", Self.proposed + "\nA comment.\n")
    try fixture.commit("Comment")
    try fixture.write(
      "decisions/0001-use-postgres.md",
      Self.proposed.replacingOccurrences(of: "status: proposed", with: "status: Accepted"))
    try fixture.write(
      "decisions/0002-use-redis.md", "# 2. Use Redis\n\n## Status\n\nAccepted\n\n## Context\nx\n")
    let acceptedAt = try fixture.commit(
      "Accept", author: .bob, date: "2024-06-01T15:00:00+02:00")
    let corpus = try self.corpus(fixture)
    for path in ["decisions/0001-use-postgres.md", "decisions/0002-use-redis.md"] {
      let timeline = try #require(corpus.history[path]).statusTimeline
      #expect(timeline.map(\.status) == ["proposed", "accepted"], "\(path)")
      #expect(timeline.map(\.event.commit) == [proposedAt, acceptedAt], "\(path)")
      #expect(timeline.last?.event.authorName == "Bob Example")
    }
    let record = try #require(
      corpus.document(at: "decisions/0001-use-postgres.md").map {
        DocumentRecord($0, schema: corpus.schema(of: $0), history: corpus.history[$0.path])
      })
    #expect(record.statusHistory?.last?.date == "2024-06-01T15:00:00+02:00")
    #expect(record.statusHistory?.last?.author == "Bob Example")
  }

  @Test func workingTreeChangesAreDraftsWithTheGitConfigAuthor() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("decisions/0001-use-postgres.md", Self.proposed)
    try fixture.write("decisions/0002-use-redis.md", Self.proposed)
    try fixture.commit("Add")
    try fixture.write("decisions/0002-use-redis.md", Self.proposed + "\nEdited.\n")
    try fixture.write("decisions/0003-use-kafka.md", Self.proposed)
    try fixture.run(["config", "user.name", "Draft Writer"])
    let corpus = try self.corpus(fixture)
    #expect(corpus.history["decisions/0001-use-postgres.md"]?.isDraft == false)
    let edited = try #require(corpus.history["decisions/0002-use-redis.md"])
    #expect(edited.isDraft)
    #expect(edited.draftAuthorName == "Draft Writer")
    #expect(edited.commits.count == 1)
    let new = try #require(corpus.history["decisions/0003-use-kafka.md"])
    #expect(new.isDraft)
    #expect(new.created == nil)
    #expect(new.commits.isEmpty)
    let committed = try self.corpus(fixture, revision: "HEAD")
    #expect(committed.history.values.allSatisfy { !$0.isDraft })
    #expect(committed.history["decisions/0003-use-kafka.md"] == nil)
  }

  @Test func shallowCloneSaysSoAndMarksDatesApproximate() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("decisions/0001-use-postgres.md", Self.proposed)
    try fixture.commit("Add")
    try fixture.write("decisions/0002-use-redis.md", Self.proposed)
    try fixture.commit("Add Redis")
    try fixture.write("decisions/0002-use-redis.md", Self.proposed + "\nMore.\n")
    let head = try fixture.commit("Edit Redis")
    let clone = try fixture.clone(depth: 1)
    defer { clone.cleanup() }
    let corpus = try self.corpus(clone)
    #expect(corpus.repository.isShallow)
    let note = try #require(corpus.repository.notes.first { $0.hasPrefix("history is truncated") })
    #expect(note.contains(String(head.prefix(7))))
    #expect(note.contains("fetch-depth: 0"))
    #expect(note.contains("GIT_DEPTH: 0"))
    for path in ["decisions/0001-use-postgres.md", "decisions/0002-use-redis.md"] {
      let history = try #require(corpus.history[path])
      #expect(history.isApproximate, "\(path)")
      #expect(history.created?.commit == head, "\(path)")
    }
    let full = try self.corpus(fixture)
    #expect(full.repository.notes.isEmpty)
    #expect(full.history.values.allSatisfy { !$0.isApproximate })
  }

  @Test func bareRepositoryWithARevision() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("decisions/0001-use-postgres.md", Self.proposed)
    let first = try fixture.commit("Add")
    try fixture.write("decisions/0001-use-postgres.md", Self.proposed + "\nMore.\n")
    let second = try fixture.commit("Edit", author: .bob)
    let bare = try fixture.bareClone()
    defer { bare.cleanup() }
    let corpus = try self.corpus(bare, revision: "main")
    let history = try #require(corpus.history["decisions/0001-use-postgres.md"])
    #expect(history.created?.commit == first)
    #expect(history.updated?.commit == second)
    #expect(!history.isDraft)
    #expect(FileManager.default.fileExists(atPath: bare.path + "/.baton/cache"))
    let older = try self.corpus(bare, revision: first, cache: false)
    #expect(older.history["decisions/0001-use-postgres.md"]?.commits.map(\.commit) == [first])
  }

  @Test func emptyRepositoryHasDraftsAndNoHistory() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("decisions/0001-use-postgres.md", Self.proposed)
    let corpus = try self.corpus(fixture)
    #expect(corpus.documents.count == 1)
    let history = try #require(corpus.history["decisions/0001-use-postgres.md"])
    #expect(history.isDraft)
    #expect(history.created == nil)
    #expect(corpus.repository.commit == nil)
  }

  @Test func cacheLivesInAnIgnoredFolderAndMakesTheNextRunIncremental() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("decisions/0001-use-postgres.md", Self.proposed)
    try fixture.commit("Add")
    try fixture.write("decisions/0002-use-redis.md", Self.proposed)
    try fixture.commit("Add Redis")
    #expect(try corpus(fixture).repository.walkedCommits == 2)
    #expect(FileManager.default.fileExists(atPath: fixture.path + "/.baton/cache"))
    #expect(try fixture.run(["status", "--porcelain", "--untracked-files=all"]).isEmpty)
    #expect(try corpus(fixture).repository.walkedCommits == 0)
    try fixture.write("decisions/0002-use-redis.md", Self.proposed + "\nMore.\n")
    let edit = try fixture.commit("Edit Redis")
    let corpus = try self.corpus(fixture)
    #expect(corpus.repository.walkedCommits == 1)
    #expect(corpus.history["decisions/0002-use-redis.md"]?.updated?.commit == edit)
    #expect(corpus.filePaths.allSatisfy { !$0.hasPrefix(".baton") })
  }
}
