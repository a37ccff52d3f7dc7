import BatonChecks
import BatonConfig
import BatonDocuments
import BatonSource
import BatonSupport
import BatonTestSupport
import Testing

/// `baton.yml`'s dialect options and the parser's reading of logs written other ways.
struct DialectTests {
  static let config = """
    collections:
      rfcs:
        path: text
        kind: rfc
        default-status: accepted
        exclude: ["*.src.md", "drafts/"]
      keps: { path: keps, kind: kep, meta-file: kep.yaml }
    exclude: ["**/scratch.md"]
    kinds:
      rfc:
        base: decision
        fields:
          date: [Start Date, creation-date]
          owner: "Author(s)"
          status: stage
      kep:
        base: decision
        statuses: [provisional, implementable, implemented]
        fields: { date: creation-date, owner: authors }

    """

  func configuration() throws -> Configuration {
    try Configuration.parse(DialectTests.config, path: "baton.yml").0
  }

  func parse(_ path: String, _ text: String, collection name: String = "rfcs", meta: String? = nil)
    throws -> Document
  {
    let configuration = try configuration()
    let collection = try #require(configuration.collections.first { $0.name == name })
    var file = SourceFile(path: path, bytes: Array(text.utf8))
    file.metadata = meta.map { Array($0.utf8) }
    return DocumentParser(
      collection: collection, schema: configuration.schema(ofKind: collection.kind)
    )
    .parse(file)
  }

  @Test func configurationReadsTheDialect() throws {
    let configuration = try configuration()
    let rfcs = try #require(configuration.collections.first)
    #expect(rfcs.defaultStatus == "accepted")
    #expect(rfcs.excludes == ["*.src.md", "drafts/"])
    #expect(configuration.collections[1].layout == .folders)
    #expect(configuration.collections[1].metaFile == "kep.yaml")
    #expect(configuration.kinds["rfc"]?.fieldAliases["start-date"] == "date")
    #expect(configuration.kinds["rfc"]?.fieldAliases["author(s)"] == "owner")
    #expect(configuration.exclusions().contains("text/0001-a.src.md", in: rfcs))
    #expect(configuration.exclusions().contains("text/drafts/0002-b.md", in: rfcs))
    #expect(configuration.exclusions().contains("text/x/scratch.md", in: rfcs))
    #expect(!configuration.exclusions().contains("text/0001-a.md", in: rfcs))
  }

  @Test func badDialectValuesThrow() {
    #expect(throws: ConfigurationError.self) {
      try Configuration.parse(
        "kinds:\n  rfc:\n    base: decision\n    fields: { colour: hue }\n", path: "baton.yml")
    }
    #expect(throws: ConfigurationError.self) {
      try Configuration.parse(
        "collections:\n  a: { path: a, kind: decision, layout: tree }\n", path: "baton.yml")
    }
  }

  @Test func rustStyleRFCsReadBulletsAndH1Sections() throws {
    let document = try parse(
      "text/0016-more-attributes.md",
      """
      - Start Date: 2014-03-20
      - RFC PR: [rust-lang/rfcs#16](https://github.com/rust-lang/rfcs/pull/16)
      - Author(s): @ada

      # Summary

      Allow attributes on more places.

      # Motivation

      Because.

      ## Sub-motivation

      Detail.

      # Detailed design

      How.

      """)
    #expect(document.title?.value == "More attributes")
    #expect(document.title?.origin == .fileName)
    #expect(document.date == Day(year: 2014, month: 3, day: 20))
    #expect(document.writtenName(of: "date") == "Start Date")
    #expect(document.owner?.value == "ada")
    #expect(document.status?.value == "accepted")
    #expect(document.status?.origin == .configuration)
    #expect(document.sections.map(\.title) == ["Summary", "Motivation", "Detailed design"])
    #expect(document.sections.first?.line == 5)
  }

  @Test func emphasisedStatusLinesAndSentences() throws {
    let emphasised = try parse(
      "text/0002-b.md",
      "# B\n\n**Status**: proposed\n\n**Date**: 15 September 2021\n\n## Context\nx\n")
    #expect(emphasised.status?.value == "proposed")
    #expect(emphasised.date == Day(year: 2021, month: 9, day: 15))
    let sentence = try parse(
      "text/0003-c.md", "# C\n\nStatus: for prototyping only\n\n## Context\nx\n")
    #expect(sentence.status?.value == "for prototyping only")
  }

  @Test func frontMatterAliasesAreNamedAsWritten() throws {
    let document = try parse(
      "text/0004-d.md", "---\nstage: accepted\ncreation-date: next week\n---\n# D\n")
    #expect(document.status?.value == "accepted")
    #expect(document.writtenName(of: "date") == "creation-date")
    #expect(document.writtenName(of: "status") == "stage")
  }

  @Test func folderDocumentsTakeTheFolderAndTheMetaFile() throws {
    let document = try parse(
      "keps/sig-node/1234-pod-overhead/README.md",
      "# KEP-1234: Pod Overhead\n\n## Summary\n\nx\n", collection: "keps",
      meta:
        "title: Pod Overhead\nstatus: implementable\ncreation-date: 2019-02-26\nauthors:\n  - '@ada'\n"
    )
    #expect(document.identifier.number == 1234)
    #expect(document.title?.value == "Pod Overhead")
    #expect(document.status?.value == "implementable")
    #expect(document.status?.origin == .metaFile)
    #expect(document.date == Day(year: 2019, month: 2, day: 26))
    #expect(document.owner?.value == "ada")
  }

  @Test func titlesDropOtherLogsPrefixes() throws {
    let kep = try parse("text/0005-e.md", "# TEP-0005: Pipelines in Pipelines\n")
    #expect(kep.title?.value == "Pipelines in Pipelines")
    let plain = try parse("text/0006-f.md", "# Use 2 databases\n")
    #expect(plain.title?.value == "Use 2 databases")
  }

  @Test(arguments: [
    ("15 September 2021", "2021-09-15"), ("Sep 15, 2021", "2021-09-15"),
    ("05-Jul-2001", "2001-07-05"), ("10/04/18", "2018-04-10"), ("01/03/2024", "2024-03-01"),
    ("2024-03-01T10:00:00Z", "2024-03-01"), ("12/31/99", "1999-12-31"),
  ])
  func datesAsLogsWriteThem(_ text: String, _ expected: String) {
    #expect(Day(parsing: text)?.description == expected)
  }

  @Test func dateStampedNamesAreNotRecordNumbers() {
    #expect(DocumentIdentifier(fileName: "text/2013-10-gen.md").number == nil)
    #expect(DocumentIdentifier(fileName: "text/2005-match-ergonomics.md").number == 2005)
  }
}

/// The dialect options at load time, on a real repository.
struct DialectLoadTests {
  @Test func foldersMetaFilesAndExcludesAreLoadedAsConfigured() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try fixture.write(
      "baton.yml",
      """
      collections:
        keps: { path: keps, kind: kep, meta-file: kep.yaml }
        rfcs: { path: text, kind: decision, default-status: accepted, exclude: "*.src.md" }
      kinds:
        kep: { base: decision, statuses: [implementable], fields: { owner: authors } }

      """)
    try fixture.write(
      "keps/sig-node/1234-pod-overhead/README.md",
      "# KEP-1234: Pod Overhead\n\n## Context\n\nx\n\n## Proposal\n\ny\n")
    try fixture.write(
      "keps/sig-node/1234-pod-overhead/kep.yaml",
      "title: Pod Overhead\nstatus: implementable\nauthors: ['@ada']\n")
    try fixture.write("keps/sig-node/1234-pod-overhead/2019-03-notes.md", "# Notes\n")
    try fixture.write("keps/sig-node/README.md", "# SIG Node\n")
    try fixture.write("text/0001-a.md", "# A\n\n## Context\n\nx\n\n## Proposal\n\ny\n")
    try fixture.write("text/0001-a.src.md", "# A source\n")
    try fixture.commit("Logs")
    let result = try Workflow.check(
      SourceOptions(repositoryPath: fixture.path, startDirectory: fixture.path), paths: [],
      today: Day(year: 2026, month: 1, day: 1) ?? Day.today())
    let paths = result.corpus.documents.map(\.path).sorted()
    #expect(paths == ["keps/sig-node/1234-pod-overhead/README.md", "text/0001-a.md"])
    let kep = try #require(result.corpus.document(at: paths[0]))
    #expect(kep.status?.value == "implementable")
    #expect(kep.owner?.value == "ada")
    #expect(result.corpus.document(at: paths[1])?.status?.origin == .configuration)
    #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
  }
}
