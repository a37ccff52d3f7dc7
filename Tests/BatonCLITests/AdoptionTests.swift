import BatonTestSupport
import Foundation
import Testing

/// `baton init` on logs written in each dialect: the baton.yml it writes reads every document
/// as written, and `baton check` is then clean, its remaining findings baselined.
@Suite(.serialized) struct AdoptionTests {
  struct Adopted {
    var initResult: BatonBinary.Result
    var config: String
    var check: BatonBinary.Result
    var checkWithoutBaseline: BatonBinary.Result
    var list: BatonBinary.Result
  }

  /// Writes a dialect's log, commits it, runs `baton init`, then `check` and `list`.
  func adopt(_ dialect: String) throws -> Adopted {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try AdoptionFixtures.write(dialect, fixture)
    try fixture.commit("The log as it was")
    let initResult = try BatonBinary.run(["init"], in: fixture.path)
    let config =
      (try? String(contentsOfFile: fixture.path + "/baton.yml", encoding: .utf8)) ?? ""
    let today = ["--today", "2026-12-01"]
    let adopted = Adopted(
      initResult: initResult, config: config,
      check: try BatonBinary.run(["check"] + today, in: fixture.path),
      checkWithoutBaseline: try BatonBinary.run(
        ["check", "--no-baseline", "--format", "json"] + today, in: fixture.path),
      list: try BatonBinary.run(["list", "--format", "json"], in: fixture.path))
    if let folder = ProcessInfo.processInfo.environment["BATON_ADOPTION_REPORT"] {
      let report = """
        ## \(dialect)

        init (exit \(initResult.status)):
        \(initResult.standardError)
        baton.yml:
        \(config)
        check (exit \(adopted.check.status)):
        \(adopted.check.standardError)

        """
      try report.write(toFile: folder + "/\(dialect).md", atomically: true, encoding: .utf8)
    }
    return adopted
  }

  /// The JSON list's records.
  func records(_ adopted: Adopted) throws -> [[String: Any]] {
    let data = Data(adopted.list.standardOutput.utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
  }

  @Test(arguments: AdoptionFixtures.all)
  func everyDialectIsAdoptedAndChecksClean(_ dialect: String) throws {
    let adopted = try adopt(dialect)
    #expect(adopted.initResult.status == 0, "\(adopted.initResult.standardError)")
    #expect(adopted.initResult.standardOutput.contains("created baton.yml"))
    #expect(adopted.check.status == 0, "\(adopted.config)\n\(adopted.check.standardError)")
    let records = try records(adopted)
    #expect(!records.isEmpty, "\(adopted.config)")
    for record in records {
      #expect(record["status"] is String, "\(record)")
      #expect((record["title"] as? String).map { !["Summary", "Abstract"].contains($0) } ?? false)
    }
  }
}

extension AdoptionTests {
  @Test func existingToolLogsNeedNoKindOfTheirOwn() throws {
    for dialect in ["adr-tools", "madr", "log4brains"] {
      let adopted = try adopt(dialect)
      #expect(adopted.config.contains("kind: decision\n"), "\(dialect): \(adopted.config)")
      #expect(!adopted.config.contains("kinds:"), "\(dialect): \(adopted.config)")
      #expect(adopted.check.standardError.contains("✓ 0 errors, 0 warnings in 2 documents"))
    }
  }

  @Test func rustRFCsGetADefaultStatusAliasesAndExcludes() throws {
    let adopted = try adopt("rust-rfcs")
    for line in [
      "  rfcs:\n    path: text\n    kind: rfc\n    default-status: accepted\n",
      "exclude: [\"*.src.md\", \"2013-10-gen.md\"]", "date: [\"Start Date\"]",
      "{ name: Summary, required: true }", "{ name: Context, required: false }",
    ] {
      #expect(adopted.config.contains(line), "\(line)\n\(adopted.config)")
    }
    #expect(adopted.initResult.standardError.contains("sections (as H1s)"))
    #expect(adopted.initResult.standardError.contains("text/2013-10-gen.md: not numbered"))
    let records = try records(adopted)
    #expect(records.count == 3)
    let first = try #require(records.first)
    #expect(first["title"] as? String == "More attributes")
    #expect(first["status"] as? String == "accepted")
    #expect(first["date"] as? String == "2014-03-20")
  }

  @Test func pepHeadersKEPMetaFilesAndTEPFrontMatter() throws {
    let pep = try adopt("pep")
    #expect(pep.config.contains("date: [Created]"))
    #expect(pep.config.contains("statuses: [draft, proposed, accepted, rejected, superseded"))
    let peps = try records(pep)
    #expect(peps.first?["title"] as? String == "Style Guide for Python Code")
    #expect(peps.first?["date"] as? String == "2001-07-05")
    #expect(peps.first?["status"] as? String == "active")
    let kep = try adopt("kep")
    #expect(kep.config.contains("    path: keps\n    kind: kep\n    meta-file: kep.yaml\n"))
    #expect(kep.initResult.standardError.contains("2019-03-notes.md: a working file"))
    let keps = try records(kep)
    #expect(
      keps.map { $0["status"] as? String } == ["provisional", "implementable", "implemented"])
    #expect(keps.last?["title"] as? String == "Pod Overhead")
    let tep = try adopt("tep")
    #expect(tep.config.contains("date: [creation-date]"))
    #expect(try records(tep).first?["date"] as? String == "2020-03-10")
  }

  @Test func emphasisedStatusLinesAndSentencesAreBaselined() throws {
    let adopted = try adopt("adr-repo")
    #expect(adopted.config.contains("path: architecture-decision-record"))
    #expect(adopted.initResult.standardOutput.contains("created .baton-baseline.json"))
    #expect(adopted.initResult.standardError.contains("1 finding remains: unknown-status 1"))
    #expect(adopted.check.standardError.contains("1 known finding hidden by the baseline"))
    #expect(adopted.checkWithoutBaseline.standardOutput.contains("'for prototyping only'"))
    let records = try records(adopted)
    #expect(records.map { $0["date"] as? String } == ["2021-09-15", "2018-04-10"])
  }

  @Test func dryRunWritesNothingAndInitTwiceChangesNothing() throws {
    let fixture = try GitFixture()
    defer { fixture.cleanup() }
    try AdoptionFixtures.write("tep", fixture)
    try fixture.commit("TEPs")
    let dry = try BatonBinary.run(["init", "--dry-run"], in: fixture.path)
    #expect(dry.status == 0)
    #expect(dry.standardOutput.contains("collections:\n  teps:"))
    #expect(dry.standardError.contains("dry run: nothing written"))
    #expect(!FileManager.default.fileExists(atPath: fixture.path + "/baton.yml"))
    #expect(try BatonBinary.run(["init"], in: fixture.path).status == 0)
    let written = try String(contentsOfFile: fixture.path + "/baton.yml", encoding: .utf8)
    #expect(written == dry.standardOutput)
    let again = try BatonBinary.run(["init"], in: fixture.path)
    #expect(again.status == 0)
    #expect(again.standardError.contains("already set up, nothing changed"))
    #expect(try String(contentsOfFile: fixture.path + "/baton.yml", encoding: .utf8) == written)
  }
}
