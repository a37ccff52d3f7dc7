import BatonMustache
import Testing

/// What the engine does beyond the specification's cases: transforms, names from the top
/// context, `null` against a miss, syntax errors with their place, escaping of quotes, and a
/// partial that includes itself without end.
@Suite struct TemplateTests {
  /// A view model of named values, as a test writes one.
  struct Object: TemplateObject {
    var members: [String: TemplateValue]

    func value(for name: String) -> TemplateValue? {
      members[name]
    }
  }

  private func render(
    _ source: String, _ members: [String: TemplateValue], partials: [String: String] = [:]
  ) throws -> String {
    var library = TemplateLibrary()
    library.register(try Template(source), named: "main")
    for (name, text) in partials { library.register(try Template(text), named: name) }
    let bytes = library.render("main", .object(Object(members: members))) ?? []
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func transformsApplyInnermostFirst() throws {
    let list = TemplateValue.list([.text("a"), .text("b"), .text("c")])
    let output = try render(
      "{{count(list)}} {{first(list)}} {{last(list)}} {{first(reversed(list))}}"
        + "{{#empty(none)}} none{{/empty(none)}}{{^empty(list)}} some{{/empty(list)}}"
        + " {{uppercased(word)}} {{lowercased(word)}}",
      ["list": list, "none": .list([]), "word": .text("MiXed")])
    #expect(output == "3 a c c none some MIXED mixed")
  }

  @Test func transformOfAMissOrAnObjectIsAMiss() throws {
    let output = try render(
      "[{{count(missing)}}][{{#empty(object)}}x{{/empty(object)}}][{{^empty(flag)}}y{{/empty(flag)}}]",
      ["object": .object(Object(members: [:])), "flag": .bool(true)])
    #expect(output == "[][][y]")
  }

  @Test func unknownTransformDoesNotParse() {
    #expect(throws: TemplateSyntaxError.self) { try Template("a\n  {{sorted(list)}}") }
    do {
      _ = try Template("a\n  {{sorted(list)}}")
    } catch {
      #expect(error.line == 2)
      #expect(error.column == 3)
      #expect(error.message.hasPrefix("unknown transform 'sorted'"))
    }
  }

  @Test func syntaxErrorsSayWhereAndHowToFix() {
    let cases: [(String, String)] = [
      ("{{#a}}x", "section 'a' is not closed"),
      ("{{#a}}x{{/b}}", "section 'a' is closed by 'b'"),
      ("x{{/a}}", "'{{/a}}' closes no section"),
      ("{{a", "tag is not closed"),
      ("{{}}", "tag names nothing"),
      ("{{=<%=}}", "set-delimiter tag needs two delimiters"),
      ("{{a..b}}", "'a..b' has an empty part"),
      ("{{<parent}}{{$block}}x{{/block}}{{/parent}}", "inheritance blocks are not part"),
      ("{{>*dynamic}}", "dynamic partial names are not supported"),
    ]
    for (source, start) in cases {
      do {
        _ = try Template(source)
        Issue.record("\(source) parsed")
      } catch {
        #expect(error.message.hasPrefix(start), "\(source): \(error.message)")
      }
    }
  }

  @Test func leadingDotReadsTheTopContextOnly() throws {
    let inner = TemplateValue.object(Object(members: ["b": .text("inner")]))
    let output = try render(
      "{{#inner}}[{{.a}}][{{a}}][{{.b}}]{{/inner}}", ["a": .text("outer"), "inner": inner])
    #expect(output == "[][outer][inner]")
  }

  @Test func nullStopsTheLookupAndAMissGoesOn() throws {
    let row = TemplateValue.object(Object(members: ["owner": .null]))
    let output = try render(
      "{{#row}}[{{owner}}][{{root}}]{{^owner}}none{{/owner}}{{/row}}",
      ["row": row, "owner": .text("page owner"), "root": .text("../")])
    #expect(output == "[][../]none")
  }

  @Test func escapingCoversQuotesAndApostrophes() throws {
    let output = try render(
      "{{text}}|{{{text}}}|{{&text}}", ["text": .text("<a href=\"x\">'&'</a> é")])
    #expect(
      output == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; é|<a href=\"x\">'&'</a> é"
        + "|<a href=\"x\">'&'</a> é")
  }

  @Test func valuesWithoutTextRenderAsNothing() throws {
    let output = try render(
      "[{{flag}}][{{number}}][{{list}}][{{object}}][{{null}}]",
      [
        "flag": .bool(false), "number": .integer(-3), "list": .list([.text("x")]),
        "object": .object(Object(members: [:])), "null": .null,
      ])
    #expect(output == "[false][-3][][][]")
  }

  @Test func nestedStandalonePartialsAddTheirIndentation() throws {
    let output = try render(
      "<ul>\n  {{>outer}}\n</ul>\n", ["items": .list([.text("a"), .text("b")])],
      partials: [
        "outer": "{{#items}}\n<li>\n  {{>inner}}\n</li>\n{{/items}}\n",
        "inner": "<b>{{.}}</b>\n<i>{{.}}</i>\n",
      ])
    #expect(
      output
        == "<ul>\n  <li>\n    <b>a</b>\n    <i>a</i>\n  </li>\n  <li>\n    <b>b</b>\n"
        + "    <i>b</i>\n  </li>\n</ul>\n")
  }

  @Test func aPartialIncludingItselfStops() throws {
    let output = try render("{{>loop}}", [:], partials: ["loop": "x{{>loop}}"])
    #expect(output.count == 256)
  }

  @Test func missingTemplateRendersNothing() {
    #expect(TemplateLibrary().render("absent", .null) == nil)
  }
}
