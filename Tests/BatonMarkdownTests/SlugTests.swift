import Testing

@testable import BatonMarkdown

@Suite("Slugs")
struct SlugTests {
  @Test(arguments: [
    ("Hello World", "hello-world"),
    ("Context and Problem Statement", "context-and-problem-statement"),
    ("What's new? (v2.0)", "whats-new-v20"),
    ("snake_case and kebab-case", "snake_case-and-kebab-case"),
    ("  Leading spaces", "--leading-spaces"),
    ("a - b", "a---b"),
    ("Über Café", "über-café"),
    ("日本語の見出し", "日本語の見出し"),
    ("Привет, мир", "привет-мир"),
    ("🎉 Launch 🚀", "-launch-"),
    ("C++ & C#", "c--c"),
    ("<script>alert(1)</script>", "scriptalert1script"),
    ("\"quoted\" 'single'", "quoted-single"),
    ("🎉", "section"),
    ("", "section"),
  ])
  func base(text: String, expected: String) {
    #expect(Slug.base(text) == expected)
  }

  @Test func duplicatesGetNumbered() {
    var used: Set<String> = []
    let slugs = ["Intro", "Intro", "Intro", "Intro 1", "intro-1"].map {
      Slug.make($0, used: &used)
    }
    #expect(slugs == ["intro", "intro-1", "intro-2", "intro-1-1", "intro-1-2"])
  }

  @Test func registryMatchesMake() {
    let texts = ["A", "A", "A-1", "A", "A 1", "B", "A", "a-2", "A"]
    var used: Set<String> = []
    var registry = SlugRegistry()
    for text in texts {
      #expect(registry.slug(for: text) == Slug.make(text, used: &used), "\(text)")
    }
  }

  @Test func headingsMatchTheRenderer() throws {
    let source = "# Title\n\n## Setup\n\n### Setup\n\n> ## In a *quote*\n\n## Setup\n"
    let document = Markdown.parse(source, firstLine: 10)
    let headings = document.headings
    #expect(headings.map(\.slug) == ["title", "setup", "setup-1", "in-a-quote", "setup-2"])
    #expect(headings.map(\.level) == [1, 2, 3, 2, 2])
    #expect(headings.map(\.line) == [10, 12, 14, 16, 18])
    #expect(headings[3].text == "In a quote")
    let html = HTMLRenderer(options: .init(skipFirstHeadingOfLevel: 1)).render(document)
    #expect(!html.contains("<h1"))
    for heading in headings.dropFirst() {
      #expect(html.contains("id=\"\(heading.slug)\""))
    }
  }

  @Test func manyDuplicatesStayFast() {
    let source = String(repeating: "## Same\n\n", count: 5_000)
    let headings = Markdown.parse(source).headings
    #expect(headings.count == 5_000)
    #expect(headings.last?.slug == "same-4999")
    #expect(Set(headings.map(\.slug)).count == 5_000)
  }
}
