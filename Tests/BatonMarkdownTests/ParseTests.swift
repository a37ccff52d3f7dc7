import Testing

@testable import BatonMarkdown

/// The first node of `kind` in depth-first document order.
func first(_ kind: MarkdownNode.Kind, in node: MarkdownNode) -> MarkdownNode? {
  if node.kind == kind { return node }
  for child in node.children {
    if let found = first(kind, in: child) { return found }
  }
  return nil
}

/// Every node of `kind`, in depth-first document order.
func all(_ kind: MarkdownNode.Kind, in node: MarkdownNode) -> [MarkdownNode] {
  var result: [MarkdownNode] = node.kind == kind ? [node] : []
  for child in node.children { result += all(kind, in: child) }
  return result
}

@Suite("Parsing")
struct ParseTests {
  @Test func documentStructure() {
    let document = Markdown.parse("# Title\n\nSome *text*.\n")
    #expect(document.kind == .document)
    #expect(document.children.map(\.kind) == [.heading, .paragraph])
    #expect(document.children[0].headingLevel == 1)
    #expect(document.children[0].plainText == "Title")
    #expect(document.children[1].children.map(\.kind) == [.text, .emphasis, .text])
  }

  @Test func positionsAreOneBasedUTF8Columns() throws {
    let document = Markdown.parse("para\n\n## Héllo *wörld*\n")
    let heading = try #require(first(.heading, in: document))
    #expect(heading.start == SourcePosition(line: 3, column: 1))
    let emphasis = try #require(first(.emphasis, in: document))
    // "## Héllo " is 10 bytes: 'é' takes two.
    #expect(emphasis.start == SourcePosition(line: 3, column: 11))
    #expect(emphasis.end.line == 3)
  }

  @Test func firstLineShiftsEveryLine() throws {
    let document = Markdown.parse("# A\n\ntext\n\n- item\n", firstLine: 5)
    #expect(document.start.line == 5)
    #expect(try #require(first(.heading, in: document)).start.line == 5)
    #expect(try #require(first(.paragraph, in: document)).start.line == 7)
    #expect(try #require(first(.item, in: document)).start.line == 9)
    let item = try #require(first(.item, in: document))
    #expect(try #require(first(.text, in: item)).start.line == 9)
  }

  @Test func crlfLineEndings() throws {
    let document = Markdown.parse("# A\r\n\r\nline one\r\nline two\r\n\r\n## B\r\n")
    let headings = all(.heading, in: document)
    #expect(headings.map(\.start.line) == [1, 6])
    #expect(headings.map(\.plainText) == ["A", "B"])
    let paragraph = try #require(first(.paragraph, in: document))
    #expect(paragraph.start.line == 3)
    #expect(paragraph.end.line == 4)
    #expect(paragraph.plainText == "line one line two")
    #expect(!paragraph.plainText.contains("\r"))
  }

  @Test func everyNodeHasALine() {
    let source = """
      | a | ~~b~~ |
      |---|---|
      | *x* | www.example.com ~~[l](u)~~ |

      - [x] done ~~old~~ `code`
      """
    func check(_ node: MarkdownNode) {
      #expect(node.start.line >= 1, "\(node.kind)")
      #expect(node.end >= node.start, "\(node.kind)")
      for child in node.children { check(child) }
    }
    check(Markdown.parse(source))
  }

  @Test func blockKinds() throws {
    let source = """
      > quote

      1. one
      2. two

      ```swift
      let x = 1
      ```

          indented

      <div>html</div>

      ---
      """
    let document = Markdown.parse(source)
    #expect(
      document.children.map(\.kind) == [
        .blockQuote, .list, .codeBlock, .codeBlock, .htmlBlock, .thematicBreak,
      ])
    let list = document.children[1]
    #expect(list.listOrdered && list.listStart == 1 && list.listTight)
    #expect(list.children.map(\.kind) == [.item, .item])
    #expect(document.children[2].fenceInfo == "swift")
    #expect(document.children[2].literal == "let x = 1\n")
    #expect(document.children[3].fenceInfo == nil)
    #expect(document.children[3].literal == "indented\n")
    #expect(document.children[4].literal == "<div>html</div>\n")
  }

  @Test func looseListAndStart() throws {
    let document = Markdown.parse("3) a\n\n4) b\n")
    let list = try #require(first(.list, in: document))
    #expect(list.listOrdered)
    #expect(list.listStart == 3)
    #expect(!list.listTight)
  }

  @Test func inlineKinds() throws {
    let source = "a *e* **s** `c` <b>h</b> [l](http://x.example \"T\") ![i](p.png) b  \nc\nd"
    let paragraph = try #require(first(.paragraph, in: Markdown.parse(source)))
    let kinds = Set(paragraph.children.map(\.kind))
    #expect(
      kinds.isSuperset(of: [
        .text, .emphasis, .strong, .code, .htmlInline, .link, .image, .lineBreak, .softBreak,
      ]))
    let link = try #require(first(.link, in: paragraph))
    #expect(link.url == "http://x.example")
    #expect(link.title == "T")
    #expect(link.plainText == "l")
    let image = try #require(first(.image, in: paragraph))
    #expect(image.url == "p.png")
    #expect(image.title == nil)
    #expect(first(.code, in: paragraph)?.literal == "c")
  }

  @Test func tables() throws {
    let document = Markdown.parse("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n")
    let table = try #require(first(.table, in: document))
    #expect(table.tableAlignments == [.left, .center, .right, .none])
    #expect(table.children.map(\.isTableHeader) == [true, false])
    #expect(table.children[0].children.map(\.kind) == Array(repeating: .tableCell, count: 4))
    #expect(table.children[1].children.map(\.plainText) == ["1", "2", "3", "4"])
  }

  @Test func strikethroughAutolinkAndTasks() throws {
    let document = Markdown.parse(
      "~~gone~~ see www.example.com\n\n- [ ] open\n- [x] done\n- plain\n")
    #expect(try #require(first(.strikethrough, in: document)).plainText == "gone")
    #expect(try #require(first(.link, in: document)).url == "http://www.example.com")
    let items = all(.item, in: document)
    #expect(items.map(\.taskState) == [false, true, nil])
    #expect(items[0].plainText == "open")
  }

  @Test func footnotesAreNumberedByFirstReference() throws {
    let document = Markdown.parse("A[^b] B[^a] C[^b]\n\n[^a]: alpha\n[^b]: beta\n[^u]: unused\n")
    let references = all(.footnoteReference, in: document)
    #expect(references.map(\.footnoteIndex) == [1, 2, 1])
    let definitions = all(.footnoteDefinition, in: document)
    #expect(definitions.map(\.footnoteIndex) == [1, 2])
    #expect(definitions.map(\.plainText) == ["beta", "alpha"])
    #expect(definitions.map(\.start.line) == [4, 3])
  }

  @Test func plainTextRules() throws {
    let document = Markdown.parse(
      "# A `b` <i>c</i>[^1]\n\npara [link](http://u) ![alt *x*](i.png)\n\n[^1]: n\n")
    #expect(document.children[0].plainText == "A b c")
    #expect(document.children[1].plainText == "para link alt x")
  }

  @Test func nulBytesAreReplaced() {
    let document = Markdown.parse("a\u{0}b\n")
    #expect(document.plainText == "a\u{FFFD}b")
  }

  @Test func emptyInput() {
    let document = Markdown.parse("", firstLine: 3)
    #expect(document.kind == .document)
    #expect(document.children.isEmpty)
    #expect(document.start.line == 3)
  }

  @Test func deepNestingIsFlattened() {
    let depth = 20_000
    let source = String(repeating: ">", count: depth) + " deep *text*\n"
    let document = Markdown.parse(source)
    var levels = 0
    var node = document
    while let child = node.children.first {
      levels += 1
      node = child
    }
    #expect(levels <= Markdown.maximumDepth + 1)
    #expect(document.plainText.contains("deep text"))
    _ = HTMLRenderer().render(document)
  }

  @Test func deepListNestingIsFlattened() {
    var source = ""
    for level in 0..<3000 { source += String(repeating: "  ", count: level) + "- x\n" }
    let document = Markdown.parse(source)
    #expect(document.plainText.hasPrefix("x"))
  }

  @Test func parsesInParallel() async {
    let source = "# T\n\n| a |\n|---|\n| b |\n\n- [x] t ~~s~~ www.a.example[^1]\n\n[^1]: f\n"
    let expected = Markdown.parse(source)
    let results = await withTaskGroup(of: Bool.self) { group in
      for _ in 0..<200 { group.addTask { Markdown.parse(source) == expected } }
      return await group.reduce(into: [Bool]()) { $0.append($1) }
    }
    #expect(results.allSatisfy { $0 })
  }
}
