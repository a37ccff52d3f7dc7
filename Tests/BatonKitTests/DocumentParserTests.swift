import Testing

@testable import BatonConfig
@testable import BatonDocuments
@testable import BatonSupport

@Suite struct DocumentParserTests {
  func parse(_ path: String, _ text: String, kind: KindSchema = .decision) -> Document {
    parse(path, bytes: Array(text.utf8), kind: kind)
  }

  func parse(_ path: String, bytes: [UInt8], kind: KindSchema = .decision) -> Document {
    let collection = Collection(name: "decisions", path: "decisions", kind: kind.name)
    return DocumentParser(collection: collection, schema: kind).parse(
      SourceFile(path: path, bytes: bytes))
  }

  @Test func frontMatterFieldsKeepTheirLines() throws {
    let document = parse(
      "decisions/0042-use-postgres.md",
      "---\nstatus: Proposed\nowner: '@ada'\ndecision-makers: [ada, grace]\nrespond-by: 2026-12-01\n---\n# 42. Use Postgres\n"
    )
    #expect(document.status?.value == "proposed")
    #expect(document.status?.origin == .frontMatter)
    #expect(document.status?.line == 2)
    #expect(document.owner?.value == "ada")
    #expect(document.items("deciders").map(\.value) == ["ada", "grace"])
    #expect(document.respondBy?.value == Day(year: 2026, month: 12, day: 1))
    #expect(document.title?.value == "Use Postgres")
    #expect(document.title?.line == 7)
    #expect(document.identifier.number == 42)
  }

  @Test func adrToolsStatusSectionAndDateLine() {
    let document = parse(
      "doc/adr/0003-use-rust.md",
      """
      # 3. Use Rust

      Date: 01/03/2024

      ## Status

      Superceded by [5. Use Swift](0005-use-swift.md)

      Supersedes [1. Use C](0001-use-c.md)

      ## Context

      Text.
      """)
    #expect(document.status?.value == "superseded")
    #expect(document.status?.origin == .statusSection)
    #expect(document.items("superseded-by").map(\.value) == ["0005-use-swift.md"])
    #expect(document.items("supersedes").map(\.value) == ["0001-use-c.md"])
    #expect(document.date == Day(year: 2024, month: 3, day: 1))
    #expect(document.fields["date"]?.origin == .dateLine)
    #expect(document.fields["date"]?.line == 3)
  }

  @Test func log4brainsBulletList() {
    let document = parse(
      "docs/adr/20240301-use-kafka.md",
      """
      # Use Kafka

      - Status: accepted ✅
      - Deciders: Ada, Grace
      - Date: 2024-03-01
      - Tags: messaging, infra

      ## Context and Problem Statement

      Text.
      """)
    #expect(document.status?.value == "accepted")
    #expect(document.status?.origin == .bulletList)
    #expect(document.items("deciders").map(\.value) == ["Ada", "Grace"])
    #expect(document.tags == ["messaging", "infra"])
    #expect(document.identifier.number == nil)
    #expect(document.identifier.key == "20240301-use-kafka")
  }

  @Test(arguments: [
    ("Accepted", "accepted"), ("**ACCEPTED**", "accepted"), ("✅ Accepted", "accepted"),
    ("superseded by ADR-0012", "superseded"), ("Superceded", "superseded"),
    ("Proposed (2024-01-02)", "proposed"), ("deprecated.", "deprecated"),
  ])
  func statusesNormalise(_ raw: String, _ expected: String) {
    let document = parse("decisions/0001-a.md", "---\nstatus: \"\(raw)\"\n---\n# A\n")
    #expect(document.status?.value == expected)
  }

  @Test func supersededByInStatusBecomesAReference() {
    let document = parse("decisions/0001-a.md", "---\nstatus: superseded by ADR-0012\n---\n# A\n")
    #expect(document.items("superseded-by").map(\.value) == ["ADR-0012"])
  }

  @Test func missingStatusIsUnknownNotAccepted() {
    let document = parse("decisions/0001-a.md", "# A\n\n## Context\nx\n")
    #expect(document.status == nil)
  }

  @Test(arguments: [
    ("0042-slug.md", 42, "0042", ""), ("ADR042-slug.md", 42, "ADR042", "ADR"),
    ("adr-042-slug.md", 42, "adr-042", "adr-"), ("ADR-0007-x.md", 7, "ADR-0007", "ADR-"),
  ])
  func numberedIdentifiers(_ name: String, _ number: Int, _ text: String, _ prefix: String) {
    let identifier = DocumentIdentifier(fileName: "decisions/" + name)
    #expect(identifier.number == number)
    #expect(identifier.text == text)
    #expect(identifier.prefix == prefix)
    #expect(identifier.key == String(number))
  }

  @Test(arguments: ["20240301-slug.md", "2024-03-01-slug.md", "use-postgres.md"])
  func unnumberedIdentifiers(_ name: String) {
    let identifier = DocumentIdentifier(fileName: name)
    #expect(identifier.number == nil)
    #expect(identifier.key == String(name.dropLast(3)))
  }

  @Test func referencesInAnyStyleShareAKey() {
    for reference in ["ADR-0042", "0042", "42", "0042-use-postgres.md", "adr042"] {
      #expect(DocumentIdentifier.key(forReference: reference) == "42", "\(reference)")
    }
  }

  @Test(arguments: [
    ("# 42. Use Postgres", "Use Postgres"), ("# ADR042: Use Postgres", "Use Postgres"),
    ("# ADR-0042 - Use Postgres", "Use Postgres"), ("# 2024 plans", "2024 plans"),
  ])
  func titlesLoseTheirNumbering(_ heading: String, _ title: String) {
    #expect(parse("decisions/0042-x.md", heading + "\n").title?.value == title)
  }

  @Test func crlfAndByteOrderMarkAreRead() {
    let text =
      "\u{FEFF}---\r\nstatus: accepted\r\n---\r\n# Title\r\n\r\n## Context\r\nText @ada.\r\n"
    let document = parse("decisions/0001-a.md", text)
    #expect(document.problems.isEmpty)
    #expect(document.status?.value == "accepted")
    #expect(document.title?.value == "Title")
    #expect(document.sections.map(\.title) == ["Context"])
    #expect(document.mentions.first?.line == 7)
  }

  @Test func bodyIsLetGoByItsLastCountedReaderInEveryCopy() throws {
    let document = parse("decisions/0001-a.md", "# Title\n\n## Context\n\nSome text.\n")
    let copy = document
    let tree = try #require(document.body)
    document.finishedReadingBody()
    #expect(document.body === tree, "uncounted readers never let the body go")
    document.releaseBody(afterReaders: 2)
    copy.finishedReadingBody()
    #expect(document.body === tree)
    #expect(!copy.isBodyReleased)
    document.finishedReadingBody()
    #expect(copy.body == nil)
    #expect(document.body == nil)
    #expect(copy.isBodyReleased)
    #expect(document.hasText)
  }

  @Test func invalidUTF8IsLocated() {
    var bytes = Array("# Title\n\nline two \u{E9}\n".utf8)
    bytes.append(contentsOf: [0x66, 0xC3, 0x28, 0x0A])
    let document = parse("decisions/0001-a.md", bytes: bytes)
    #expect(document.problems == [.invalidUTF8(line: 4, column: 2)])
    #expect(document.body == nil)
    #expect(!document.hasText)
  }

  @Test func binaryAndEmptyFiles() {
    #expect(
      parse("decisions/0001-a.md", bytes: [0x89, 0x50, 0x4E, 0x47, 0, 0, 1]).problems == [.binary])
    #expect(parse("decisions/0002-a.md", bytes: Array(" \n\n".utf8)).problems == [.empty])
  }

  @Test func brokenFrontMatterPointsAtTheFileLine() throws {
    let document = parse(
      "decisions/0001-a.md", "---\ntitle: ok\nstatus: [open\nowner: x\n---\n# A\n")
    let problem = try #require(document.problems.first)
    guard case .frontMatterSyntax(_, let line, _) = problem else {
      Issue.record("expected a syntax problem, got \(problem)")
      return
    }
    #expect((4...5).contains(line))
    #expect(document.title?.value == "A")
  }

  @Test func mentionsSkipCodeAndEmails() {
    let document = parse(
      "decisions/0001-a.md",
      "# A\n\n## Call to Action\n@ada and @org/team, not `@code` or a@b.example, see @grace.\n\n```\n@nope\n```\n"
    )
    #expect(document.mentions.map(\.value) == ["ada", "org/team", "grace"])
    #expect(document.mentions.first?.column == 1)
    #expect(document.sections[0].mentions.count == 3)
  }

  @Test func sectionsCollectDatesAndAnchors() {
    let document = parse(
      "decisions/0001-a.md",
      "# A\n\n## Call to Action\n@ada: respond by 2026-12-01 or 15/12/2026.\n\n## Consequences\n")
    #expect(
      document.sections[0].dates.map(\.value) == [
        Day(year: 2026, month: 12, day: 1), Day(year: 2026, month: 12, day: 15),
      ])
    #expect(document.anchors.isSuperset(of: ["call-to-action", "consequences"]))
  }

  @Test func suppressionsAreRead() {
    let document = parse(
      "decisions/0001-a.md", "# A\n<!-- baton-ignore: missing-status, stale-page -->\n")
    #expect(document.suppressedRules == ["missing-status": 2, "stale-page": 2])
  }

  @Test func keysAreFoldedToBatonsSpelling() {
    #expect(DocumentParser.canonicalKey("  Respond By ") == "respond-by")
    #expect(DocumentParser.canonicalKey("Decision_Makers") == "deciders")
    #expect(DocumentParser.canonicalKey("Größe Ändern Jetzt") == "größe-ändern-jetzt")
    #expect(DocumentParser.canonicalKey("status") == "status")
  }

  @Test func listItemsEndingInAColonAreNoFields() {
    let document = parse(
      "decisions/tar.md",
      "# tar\n\n- Create an archive from files:\n\n`tar cf {{target.tar}} {{file1}}`\n\n"
        + "- List the contents of an archive:\n\n`tar tvf {{source.tar}}`\n")
    #expect(document.fields.isEmpty)
  }

  @Test func preambleLinesInAnySpellingAreFieldsAndProseIsNot() {
    let document = parse(
      "decisions/0001-tar.md",
      "# tar\n\n- \u{2028}Decision_Ma\u{212A}ers : Ada\n- Respond_By: 2024-05-01\n"
        + "- أنشئ أرشيفًا: من الملفات\n- Status 2: accepted\n- ファイル: 一覧\n- Owner\u{301}: Bob\n")
    #expect(document.items("deciders").map(\.value) == ["Ada"])
    #expect(document.fields["respond-by"]?.value.items == ["2024-05-01"])
    #expect(document.fields.count == 2)
    #expect(DocumentParser.mayNamePreambleKey("Decision Makers: a"))
    #expect(!DocumentParser.mayNamePreambleKey("Größe: a"))
    #expect(!DocumentParser.mayNamePreambleKey("no colon at all"))
    // A key longer than any key or alias folds to none: the line is prose.
    #expect(DocumentParser.mayNamePreambleKey("\u{2028} Superseded By \t: x"))
    #expect(!DocumentParser.mayNamePreambleKey("Create an archive from files: tar"))
    #expect(!DocumentParser.mayNamePreambleKey("Decision makers x: a"))
  }
}
