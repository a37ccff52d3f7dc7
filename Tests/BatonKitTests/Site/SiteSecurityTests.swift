import Foundation
import Testing

@Suite struct SiteSecurityTests {
  @Test func hostileMarkdownFrontMatterAndFileNamesRunNoScript() throws {
    let git = try SiteFixture.make(extra: [
      "decisions/0003-<script>alert(1)<%2Fscript>.md": """
      ---
      title: "<script>alert('title')</script>"
      status: "\\"><img src=x onerror=alert(1)>"
      owner: "<svg onload=alert(2)>"
      tags: ["<b onmouseover=alert(3)>", "javascript:alert(4)"]
      ---
      ## Context

      <script>alert('body')</script>
      <img src="x" onerror="alert(5)">
      [click](javascript:alert(6)) [data](data:text/html,<script>alert(7)</script>)
      [spaced]( JaVaScRiPt:alert(8))
      <a href="javascript:alert(9)">raw</a>

      ## Proposal

      `<script>` in code is text.

      """,
      "handbook/<img src=x onerror=alert(10)>.md": """
      ---
      owner: ada
      ---
      # Page <iframe src=javascript:alert(11)>

      ## Summary

      Fine.

      """,
    ])
    let site = try SiteFixture.render(git)
    // An on* attribute where an attribute name can be: after the tag name or a complete
    // attribute (values are always double-quoted in the output, so `"` bounds them).
    let onAttribute = try NSRegularExpression(
      pattern: "<[a-z][a-z0-9]*(?:\\s+[a-z-]+(?:=\"[^\"]*\")?)*\\s+on[a-z]+\\s*=",
      options: [.caseInsensitive])
    let scriptTag = try NSRegularExpression(
      pattern: "<script(?! src=\"[./]*(?:assets/baton|search/search|handbook/tree)\\.js\" defer>)",
      options: [.caseInsensitive])
    let dangerousURL = try NSRegularExpression(
      pattern: "(?:href|src)\\s*=\\s*\"\\s*(?:javascript|vbscript|data:text)",
      options: [.caseInsensitive])
    // The detectors catch the real thing.
    let sample = "<img src=\"x\" onerror=\"y\"><script>z</script>"
    let whole = NSRange(sample.startIndex..., in: sample)
    #expect(onAttribute.firstMatch(in: sample, range: whole) != nil)
    #expect(scriptTag.firstMatch(in: sample, range: whole) != nil)
    var pages = 0
    for file in site.files where file.path.hasSuffix(".html") || file.path.hasSuffix(".xml") {
      let text = String(decoding: file.bytes, as: UTF8.self)
      let range = NSRange(text.startIndex..., in: text)
      if let match = onAttribute.firstMatch(in: text, range: range),
        let found = Range(match.range, in: text)
      {
        Issue.record("on* attribute in \(file.path): \(text[found].suffix(200))")
      }
      if let match = scriptTag.firstMatch(in: text, range: range),
        let found = Range(match.range, in: text)
      {
        Issue.record("script in \(file.path): \(text[found.lowerBound...].prefix(120))")
      }
      #expect(dangerousURL.firstMatch(in: text, range: range) == nil, "bad URL in \(file.path)")
      #expect(!text.lowercased().contains("<iframe"), "iframe in \(file.path)")
      pages += 1
    }
    #expect(pages > 20)
    // The shared tree holds the hostile page as data: one call with a JSON array.
    let tree = SiteFixture.text(site, "handbook/tree.js")
    let call = "window.batonTree && window.batonTree("
    let data = try #require(tree.split(separator: "\n", maxSplits: 1).last)
    #expect(data.hasPrefix(call) && data.hasSuffix(");\n"))
    let nodes =
      try JSONSerialization.jsonObject(
        with: Data(data.dropFirst(call.count).dropLast(3).utf8)) as? [[Any]]
    #expect(nodes?.count == 4, "\(tree)")
    // The hostile documents were rendered (escaped), not dropped.
    let log = String(decoding: site.file("decisions/index.html")?.bytes ?? [], as: UTF8.self)
    #expect(log.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"))
    // Every written path stays inside the output folder.
    for file in site.files {
      #expect(!file.path.split(separator: "/").contains(".."))
      #expect(!file.path.contains("<"), "unsafe file name \(file.path)")
    }
  }
}
