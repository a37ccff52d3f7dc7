import Dispatch
import Synchronization
import Testing

@testable import BatonMarkdown

/// cmark-gfm allocates in a per-thread arena that each parse drops: parses must not see each
/// other's memory, whatever their size or thread.
@Suite("Parsing arena")
struct ArenaTests {
  static func outline(_ text: String) -> MarkdownOutline {
    var text = text
    return text.withUTF8 { Markdown.outline(utf8: $0).outline }
  }

  static func document(_ number: Int) -> String {
    var text = "# Document \(number)\n\n## Context\n\n"
    for line in 0..<(number % 40) {
      text += "Line \(line) of \(number), ask @user\(number) by 2024-03-\(10 + line % 18).\n\n"
    }
    text += "| a | b |\n| --- | --- |\n| ~~\(number)~~ | [x](doc\(number).md#part) |\n"
    return text
  }

  @Test func aDocumentLargerThanABlockParsesWhole() {
    // One paragraph of 600 KiB (its buffer outgrows the arena's 64 KiB blocks while it is
    // read) and 5,000 small blocks after it.
    let long = String(repeating: "word ", count: 120_000)
    var text = "# Big\n\n" + long + "\n\n"
    for index in 0..<5_000 { text += "- item \(index) @someone\n" }
    let outline = ArenaTests.outline(text)
    #expect(outline.headings.map(\.text) == ["Big"])
    #expect(outline.blocks.count == 3)
    #expect(outline.textRuns.map(\.text).contains(String(long.dropLast())))
    #expect(outline.textRuns.last?.text == "item 4999 @someone")
  }

  @Test func parallelParsesMatchSequentialOnes() {
    let documents = (0..<400).map(ArenaTests.document)
    let sequential = documents.map(ArenaTests.outline)
    let parallel = Mutex<[MarkdownOutline?]>(Array(repeating: nil, count: documents.count))
    DispatchQueue.concurrentPerform(iterations: documents.count) { index in
      let outline = ArenaTests.outline(documents[index])
      parallel.withLock { $0[index] = outline }
    }
    let results = parallel.withLock { $0 }
    for index in documents.indices {
      #expect(results[index] == sequential[index], "document \(index)")
    }
    #expect(sequential[39].links.map(\.url) == ["doc39.md#part"])
  }
}
