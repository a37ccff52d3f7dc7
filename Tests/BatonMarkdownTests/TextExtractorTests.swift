import Testing

@testable import BatonMarkdown

@Suite("Text extraction")
struct TextExtractorTests {
  @Test func splitsByHeading() {
    let source = """
      Lead *text* before.

      # Title

      ## Context

      See [the docs](https://docs.example/secret-url) and ![a diagram](d.png).

      ```swift
      let answer = 42
      ```

      <div>raw html</div>

      ## Context

      - item **one**
      - item two

      | Col | Other |
      |-----|-------|
      | v1  | v2    |

      > ### Quoted heading
      > quoted text
      """
    let sections = TextExtractor.sections(of: Markdown.parse(source, firstLine: 4))
    #expect(
      sections.map(\.headingSlug) == [nil, "title", "context", "context-1", "quoted-heading"])
    #expect(sections.map(\.headingText) == [nil, "Title", "Context", "Context", "Quoted heading"])
    #expect(sections.map(\.headingLevel) == [0, 1, 2, 2, 3])
    #expect(sections.map(\.line) == [4, 6, 8, 18, 27])
    #expect(sections[0].text == "Lead text before.")
    #expect(sections[1].text == "")
    #expect(sections[2].text == "See the docs and a diagram.\nlet answer = 42")
    #expect(!sections[2].text.contains("secret-url"))
    #expect(!sections[2].text.contains("```"))
    #expect(!sections[2].text.contains("raw html"))
    #expect(sections[3].text == "item one\nitem two\nCol\nOther\nv1\nv2")
    #expect(sections[4].text == "quoted text")
  }

  @Test func slugsMatchHeadings() {
    let document = Markdown.parse("# A\n\n## A\n\ntext\n\n## B!\n\n## A\n")
    let slugs = TextExtractor.sections(of: document).compactMap(\.headingSlug)
    #expect(slugs == document.headings.map(\.slug))
  }

  @Test func emptyDocumentHasNoSections() {
    #expect(TextExtractor.sections(of: Markdown.parse("")).isEmpty)
    #expect(TextExtractor.sections(of: Markdown.parse("<!-- only a comment -->\n")).isEmpty)
  }

  @Test func footnotesJoinTheLastSection() {
    let sections = TextExtractor.sections(
      of: Markdown.parse("# A\n\nx[^1]\n\n# B\n\ny\n\n[^1]: note\n"))
    #expect(sections.map(\.text) == ["x", "y\nnote"])
  }
}
