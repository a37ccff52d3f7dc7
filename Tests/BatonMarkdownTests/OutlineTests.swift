import Testing

@testable import BatonMarkdown

/// The outline, read straight off cmark-gfm, must say what the tree says for the same text.
@Suite("Outline")
struct OutlineTests {
  /// Markdown that exercises every path of the scanner: nesting, inline containers, breaks,
  /// code, raw HTML, links and images, tables, footnotes, task lists, duplicate headings.
  static let samples: [String] = [
    "# Title\n\nSome *text* with `code` and a [link](other.md#part \"t\").\n",
    """
    # 42. Decision

    Date: 2024-03-01
    Owner: @ada

    - Status: Accepted ✅
    - Deciders: @ada,
      @bob
      - nested item with **bold**

    ## Context

    Paragraph one
    continues here  
    after a hard break, @carol.

    > Quoted @dave on 01/03/2024.
    >
    > - in a list in a quote

    ```swift
    let x = "@not-a-mention"
    ```

    <!-- baton-ignore: missing-owner, stale-page -->

    ## Context

    | a | b |
    |---|---|
    | @eve | ~~gone~~ |

    - [ ] task @frank
    - [x] done

    Footnote[^1] and ![alt *img*](img.png) and <span>inline</span> html.

    [^1]: The note with @gina.

    ### Deeper heading `code`

    ***

    www.example.com autolink and https://example.com/x.
    """,
    "Intro before any heading.\n\n## Only H2\n\ntext\n",
    "",
    "## A\n## A\n## A-1\n",
    "\n\n   \n",
  ]

  @Test(arguments: samples)
  func outlineAgreesWithTheTree(source: String) {
    var text = source
    let (outline, tree) = text.withUTF8 { bytes in
      Markdown.outline(utf8: bytes, firstLine: 5, buildingTree: true)
    }
    guard let tree else {
      Issue.record("no tree")
      return
    }
    #expect(tree == Markdown.parse(source, firstLine: 5))
    #expect(outline.headings == tree.headings)
    #expect(outline.blocks.count == tree.children.count)
    for (block, node) in zip(outline.blocks, tree.children) {
      #expect(block.start == node.start)
      #expect(block.end == node.end)
      #expect(block.headingLevel == node.headingLevel)
      #expect(block.text == (node.kind == .heading ? node.plainText : ""))
      #expect(block.lines == Self.lines(node))
      #expect(
        block.items
          == (node.kind == .list
            ? node.children.map {
              MarkdownOutline.TextLine(text: $0.plainText, line: $0.start.line)
            }
            : []))
    }
    #expect(outline.links == Self.links(tree))
    #expect(outline.html == Self.html(tree))
    #expect(outline.textRuns == Self.runs(tree))
  }

  @Test func factsOfASample() throws {
    var text = Self.samples[1]
    let outline = text.withUTF8 { Markdown.outline(utf8: $0).outline }
    #expect(
      outline.headings.map(\.slug) == [
        "42-decision", "context", "context-1", "deeper-heading-code",
      ])
    let preamble = try #require(outline.blocks.first { $0.kind == .list })
    #expect(
      preamble.items.map(\.text) == [
        "Status: Accepted ✅", "Deciders: @ada, @bob\nnested item with bold",
      ])
    #expect(
      outline.links.map(\.url) == ["img.png", "http://www.example.com", "https://example.com/x"])
    #expect(outline.html.contains { $0.contains("baton-ignore: missing-owner") })
    let runs = outline.textRuns.map(\.text)
    #expect(runs.contains("after a hard break, @carol."))
    #expect(!runs.contains { $0.contains("@not-a-mention") })
  }

  @Test func deepNestingReadsAsFlattenedText() {
    var text = String(repeating: ">", count: 5_000) + " deep *text* @ada\n"
    let (outline, tree) = text.withUTF8 { Markdown.outline(utf8: $0, buildingTree: true) }
    #expect(outline.textRuns == tree.map(Self.runs) ?? [])
    #expect(outline.textRuns.contains { $0.text.contains("deep text @ada") })
  }

  // MARK: - The same facts from the tree

  private static func lines(_ node: MarkdownNode) -> [MarkdownOutline.TextLine] {
    if node.kind == .paragraph {
      var texts = [""]
      func visit(_ node: MarkdownNode) {
        switch node.kind {
        case .softBreak, .lineBreak: texts.append("")
        case .text, .code: texts[texts.count - 1] += node.literal ?? ""
        default: node.children.forEach(visit)
        }
      }
      visit(node)
      return texts.enumerated().map { .init(text: $1, line: node.start.line + $0) }
    }
    return node.children.filter(\.kind.isBlock).flatMap(lines)
  }

  private static func links(_ node: MarkdownNode) -> [MarkdownOutline.Link] {
    var result: [MarkdownOutline.Link] = []
    if node.kind == .link || node.kind == .image, let url = node.url, !url.isEmpty {
      result.append(.init(url: url, start: node.start, isImage: node.kind == .image))
    }
    return result + node.children.flatMap(links)
  }

  private static func html(_ node: MarkdownNode) -> [String] {
    let own = node.kind == .htmlBlock || node.kind == .htmlInline ? [node.literal ?? ""] : []
    return own + node.children.flatMap(html)
  }

  private static func runs(_ root: MarkdownNode) -> [MarkdownOutline.TextRun] {
    var result: [MarkdownOutline.TextRun] = []
    var run = ""
    var start = SourcePosition(line: 0, column: 0)
    func flush() {
      if !run.isEmpty { result.append(.init(text: run, start: start)) }
      run = ""
    }
    func visit(_ node: MarkdownNode) {
      switch node.kind {
      case .text:
        if run.isEmpty { start = node.start }
        run += node.literal ?? ""
      case .codeBlock, .code, .htmlBlock, .htmlInline, .softBreak, .lineBreak:
        flush()
      default:
        if node.kind.isBlock { flush() }
        node.children.forEach(visit)
        if node.kind.isBlock { flush() }
      }
    }
    visit(root)
    flush()
    return result
  }
}
