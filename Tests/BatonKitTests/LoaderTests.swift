import BatonChecks
import BatonGit
import BatonSource
import BatonSupport
import BatonTestSupport
import Foundation
import Testing

@Suite struct LoaderTests {
  static let today = Day(year: 2026, month: 11, day: 24) ?? Day.today()

  func check(_ fixture: GitFixture, revision: String? = nil, start: String? = nil) throws
    -> Workflow.CheckResult
  {
    let options = SourceOptions(
      repositoryPath: fixture.path, startDirectory: start ?? fixture.path, revision: revision)
    return try Workflow.check(
      options, paths: [], today: Self.today)
  }

  @Test(arguments: ["adr-tools", "madr", "log4brains"])
  func existingDecisionLogsCheckWithoutErrors(_ tool: String) throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    switch tool {
    case "adr-tools": try LegacyLogFixtures.adrTools(fixture)
    case "madr": try LegacyLogFixtures.madr(fixture)
    default: try LegacyLogFixtures.log4brains(fixture)
    }
    try fixture.commit("Decision log")
    let result = try check(fixture)
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(
      errors.isEmpty, "\(errors.map { "\($0.location.path):\($0.location.line) \($0.message)" })")
    #expect(result.corpus.documents.count == (tool == "madr" ? 3 : tool == "adr-tools" ? 3 : 2))
    #expect(result.corpus.documents.allSatisfy { $0.kind == "decision" })
    #expect(
      !result.corpus.documents.contains {
        $0.path.lowercased().contains("readme") || $0.path.contains("template")
      })
  }

  @Test func aPathIsHiddenWhenOneOfItsNamesStartsWithADot() {
    for path in [".github/x.md", "a/.draft.md", ".x", "a/.b/c.md"] {
      #expect(Loader.isHidden(path))
    }
    for path in ["", "a.md", "a/b.c/d.md", "a./b.md", "\u{e9}/x.md"] {
      #expect(!Loader.isHidden(path))
    }
  }

  @Test func adrToolsSupersedeChainResolves() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try LegacyLogFixtures.adrTools(fixture)
    try fixture.commit("Decision log")
    let corpus = try check(fixture).corpus
    let old = try #require(corpus.document(at: "doc/adr/0002-use-mysql.md"))
    #expect(old.status?.value == "superseded")
    let new = try #require(corpus.resolve(old.items("superseded-by")[0].value, from: old))
    #expect(new.path == "doc/adr/0003-use-postgres.md")
    #expect(corpus.backlinks["doc/adr/0002-use-mysql.md"] == ["doc/adr/0003-use-postgres.md"])
  }

  @Test func workingTreeShowsDraftsAndRevisionDoesNot() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write(
      "decisions/0001-a.md", "---\nstatus: accepted\n---\n# A\n## Context\nx\n## Proposal\ny\n")
    try fixture.commit("First")
    try fixture.write("decisions/0002-b.md", "---\nstatus: proposed\n---\n# B\n")
    let draft = try check(fixture)
    #expect(draft.corpus.documents.map(\.path) == ["decisions/0001-a.md", "decisions/0002-b.md"])
    #expect(
      draft.diagnostics.contains {
        $0.location.path == "decisions/0002-b.md" && $0.ruleID == "missing-owner"
      })
    let committed = try check(fixture, revision: "HEAD")
    #expect(committed.corpus.documents.map(\.path) == ["decisions/0001-a.md"])
    #expect(committed.diagnostics.filter { $0.severity == .error }.isEmpty)
  }

  @Test func bareRepositoryNeedsARevision() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("handbook/a.md", "---\nowner: '@a'\n---\n# A\n## Summary\nx\n")
    try fixture.commit("Page")
    let bare = try fixture.bareClone()
    defer { bare.cleanup() }
    #expect(throws: SourceError.self) { _ = try check(bare) }
    let result = try check(bare, revision: "main")
    #expect(result.corpus.documents.map(\.path) == ["handbook/a.md"])
  }

  @Test func unknownRevisionIsAToolError() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("handbook/a.md", "# A\n")
    try fixture.commit("Page")
    #expect(throws: SourceError.self) { _ = try check(fixture, revision: "no-such-branch") }
  }

  @Test func handbookRootIsTheNearestBatonYml() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("site/baton.yml", "collections:\n  notes: { path: notes, kind: page }\n")
    try fixture.write("site/notes/a.md", "---\nowner: '@a'\n---\n# A\n## Summary\nx\n")
    try fixture.write("decisions/0001-x.md", "# not part of the site handbook\n")
    try fixture.commit("Two handbooks")
    let result = try check(fixture, start: fixture.path + "/site/notes")
    #expect(result.corpus.configuration.root == "site")
    #expect(result.corpus.documents.map(\.path) == ["site/notes/a.md"])
  }

  @Test func badInputIsDiagnosedAndTheRestIsChecked() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    let outside = FileManager.default.temporaryDirectory.appendingPathComponent(
      "baton-secret-\(UUID()).md")
    try Data("# secret\n".utf8).write(to: outside)
    defer { try? FileManager.default.removeItem(at: outside) }
    try fixture.write(
      "decisions/0001-ok.md", "---\nstatus: accepted\n---\n# Ok\n## Context\nx\n## Proposal\ny\n")
    try fixture.write("decisions/0002-binary.md", bytes: [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 1])
    try fixture.write("decisions/0003-latin1.md", bytes: Array("# Caf".utf8) + [0xE9, 0x0A])
    try fixture.write("decisions/0004-yaml.md", "---\nstatus: [accepted\n---\n# Y\n")
    try fixture.write("decisions/0005-empty.md", "")
    try fixture.write("decisions/0006-big.md", String(repeating: "word ", count: 420_000))
    try fixture.symlink("decisions/0007-link.md", to: outside.path)
    try fixture.write(
      "decisions/0008-a.md",
      "---\nstatus: superseded\nsuperseded-by: ['9']\nsupersedes: ['9']\n---\n# A\n")
    try fixture.write(
      "decisions/0009-b.md",
      "---\nstatus: superseded\nsuperseded-by: ['8']\nsupersedes: ['8']\n---\n# B\n")
    try fixture.write(
      "decisions/0001-dup.md", "---\nstatus: accepted\n---\n# Dup\n## Context\nx\n## Proposal\ny\n")
    try fixture.write(
      "decisions/0010-crlf.md",
      "---\r\nstatus: accepted\r\n---\r\n# C\r\n## Context\r\nx\r\n## Proposal\r\ny\r\n")
    try fixture.commit("Bad input")
    let result = try check(fixture)
    func rules(_ path: String) -> Set<String> {
      Set(result.diagnostics.filter { $0.location.path == "decisions/" + path }.map(\.ruleID))
    }
    #expect(rules("0002-binary.md") == ["invalid-encoding"])
    #expect(rules("0003-latin1.md") == ["invalid-encoding"])
    #expect(
      result.diagnostics.contains {
        $0.ruleID == "invalid-encoding" && $0.location.line == 1 && $0.location.column == 6
      })
    #expect(rules("0004-yaml.md").contains("front-matter-syntax"))
    #expect(rules("0005-empty.md") == ["empty-document"])
    #expect(rules("0006-big.md") == ["file-too-large"])
    #expect(rules("0007-link.md") == ["symlink-outside-repository"])
    #expect(rules("0008-a.md").contains("supersede-cycle"))
    #expect(rules("0001-dup.md").contains("duplicate-id"))
    #expect(rules("0001-ok.md") == ["duplicate-id"])
    #expect(rules("0010-crlf.md").isEmpty)
    let corpus = result.corpus
    #expect(!corpus.documents.contains { $0.title?.value == "secret" })
  }
}

@Suite struct BuiltSiteTests {
  /// More files than one reader thread takes (they are read 32 at a time on several threads):
  /// each keeps its own bytes, in path order, with nested folders and a file the reader must skip.
  @Test func manyFilesAreReadWholeAndInOrder() throws {
    let fixture = try GitFixture()
    try fixture.write("baton.yml", "collections:\n  notes: { path: notes, kind: page }\n")
    var expected: [String: String] = [:]
    for number in 0..<300 {
      let path = "notes/\(number % 7)/note-\(number).md"
      let text = "# Note \(number)\n\n" + String(repeating: "word\(number) ", count: number) + "\n"
      try fixture.write(path, text)
      expected[path] = text
    }
    try fixture.write("notes/ignored.md", "# Ignored\n")
    try fixture.write(".gitignore", "notes/ignored.md\n")
    let loaded = try Loader.load(
      SourceOptions(repositoryPath: fixture.path, startDirectory: fixture.path))
    let paths = loaded.files.map(\.file.path)
    #expect(paths == expected.keys.sorted())
    for entry in loaded.files {
      #expect(
        entry.file.bytes.map { String(decoding: $0, as: UTF8.self) } == expected[entry.file.path])
    }
  }

  /// What the caller knows of the documents (`Loader.Known`) is asked for once, when the
  /// working tree is walked and its documents stamped, and before any is read: a caller still
  /// reading it (a build decoding its kept state) does so while the walk runs.
  @Test func whatTheCallerKnowsIsAskedForOnceTheDocumentsAreListed() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("baton.yml", "collections:\n  notes: { path: notes, kind: page }\n")
    for name in ["a", "b", "c"] { try fixture.write("notes/\(name).md", "# \(name)\n") }
    try fixture.commit("Notes")
    let known = try #require(FileStamp.of(path: fixture.path + "/notes/a.md"))
    var asked = 0
    let loaded = try Loader.load(
      SourceOptions(repositoryPath: fixture.path, startDirectory: fixture.path),
      known: {
        asked += 1
        // Listed already: its removal now shows as a file that went away while being read.
        try FileManager.default.removeItem(atPath: fixture.path + "/notes/c.md")
        return Loader.Known(stamps: ["notes/a.md": known], withResponses: [], drafts: nil)
      }, documentsRead: nil)
    #expect(asked == 1)
    #expect(loaded.files.map(\.file.path) == ["notes/a.md", "notes/b.md", "notes/c.md"])
    #expect(loaded.files.map(\.isUnread) == [true, false, false])
    #expect(loaded.files[1].file.bytes.map { String(decoding: $0, as: UTF8.self) } == "# b\n")
    #expect(loaded.files[2].file.problem != nil)

    // What it throws ends the load.
    struct Unusable: Error {}
    #expect(throws: Unusable.self) {
      try Loader.load(
        SourceOptions(repositoryPath: fixture.path, startDirectory: fixture.path),
        known: { throw Unusable() }, documentsRead: nil)
    }
  }

  /// A site built into any folder of the repository is output, not attachments: links into it
  /// would break in a fresh clone, so they must not count as resolving.
  @Test func foldersWithTheBuildMarkerAreNotAttachments() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write("handbook/guide.md", "# Guide\n\nA summary.\n\n![plan](plan.png)\n")
    try fixture.write("handbook/plan.png", "png")
    try fixture.write("public/.baton-site", "Written by baton build.\n")
    try fixture.write("public/handbook/guide/index.html", "<html></html>")
    try fixture.write("notes/.keep", "")
    try fixture.commit("Handbook")
    let corpus = try Workflow.corpus(
      SourceOptions(repositoryPath: fixture.path, startDirectory: fixture.path),
      keepingBodies: false)
    #expect(corpus.filePaths.contains("handbook/plan.png"))
    #expect(!corpus.filePaths.contains("public/handbook/guide/index.html"))
    #expect(!corpus.filePaths.contains { $0.hasPrefix("public/") })
  }
}
