import Testing

@testable import BatonMarkdown

/// GitHub's alerts render as titled callouts, and their marker is nowhere in the text.
@Suite struct AlertTests {
  @Test(arguments: ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION", "warning", "Tip"])
  func everyTypeRendersAsACallout(_ marker: String) {
    let type = marker.lowercased()
    let output = html("> [!\(marker)]\n> Mind the *gap*.\n")
    #expect(
      output
        == "<div class=\"markdown-alert markdown-alert-\(type)\" role=\"note\">\n"
        + "<p class=\"markdown-alert-title\">\(Alert.titles[type] ?? "")</p>\n"
        + "<p>Mind the <em>gap</em>.</p>\n</div>\n")
  }

  @Test func theMarkerIsNotText() {
    let tree = Markdown.parse("Intro.\n\n> [!WARNING]\n> Back up first.\n>\n> Then run it.\n")
    #expect(tree.children[1].kind == .alert)
    #expect(!tree.plainText.contains("[!"))
    #expect(tree.plainText.contains("Back up first."))
    let bytes = Array("> [!NOTE]\n> Read me.\n".utf8)
    let outline = bytes.withUnsafeBufferPointer { Markdown.outline(utf8: $0).outline }
    #expect(outline.blocks.first?.lines.map(\.text) == ["Read me."])
  }

  @Test func otherQuotesStayQuotes() {
    for source in [
      "> [!NOTE] inline text\n", "> [!DANGER]\n> x\n", "> [!NOTE]\n", "> Note: x\n",
      "> **[!NOTE]**\n> x\n",
    ] {
      #expect(html(source).hasPrefix("<blockquote>"), "\(source)")
    }
  }
}
