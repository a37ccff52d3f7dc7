/// A shape of Markdown that the cmark-gfm Baton links against parses in more than linear time,
/// found by one pass over the bytes before parsing.
///
/// cmark-gfm 0.29.0.gfm.6 (Debian's) predates the fixes for several quadratic inputs: many
/// `![` or `[` openers with emphasis and links in one paragraph (`![[]()` repeated), brackets
/// inside thousands of nested block quotes, table rows of thousands of cells, and words of
/// `a@a@a@…` that the autolink extension rescans. None of these limits is near what a person
/// writes; past one, a document is refused instead of parsed. The limits are set so that, on
/// each known shape (see `Tests/Fixtures/hostile-markdown`), parsing stays well under one
/// second per 100 KB.
///
/// The scan errs towards counting more: a paragraph ends only at a blank line, a heading or a
/// bullet item (`-`, `*`, `+`, `1.`) indented by three spaces or fewer, where cmark-gfm always
/// starts a new block; any other line is counted with the paragraph before it. Fenced code is
/// not counted only when the fence surely opens a code block: at the first column, outside any
/// block quote or list, and where no HTML block may be open.
public struct MarkdownHazard: Sendable, Hashable {
  /// The line where the limit is passed, in the numbering `find(in:firstLine:)` was given.
  public var line: Int
  /// What is over the limit, and how to bring it under (lower case, no final period).
  public var message: String

  /// The most link, image, emphasis, code and HTML marks in one paragraph.
  public static let maximumMarksPerParagraph = 5_000
  /// The most block quotes and list items one line may sit in.
  public static let maximumNesting = 100
  /// The most `|` on one line (a table row's cells).
  public static let maximumPipesPerLine = 128
  /// The most `@` in one word (a run of text without spaces).
  public static let maximumAtSignsPerWord = 64

  public init(line: Int, message: String) {
    self.line = line
    self.message = message
  }

  /// The first hazard in `utf8`, or nil when the text is safe to parse.
  ///
  /// - Parameters:
  ///   - utf8: Markdown text, without front matter.
  ///   - firstLine: the number of its first line in the file.
  public static func find(in utf8: UnsafeBufferPointer<UInt8>, firstLine: Int = 1)
    -> MarkdownHazard?
  {
    var scanner = HazardScanner(bytes: utf8, line: firstLine)
    return scanner.run()
  }
}

/// The one pass behind `MarkdownHazard.find(in:firstLine:)`.
private struct HazardScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  var line: Int
  /// Marks counted in the current paragraph, and the line it started on.
  var marks = 0
  var paragraphLine = 0
  /// The fenced code block the scan is in: its character and the length of its fence.
  var fence: (byte: UInt8, length: Int)?
  /// Whether an HTML block may be open, and the text that ends it (nil: a blank line).
  var html: (isOpen: Bool, end: [UInt8]?) = (false, nil)

  mutating func run() -> MarkdownHazard? {
    var start = 0
    while start < bytes.count {
      var end = start
      while end < bytes.count, bytes[end] != Byte.newline { end += 1 }
      if let hazard = scanLine(start..<end) { return hazard }
      start = end + 1
      line += 1
    }
    return nil
  }

  private mutating func scanLine(_ range: Range<Int>) -> MarkdownHazard? {
    if let open = fence {
      if closes(open, range) { fence = nil }
      return nil
    }
    let prefix = prefix(of: range)
    if prefix.depth > MarkdownHazard.maximumNesting {
      return MarkdownHazard(
        line: line,
        message: "block quotes and lists nest \(prefix.depth) deep here, more than"
          + " \(MarkdownHazard.maximumNesting): flatten them")
    }
    let content = prefix.start..<range.upperBound
    let isBlank = content.allSatisfy { Byte.isSpace(bytes[$0]) }
    trackHTML(content, isBlank: isBlank)
    if isBlank {
      marks = 0
      return nil
    }
    if !html.isOpen, prefix.start == range.lowerBound, let opened = opening(content) {
      fence = opened
      marks = 0
      return nil
    }
    let isHeading = !prefix.isIndented && Self.isHeading(bytes, content)
    if prefix.startsBlock || isHeading || marks == 0 {
      marks = 0
      paragraphLine = line
    }
    if let hazard = count(content) { return hazard }
    if isHeading { marks = 0 }
    return nil
  }

  /// Follows whether an HTML block may be open, as cmark-gfm would start and end it: a line
  /// starting with `<` may open one; `<!--`, `<?`, `<!X`, `<![CDATA[` and `<script`, `<pre`,
  /// `<style`, `<textarea` end at their closing text, any other at a blank line.
  private mutating func trackHTML(_ content: Range<Int>, isBlank: Bool) {
    if !html.isOpen, content.first.map({ bytes[$0] == UInt8(ascii: "<") }) == true {
      html = (true, Self.htmlEnd(Array(bytes[content].prefix(10))))
    }
    guard html.isOpen else { return }
    if let end = html.end {
      if Self.contains(bytes[content], end) { html = (false, nil) }
    } else if isBlank {
      html = (false, nil)
    }
  }

  /// The text that ends an HTML block starting with `start`, lower-cased; nil for a blank line.
  private static func htmlEnd(_ start: [UInt8]) -> [UInt8]? {
    let lower = start.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
    let text = String(decoding: lower, as: UTF8.self)
    let ends = [
      ("<!--", "-->"), ("<?", "?>"), ("<![cdata[", "]]>"), ("<script", "</script>"),
      ("<pre", "</pre>"), ("<style", "</style>"), ("<textarea", "</textarea>"),
    ]
    if let (_, end) = ends.first(where: { text.hasPrefix($0.0) }) { return Array(end.utf8) }
    if lower.count > 2, lower[1] == UInt8(ascii: "!"), (0x61...0x7A).contains(lower[2]) {
      return [UInt8(ascii: ">")]
    }
    return nil
  }

  /// Whether `text` holds `needle`, ignoring ASCII case.
  private static func contains(_ text: Slice<UnsafeBufferPointer<UInt8>>, _ needle: [UInt8])
    -> Bool
  {
    guard text.count >= needle.count else { return false }
    var start = text.startIndex
    while start + needle.count <= text.endIndex {
      var index = 0
      while index < needle.count,
        text[start + index] == needle[index]
          || ((0x41...0x5A).contains(text[start + index])
            && text[start + index] | 0x20 == needle[index])
      {
        index += 1
      }
      if index == needle.count { return true }
      start += 1
    }
    return false
  }

  /// The fence a line at the first column opens (three or more backticks without another in
  /// the rest of the line, or tildes); nil when it opens none.
  private func opening(_ content: Range<Int>) -> (byte: UInt8, length: Int)? {
    guard let first = content.first.map({ bytes[$0] }),
      first == UInt8(ascii: "`") || first == UInt8(ascii: "~")
    else { return nil }
    let length = content.prefix { bytes[$0] == first }.count
    guard length >= 3 else { return nil }
    if first == UInt8(ascii: "`"),
      content.dropFirst(length).contains(where: { bytes[$0] == first })
    {
      return nil
    }
    return (first, length)
  }

  /// Whether a line may close the fence: its character, as many times or more, then spaces.
  /// Any indentation is taken, so the scan leaves the code no later than cmark-gfm does.
  private func closes(_ fence: (byte: UInt8, length: Int), _ range: Range<Int>) -> Bool {
    let text = range.drop { Byte.isSpace(bytes[$0]) }
    let run = text.prefix { bytes[$0] == fence.byte }.count
    return run >= fence.length && text.dropFirst(run).allSatisfy { Byte.isSpace(bytes[$0]) }
  }

  /// Counts one line's marks, its pipes and the at signs of its words.
  private mutating func count(_ content: Range<Int>) -> MarkdownHazard? {
    var pipes = 0
    var atSigns = 0
    for index in content {
      let byte = bytes[index]
      if Byte.isSpace(byte) {
        atSigns = 0
      } else if byte == Byte.pipe {
        pipes += 1
      } else if byte == Byte.at {
        atSigns += 1
        if atSigns > MarkdownHazard.maximumAtSignsPerWord {
          return MarkdownHazard(
            line: line,
            message: "a word here holds more than \(MarkdownHazard.maximumAtSignsPerWord)"
              + " '@': put spaces between the addresses or handles")
        }
      } else if Byte.isMark(byte) {
        marks += 1
      }
    }
    if pipes > MarkdownHazard.maximumPipesPerLine {
      return MarkdownHazard(
        line: line,
        message: "this line holds \(pipes) '|', more than \(MarkdownHazard.maximumPipesPerLine)"
          + " table cells: split the table or escape the pipes in code")
    }
    if marks > MarkdownHazard.maximumMarksPerParagraph {
      return MarkdownHazard(
        line: paragraphLine,
        message: "this paragraph holds more than \(MarkdownHazard.maximumMarksPerParagraph)"
          + " link, emphasis and code marks ('[', ']', '*', '_', '`' …): split it with blank"
          + " lines")
    }
    return nil
  }

  /// The block quotes and list items that open a line, where its text starts, whether it
  /// starts a new block (a bullet item or `1.`), and whether anything before its text was
  /// indented by four columns or more (so that nothing after it can start a block).
  private func prefix(of range: Range<Int>)
    -> (depth: Int, start: Int, startsBlock: Bool, isIndented: Bool)
  {
    var index = range.lowerBound
    var depth = 0
    var startsBlock = false
    var isIndented = false
    while index < range.upperBound {
      var columns = 0
      while index < range.upperBound, Byte.isSpace(bytes[index]) {
        columns += bytes[index] == Byte.tab ? 4 : 1
        index += 1
      }
      if columns >= 4 { isIndented = true }
      guard index < range.upperBound else { break }
      if bytes[index] == Byte.quote {
        depth += 1
        index += 1
        continue
      }
      guard let marker = listMarker(at: index, before: range.upperBound) else { break }
      depth += 1
      if !isIndented, marker.canInterrupt, hasText(from: marker.end, before: range.upperBound) {
        startsBlock = true
      }
      index = marker.end
    }
    return (depth, index, startsBlock, isIndented)
  }

  /// The index after a bullet (`-`, `*`, `+`) or an ordered marker (`1.`, `2)`) that a space
  /// or the line's end follows, and whether the marker can end a paragraph (a bullet or the
  /// number 1); nil when `index` starts none.
  private func listMarker(at index: Int, before end: Int) -> (end: Int, canInterrupt: Bool)? {
    var after = index
    let byte = bytes[index]
    var canInterrupt = true
    if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+") {
      after += 1
    } else {
      while after < end, after - index < 9, (0x30...0x39).contains(bytes[after]) { after += 1 }
      guard after > index, after < end,
        bytes[after] == UInt8(ascii: ".") || bytes[after] == UInt8(ascii: ")")
      else { return nil }
      canInterrupt = after - index == 1 && byte == UInt8(ascii: "1")
      after += 1
    }
    guard after == end || Byte.isSpace(bytes[after]) else { return nil }
    return (after, canInterrupt)
  }

  private func hasText(from index: Int, before end: Int) -> Bool {
    (index..<end).contains { !Byte.isSpace(bytes[$0]) }
  }

  /// Whether the line is an ATX heading (`#` to `######`, then a space or the end).
  private static func isHeading(_ bytes: UnsafeBufferPointer<UInt8>, _ content: Range<Int>)
    -> Bool
  {
    var index = content.lowerBound
    while index < content.upperBound, bytes[index] == Byte.hash { index += 1 }
    let level = index - content.lowerBound
    return (1...6).contains(level)
      && (index == content.upperBound || Byte.isSpace(bytes[index]))
  }
}

private enum Byte {
  static let newline = UInt8(ascii: "\n")
  static let pipe = UInt8(ascii: "|")
  static let at = UInt8(ascii: "@")
  static let quote = UInt8(ascii: ">")
  static let hash = UInt8(ascii: "#")
  static let tab = UInt8(ascii: "\t")

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0D
  }

  /// Bytes that open or close inline structure: links, images, emphasis, strikethrough, code,
  /// raw HTML, entities and escapes.
  static func isMark(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "!"), UInt8(ascii: "("),
      UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"),
      UInt8(ascii: "`"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"),
      UInt8(ascii: "\\"):
      return true
    default:
      return false
    }
  }
}
