import Testing

@testable import BatonMarkdown

/// Whether `output` contains anything a browser could run: a script-capable element, an event
/// handler attribute, or a script URL in an attribute.
///
/// A small tag scanner, independent of the renderer: comments are skipped, text is ignored, and
/// attribute values are entity-decoded before they are judged.
func looksExecutable(_ output: String) -> Bool {
  let dangerousTags: Set<String> = [
    "script", "iframe", "object", "embed", "svg", "math", "style", "frame", "base", "form",
    "meta", "link", "template",
  ]
  let bytes = Array(output.utf8)
  var index = 0
  while index < bytes.count {
    guard bytes[index] == UInt8(ascii: "<") else {
      index += 1
      continue
    }
    if bytes[index...].starts(with: "<!--".utf8) {
      guard let close = find("-->", in: bytes, from: index + 4) else { return true }
      index = close + 3
      continue
    }
    index += 1
    if index < bytes.count && bytes[index] == UInt8(ascii: "/") { index += 1 }
    let name = readWhile(bytes, &index) { isNameByte($0) }.lowercased()
    if name.isEmpty { continue }
    if dangerousTags.contains(name) { return true }
    // Attributes until '>'.
    while index < bytes.count && bytes[index] != UInt8(ascii: ">") {
      if isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") {
        index += 1
        continue
      }
      let attribute = readWhile(bytes, &index) {
        !isSpace($0) && $0 != UInt8(ascii: "=") && $0 != UInt8(ascii: ">")
      }.lowercased()
      var value = ""
      if index < bytes.count && bytes[index] == UInt8(ascii: "=") {
        index += 1
        if index < bytes.count,
          bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\"")
        {
          let quote = bytes[index]
          index += 1
          value = readWhile(bytes, &index) { $0 != quote }
          index += 1
        } else {
          value = readWhile(bytes, &index) { !isSpace($0) && $0 != UInt8(ascii: ">") }
        }
      }
      if attribute.hasPrefix("on") || attribute == "srcdoc" {
        return true
      }
      if ["href", "src", "action", "formaction", "xlink:href"].contains(attribute) {
        let url = decodeEntities(value).unicodeScalars
          .filter { $0.value > 0x20 }
          .map(String.init).joined().lowercased()
        if url.hasPrefix("javascript:") || url.hasPrefix("vbscript:") || url.hasPrefix("data:text")
          || url.hasPrefix("data:image/svg")
        {
          return true
        }
      }
    }
  }
  return false
}

private func find(_ needle: String, in bytes: [UInt8], from start: Int) -> Int? {
  let pattern = Array(needle.utf8)
  guard bytes.count >= pattern.count else { return nil }
  var index = start
  while index + pattern.count <= bytes.count {
    if bytes[index..<index + pattern.count].elementsEqual(pattern) { return index }
    index += 1
  }
  return nil
}

private func readWhile(_ bytes: [UInt8], _ index: inout Int, _ accept: (UInt8) -> Bool) -> String {
  let start = index
  while index < bytes.count && accept(bytes[index]) { index += 1 }
  return String(decoding: bytes[start..<index], as: UTF8.self)
}

private func isNameByte(_ byte: UInt8) -> Bool {
  switch byte {
  case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: ":"):
    true
  default: false
  }
}

private func isSpace(_ byte: UInt8) -> Bool {
  byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
}

/// Decodes numeric entities and the few named ones the renderer emits.
private func decodeEntities(_ text: String) -> String {
  var result = ""
  var rest = Substring(text)
  while let ampersand = rest.firstIndex(of: "&") {
    result += rest[..<ampersand]
    rest = rest[ampersand...]
    guard let semicolon = rest.firstIndex(of: ";") else { break }
    let entity = rest[rest.index(after: ampersand)..<semicolon]
    let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":"]
    if let replacement = named[String(entity)] {
      result += replacement
    } else if entity.hasPrefix("#x") || entity.hasPrefix("#X"),
      let code = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code)
    {
      result.unicodeScalars.append(scalar)
    } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()),
      let scalar = Unicode.Scalar(code)
    {
      result.unicodeScalars.append(scalar)
    } else {
      result += rest[...semicolon]
    }
    rest = rest[rest.index(after: semicolon)...]
  }
  return result + rest
}

@Suite("HTML safety")
struct HTMLSafetyTests {
  static let hostileDocuments = [
    "<script>alert(1)</script>",
    "text <script>alert(1)</script> inline",
    "<img src=x onerror=alert(1)>",
    "a <img src=x onerror=alert(1)> b",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<svg onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java&#x73;cript:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](<java\tscript:alert(1)>)",
    "[x](&#9;javascript:alert(1))",
    "[x](&#x20;javascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[x]: javascript:alert(1)\n\n[x]",
    "[x](http://a.example/\"onmouseover=\"alert(1))",
    "[x](http://a.example/ \"t\\\" onmouseover=\\\"alert(1)\")",
    "![x\" onerror=\"alert(1)](a.png)",
    "# <script>alert(1)</script>\n\n## \" onmouseover=\"alert(1)\n\n## <img src=x onerror=alert(1)>",
    "```\"><script>alert(1)</script>\ncode\n```",
    "```mermaid\n</pre><script>alert(1)</script>\n```",
    "| <script>alert(1)</script> |\n|---|\n| [x](javascript:alert(1)) |",
    "- [ ] <img src=x onerror=alert(1)>",
    "x[^1]\n\n[^1]: <script>alert(1)</script> [y](javascript:alert(1))",
    "<!-- --><script>alert(1)</script>",
    "<div>\n<script>alert(1)</script>\n</div>",
    "`<script>`alert(1)`</script>`",
  ]

  @Test(arguments: hostileDocuments)
  func nothingExecutableByDefault(source: String) {
    let output = html(source)
    #expect(!looksExecutable(output), "\(output)")
  }

  @Test(arguments: hostileDocuments)
  func headingAnchorsStaySafe(source: String) {
    let output = html(source, .init(skipFirstHeadingOfLevel: 1))
    #expect(!looksExecutable(output), "\(output)")
  }

  @Test(arguments: [
    "<script>alert(1)</script>", "<p onclick=\"x()\">", "<a href=\"JAVA&#x53;CRIPT:x\">",
    "<a href='java\tscript:x'>", "<img src=x onerror=alert(1)>", "<!-- a -->--><svg>",
    "<!-- unterminated", "<iframe srcdoc=x>",
  ])
  func oracleRecognisesScript(html: String) {
    #expect(looksExecutable(html))
  }

  @Test(arguments: [
    "<p>javascript:alert(1)</p>", "<a title=\"x&quot; onclick=&quot;y\" href=\"#\">",
    "<!-- <script> -->", "<p>&lt;script&gt;</p>", "<img src=\"a.png\" alt=\"x onerror\">",
  ])
  func oracleAcceptsInertHTML(html: String) {
    #expect(!looksExecutable(html))
  }

  @Test func rawHTMLIsReplacedByAComment() {
    #expect(html("<div>x</div>") == "<!-- raw HTML omitted -->\n")
    #expect(html("a <b>x</b>") == "<p>a <!-- raw HTML omitted -->x<!-- raw HTML omitted --></p>\n")
  }

  @Test(arguments: [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "\u{1}javascript:x",
    "java\tscript:x", "java\nscript:x", "vbscript:x", "data:text/html,x", "DATA:text/html,x",
    "data:image/svg+xml,x",
  ])
  func dangerousURLs(url: String) {
    #expect(URLSafety.isDangerous(url))
  }

  @Test(arguments: [
    "https://x.example", "mailto:a@b.example", "/javascript:x", "./javascript:x", "#javascript",
    "data:image/png;base64,iVBOR", "data:image/jpeg;base64,x", "DATA:IMAGE/GIF;base64,x",
    "data:image/webp;base64,x", "relative/path.md", "?q=javascript:",
  ])
  func safeURLs(url: String) {
    #expect(!URLSafety.isDangerous(url))
  }

  @Test func safeDataImagesAreKept() {
    #expect(
      html("![p](data:image/png;base64,iVBORw0KGgo=)")
        == "<p><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"p\"></p>\n")
  }

  @Test func dangerousURLsBecomeHash() {
    #expect(html("[x](java&#x73;cript:alert(1))") == "<p><a href=\"#\">x</a></p>\n")
    #expect(html("![x](javascript:alert(1))") == "<p><img src=\"#\" alt=\"x\"></p>\n")
  }

  @Test func quotesCannotLeaveAttributes() {
    let output = html("[x](<http://a.example/\"onmouseover=\"x> \"t\\\" a='b'\")")
    #expect(
      output
        == "<p><a href=\"http://a.example/%22onmouseover=%22x\" title=\"t&quot; a=&#39;b&#39;\">"
        + "x</a></p>\n")
  }

  @Test func unsafeModePassesRawHTMLThrough() {
    let options = HTMLRenderer.Options(allowUnsafeHTML: true)
    #expect(html("<div class=\"note\">x</div>", options) == "<div class=\"note\">x</div>\n")
    #expect(html("a <kbd>K</kbd>", options) == "<p>a <kbd>K</kbd></p>\n")
    #expect(
      html("[x](javascript:void(0))", options) == "<p><a href=\"javascript:void(0)\">x</a></p>\n")
  }

  @Test func unsafeModeStillFiltersGFMTags() {
    let options = HTMLRenderer.Options(allowUnsafeHTML: true)
    #expect(
      html("<script>alert(1)</script>", options) == "&lt;script>alert(1)&lt;/script>\n")
    #expect(html("x <IFRAME src=y>", options) == "<p>x &lt;IFRAME src=y></p>\n")
    #expect(html("<scripts>", options) == "<scripts>\n")
    let unfiltered = HTMLRenderer.Options(allowUnsafeHTML: true, filterDangerousTags: false)
    #expect(html("<script>alert(1)</script>", unfiltered) == "<script>alert(1)</script>\n")
  }

  @Test func hugeAndOddInputsRender() {
    // cmark-gfm 0.29.0.gfm.6 is quadratic on links mixed with emphasis in one paragraph, so this
    // stays small; the caller caps document size.
    let big = String(repeating: "[a](b) *c* `d` <e> ", count: 2_000)
    #expect(html(big).count > big.count)
    let brackets = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
    #expect(!html(brackets).isEmpty)
    let stars = String(repeating: "*a ", count: 30_000)
    #expect(!html(stars).isEmpty)
    #expect(html("\u{0}<script>\u{0}") == "<p>\u{FFFD}<!-- raw HTML omitted -->\u{FFFD}</p>\n")
  }
}
