import Testing

@testable import BatonConfig
@testable import BatonDocuments
@testable import BatonSupport

/// The front-matter fast path must read exactly what Yams reads, or decline.
@Suite("Simple YAML")
struct SimpleYAMLTests {
  /// Front matter in the shapes real decision logs use; the fast path must take every one.
  static let accepted: [String] = [
    "status: accepted\n",
    "status: superseded\nowner: \"@emil\"\ndeciders: [\"@emil\"]\nconsulted: [\"@payments\"]\n"
      + "date: 2023-12-31\nrespond-by: 2024-01-21\ntags: [testing]\nsuperseded-by: [\"2687\"]\n",
    "title: Use \"quotes\" inside, and:colons\ndate: 01/03/2024\n",
    "tags:\n  - a\n  - 'b c'\n  - \"d\"\nstatus: proposed\n",
    "tags:\n- zero\n- indent\n",
    "decision-makers: [Ada Lovelace, 'Bob B', \"Cé Ünïcode\"]\nx: [a]\n",
    "empty:\nnull-ish: ~\nnull2: null\nquoted-null: \"null\"\nlist: []\n",
    "title: C# and F#\nnumber: 0042\nfloat: 1.50\nbool: yes\n",
    "\n\nstatus: accepted\n\n\ndate: 2024-03-01\n",
    "title: Ünïcödé — “typographic” ✅\n",
    "key_with_underscore: v\n",
    // Combining marks after an indicator: YAML reads scalars, not graphemes.
    "title: \u{301}abc\ntags:\n- \u{301}x\nlist: [\u{301}y, z]\n",
    "quoted: 'a\u{301}'\nplain: x:\u{301}\n",
  ]

  /// Shapes outside the fast path: it must decline them (Yams reads or rejects them).
  static let declined: [String] = [
    "owner: @ada\n",
    "title: a: b\n",
    "# a comment\nstatus: accepted\n",
    "status: accepted # trailing comment\n",
    "title: a\n  continued\n",
    "status: accepted\nstatus: rejected\n",
    "anchor: &a x\nalias: *a\n",
    "nested:\n  key: value\n",
    "flow: {a: b}\n",
    "list: [a, [b]]\n",
    "escaped: \"a\\tb\"\n",
    "single: 'it''s'\n",
    "tab:\tvalue\n",
    "- a\n- b\n",
    "just a scalar\n",
    "key : spaced\n",
    "block: |\n  text\n",
    "items:\n  - a: b\n",
    "items:\n  -\n",
    "[a, b]\n",
    "trailing: [a, ]\n",
    "status: accepted\rmore\n",
    "",
  ]

  @Test(arguments: accepted)
  func fastPathAgreesWithYams(yaml: String) throws {
    let fast = try #require(YAMLValue.parseSimpleMapping(yaml))
    let slow = try #require(try YAMLValue.parse(yaml))
    let fastEntries = try #require(fast.entries)
    let slowEntries = try #require(slow.entries)
    #expect(fastEntries.map(\.key) == slowEntries.map(\.key))
    for (a, b) in zip(fastEntries, slowEntries) {
      #expect(a.keyLine == b.keyLine, "\(a.key)")
      #expect(a.keyColumn == b.keyColumn, "\(a.key)")
      // Positions of empty values are not used and libyaml puts them at the next token.
      if a.value.string == "" {
        #expect(b.value.string == "", "\(a.key)")
      } else {
        #expect(a.value == b.value, "\(a.key)")
      }
    }
  }

  @Test(arguments: declined)
  func fastPathDeclinesTheRest(yaml: String) {
    #expect(YAMLValue.parseSimpleMapping(yaml) == nil)
  }

  @Test func anUnquotedHandleStillGetsYamlsError() {
    let document = DocumentParser(
      collection: Collection(name: "decisions", path: "decisions", kind: "decision"),
      schema: .decision
    ).parse(
      SourceFile(path: "decisions/0001-a.md", bytes: Array("---\nowner: @ada\n---\n# A\n".utf8)))
    #expect(
      document.problems.contains {
        if case .frontMatterSyntax(_, let line, _) = $0 { return line == 2 }
        return false
      })
  }
}
