import Testing

@testable import BatonMarkdown

/// `MarkdownNode` packs its flags and keeps rare fields apart: every field reads back as given.
@Suite struct NodeStorageTests {
  @Test func everyFieldReadsBackAsGiven() {
    let child = MarkdownNode(kind: .text, literal: "x")
    let node = MarkdownNode(
      kind: .list, children: [child], start: SourcePosition(line: 70_000, column: 3),
      end: SourcePosition(line: 70_001, column: 120_000), literal: "lit", headingLevel: 6,
      url: "https://example.org", title: "T", fenceInfo: "swift", listOrdered: true,
      listStart: 7, listTight: true, taskState: false, tableAlignments: [.left, .center],
      isTableHeader: true, footnoteIndex: 3)
    #expect(node.children == [child])
    #expect(node.start == SourcePosition(line: 70_000, column: 3))
    #expect(node.end == SourcePosition(line: 70_001, column: 120_000))
    #expect(node.literal == "lit")
    #expect(node.headingLevel == 6)
    #expect(node.url == "https://example.org")
    #expect(node.title == "T")
    #expect(node.fenceInfo == "swift")
    #expect(node.listOrdered && node.listTight && node.isTableHeader)
    #expect(node.listStart == 7)
    #expect(node.taskState == false)
    #expect(node.tableAlignments == [.left, .center])
    #expect(node.footnoteIndex == 3)
  }

  @Test func neutralFieldsStayNeutral() {
    let node = MarkdownNode(kind: .text, literal: "plain")
    #expect(node.url == nil && node.title == nil && node.fenceInfo == nil)
    #expect(!node.listOrdered && !node.listTight && !node.isTableHeader)
    #expect(node.taskState == nil)
    #expect(node.listStart == 0 && node.footnoteIndex == 0 && node.headingLevel == 0)
    #expect(node.tableAlignments.isEmpty)
    #expect(MarkdownNode(kind: .item, taskState: true).taskState == true)
  }

  @Test func parsedDetailsSurviveThePacking() throws {
    let document = Markdown.parse(
      "3. one\n4. two\n\n- [x] done\n- [ ] open\n\n| a | b |\n|:--|:-:|\n| 1 | 2 |\n\n"
        + "[link](https://example.org \"Title\")\n\n```swift\nlet x = 1\n```\n")
    let list = try #require(first(.list, in: document))
    #expect(list.listOrdered && list.listStart == 3 && list.listTight)
    #expect(all(.item, in: document).map(\.taskState) == [nil, nil, true, false])
    let table = try #require(first(.table, in: document))
    #expect(table.tableAlignments == [.left, .center])
    #expect(all(.tableRow, in: document).map(\.isTableHeader) == [true, false])
    let link = try #require(first(.link, in: document))
    #expect(link.url == "https://example.org" && link.title == "Title")
    #expect(try #require(first(.codeBlock, in: document)).fenceInfo == "swift")
  }
}
