import BatonChecks
import BatonConfig
import BatonSource
import Testing

@Suite struct ConfigurationTests {
  @Test func aStemIsTheNameUpToItsFirstDot() {
    for name in [
      "readme.md", "..readme.md", "readme", "r\u{e9}sum\u{e9}.md", "...", "a.b.md", ".x",
    ] {
      #expect(
        KindSchema.stem(of: name) == (name.split(separator: ".").first.map(String.init) ?? name))
    }
  }

  @Test func aCollectionHoldsPathsUnderItsFolderWhateverTheirNormalisation() {
    let decomposed = Collection(name: "d", path: "de\u{301}cisions", kind: "decision")
    #expect(decomposed.contains("d\u{e9}cisions/0001-x.md"))
    #expect(!decomposed.contains("d\u{e9}cisions-old/0001-x.md"))
    let plain = Collection(name: "a", path: "docs/adr", kind: "decision")
    #expect(plain.contains("docs/adr/0001-x.md") && plain.contains("docs/adr/sub/x.md"))
    #expect(
      !plain.contains("docs/adr") && !plain.contains("docs/adr2/x.md")
        && !plain.contains("docs/x.md"))
    let configuration = Configuration(root: "")
    var nested = configuration
    nested.collections = [
      Collection(name: "root", path: "", kind: "page"), plain,
      Collection(name: "docs", path: "docs", kind: "page"),
    ]
    #expect(nested.collection(containing: "docs/adr/0001-x.md")?.name == "a")
    #expect(nested.collection(containing: "docs/x.md")?.name == "docs")
    #expect(nested.collection(containing: "x.md")?.name == "root")
  }

  @Test func collectionsAreRelativeToTheRoot() throws {
    let (configuration, warnings) = try Configuration.parse(
      """
      title: Acme
      collections:
        adrs: { path: architecture/decisions, kind: decision }
        notes: { path: ./notes, kind: page }
      people: team/people.yml
      review-period-days: 90
      """, path: "site/baton.yml")
    #expect(warnings.isEmpty)
    #expect(configuration.title == "Acme")
    #expect(configuration.root == "site")
    #expect(configuration.collections.map(\.path) == ["site/architecture/decisions", "site/notes"])
    #expect(configuration.peoplePath == "site/team/people.yml")
    #expect(configuration.reviewPeriodDays == 90)
  }

  @Test func unknownKeysWarnWithTheirLine() throws {
    let (_, warnings) = try Configuration.parse("title: x\ncolections: {}\n", path: "baton.yml")
    #expect(warnings.map(\.ruleID) == ["config-unknown-key"])
    #expect(warnings.first?.location.line == 2)
  }

  @Test func syntaxErrorsThrowWithALine() {
    #expect {
      _ = try Configuration.parse("title: x\ncollections: [\n", path: "baton.yml")
    } throws: { error in
      guard let error = error as? ConfigurationError else { return false }
      return error.line >= 2 && error.path == "baton.yml"
    }
  }

  @Test func ruleOverridesAndKinds() throws {
    let (configuration, _) = try Configuration.parse(
      """
      rules:
        stale-page: error
        missing-owner: off
      kinds:
        rfc:
          base: decision
          statuses: [draft, open, closed]
          sections:
            - name: Summary
              required: true
            - name: Call to Action
              role: call-to-action
              required: [open]
      collections:
        rfcs: { path: rfcs, kind: rfc }
      """, path: "baton.yml")
    #expect(configuration.severity(of: "stale-page", default: .warning) == .error)
    #expect(configuration.severity(of: "missing-owner", default: .error) == nil)
    let rfc = try #require(configuration.kinds["rfc"])
    #expect(rfc.statuses == ["draft", "open", "closed"])
    #expect(rfc.sections.map(\.name) == ["Summary", "Call to Action"])
    #expect(rfc.section(withRole: .callToAction)?.required == .whileStatus(["open"]))
  }

  @Test func collectionsOfUnknownKindsAreRejected() {
    #expect(throws: ConfigurationError.self) {
      _ = try Configuration.parse("collections:\n  x: { path: x, kind: memo }\n", path: "baton.yml")
    }
  }

  @Test func unknownRuleIDsWarnWhenChecking() throws {
    let corpus = try LoadedSource.inMemory(files: [
      ("baton.yml", "rules:\n  no-such-rule: off\n"), ("handbook/a.md", "# A\n"),
    ]).parse().assemble()
    let diagnostics = Checker().check(corpus, today: RuleExample.today)
    #expect(diagnostics.contains { $0.ruleID == "config-unknown-rule" && $0.location.line == 2 })
  }
}

@Suite struct DecisionFolderTests {
  @Test func readmeIndexAndTemplatesAreNotDecisions() throws {
    let source = try LoadedSource.inMemory(files: [
      ("decisions/README.md", "# Decisions\n"), ("decisions/index.md", "# Log\n"),
      ("decisions/template.md", "# T\n"), ("decisions/adr-template.md", "# T\n"),
      ("decisions/0004-logic-less-mustache-templates.md", "# Mustache\n"),
      ("handbook/index.md", "# Handbook home\n"),
    ])
    #expect(
      source.files.map(\.file.path) == [
        "decisions/0004-logic-less-mustache-templates.md", "handbook/index.md",
      ])
  }
}
