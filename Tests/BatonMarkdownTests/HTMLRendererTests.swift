import Testing

@testable import BatonMarkdown

/// Renders `source` with default (safe) options unless others are given.
func html(_ source: String, _ options: HTMLRenderer.Options = .init()) -> String {
  HTMLRenderer(options: options).render(Markdown.parse(source))
}

@Suite("HTML rendering")
struct HTMLRendererTests {
  @Test func paragraphsAndInlines() {
    #expect(
      html("a *b* **c** ~~d~~ `e<f>`  \ng\nh")
        == "<p>a <em>b</em> <strong>c</strong> <del>d</del> <code>e&lt;f&gt;</code><br>\ng\nh</p>\n"
    )
  }

  @Test func headingsGetAnchors() {
    #expect(
      html("## Hello *World*")
        == "<h2 id=\"hello-world\">Hello <em>World</em>"
        + "<a class=\"anchor\" href=\"#hello-world\" aria-hidden=\"true\">#</a></h2>\n")
    #expect(html("### Plain", .init(headingAnchors: false)) == "<h3>Plain</h3>\n")
  }

  @Test func skipFirstHeadingOfLevel() {
    let options = HTMLRenderer.Options(skipFirstHeadingOfLevel: 1)
    let output = html("text\n\n# Title\n\n# Second\n", options)
    #expect(!output.contains(">Title<"))
    #expect(output.contains("<h1 id=\"second\">Second"))
    #expect(output.hasPrefix("<p>text</p>"))
  }

  @Test func escapesText() {
    #expect(html("5 > 3 & 2 < 4 \"q\"") == "<p>5 &gt; 3 &amp; 2 &lt; 4 &quot;q&quot;</p>\n")
  }

  @Test func codeBlocks() {
    #expect(
      html("```swift title=x\nlet a = \"<b>\"\n```")
        == "<pre><code class=\"language-swift\">let a = &quot;&lt;b&gt;&quot;\n</code></pre>\n")
    #expect(html("    plain\n") == "<pre><code>plain\n</code></pre>\n")
    #expect(
      html("```\"><script>\nx\n```")
        == "<pre><code class=\"language-&quot;&gt;&lt;script&gt;\">x\n</code></pre>\n")
  }

  @Test func mermaid() {
    #expect(
      html("```mermaid\ngraph TD; A-->B\n```")
        == "<pre class=\"mermaid\">graph TD; A--&gt;B\n</pre>\n")
  }

  @Test func lists() {
    #expect(html("- a\n- b\n") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n")
    #expect(
      html("3. a\n\n4. b\n")
        == "<ol start=\"3\">\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ol>\n")
    #expect(html("- a\n  - b\n") == "<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n")
  }

  @Test func taskLists() {
    #expect(
      html("- [ ] open\n- [x] done\n")
        == "<ul class=\"contains-task-list\">\n"
        + "<li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\""
        + " disabled aria-label=\"to do\"> open</li>\n"
        + "<li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\""
        + " disabled checked aria-label=\"done\"> done</li>\n</ul>\n")
    let loose = html("- [x] done\n\n- [ ] open\n")
    #expect(loose.contains("<li class=\"task-list-item\">\n<p><input type=\"checkbox\""))
  }

  @Test func blockQuoteAndRule() {
    #expect(html("> q\n\n---\n") == "<blockquote>\n<p>q</p>\n</blockquote>\n<hr>\n")
  }

  @Test func tables() {
    #expect(
      html("| a | b | c |\n|:--|:-:|---|\n| 1 | *2* | 3 |\n")
        == """
        <table>
        <thead>
        <tr>
        <th style="text-align: left">a</th>
        <th style="text-align: center">b</th>
        <th>c</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td style="text-align: left">1</td>
        <td style="text-align: center"><em>2</em></td>
        <td>3</td>
        </tr>
        </tbody>
        </table>

        """)
  }

  @Test func tablesWithAlignmentClasses() {
    let output = html(
      "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n", .init(alignmentClasses: true))
    #expect(output.contains("<th class=\"align-left\">a</th>\n<th class=\"align-center\">b</th>"))
    #expect(output.contains("<td class=\"align-right\">3</td>"))
    #expect(!output.contains("style="))
  }

  /// The headings noted as they are written are the tree's, slugs and all, and the HTML is
  /// `render`'s: with a title left out, repeated texts, headings in quotes, lists and footnotes.
  @Test func headingsNotedAsWritten() {
    let source = """
      # Title

      ## Usage

      > ## Usage
      > ### Deep *one*

      - item

        ## In a list

      ## Usage[^1]

      [^1]: A note.

          ## In the note

      ## Title
      """
    let document = Markdown.parse(source)
    for options in [
      HTMLRenderer.Options(), HTMLRenderer.Options(skipFirstHeadingOfLevel: 1),
      HTMLRenderer.Options(headingAnchors: false, skipFirstHeadingOfLevel: 2),
    ] {
      let renderer = HTMLRenderer(options: options)
      let (output, headings) = renderer.renderWithHeadings(document)
      #expect(output == renderer.render(document))
      #expect(headings == document.headings)
    }
    #expect(document.headings.count >= 7)
  }

  @Test func linksImagesAndAutolinks() {
    #expect(
      html("[a](https://x.example/?q=1&r=2 \"Ti&tle\")")
        == "<p><a href=\"https://x.example/?q=1&amp;r=2\" title=\"Ti&amp;tle\">a</a></p>\n")
    #expect(
      html("![an *image*](img.png \"t\")")
        == "<p><img src=\"img.png\" alt=\"an image\" title=\"t\"></p>\n")
    #expect(
      html("see www.example.com and me@example.com")
        == "<p>see <a href=\"http://www.example.com\">www.example.com</a> and "
        + "<a href=\"mailto:me@example.com\">me@example.com</a></p>\n")
    #expect(html("[sp](<a b>)") == "<p><a href=\"a%20b\">sp</a></p>\n")
  }

  @Test func rewriteURL() {
    let options = HTMLRenderer.Options(rewriteURL: { url in
      url.hasPrefix("0002-x.md") ? "../0002-x/" + url.dropFirst("0002-x.md".count) : url
    })
    #expect(
      html("[ctx](0002-x.md#ctx) [o](other.md)", options)
        == "<p><a href=\"../0002-x/#ctx\">ctx</a> <a href=\"other.md\">o</a></p>\n")
  }

  @Test func rewrittenURLsAreStillChecked() {
    let options = HTMLRenderer.Options(rewriteURL: { _ in "javascript:alert(1)" })
    #expect(html("[a](b)", options) == "<p><a href=\"#\">a</a></p>\n")
  }

  @Test func footnotes() {
    let output = html("A[^x] B[^y] C[^x]\n\n[^y]: Why.\n[^x]: Ex *one*.\n")
    #expect(
      output
        == "<p>A<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1"
        + "</a></sup> B<sup class=\"footnote-ref\"><a href=\"#fn-2\" id=\"fnref-2\""
        + " data-footnote-ref>2</a></sup> C<sup class=\"footnote-ref\"><a href=\"#fn-1\""
        + " id=\"fnref-1-2\" data-footnote-ref>1</a></sup></p>\n"
        + "<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-1\">\n"
        + "<p>Ex <em>one</em>. <a href=\"#fnref-1\" class=\"footnote-backref\""
        + " data-footnote-backref aria-label=\"Back to reference 1\">↩</a>"
        + " <a href=\"#fnref-1-2\" class=\"footnote-backref\" data-footnote-backref"
        + " aria-label=\"Back to reference 1\">↩<sup>2</sup></a></p>\n</li>\n"
        + "<li id=\"fn-2\">\n<p>Why. <a href=\"#fnref-2\" class=\"footnote-backref\""
        + " data-footnote-backref aria-label=\"Back to reference 2\">↩</a></p>\n</li>\n"
        + "</ol>\n</section>\n")
  }

  @Test func footnoteReferencedFromAnotherFootnote() {
    let output = html("A[^a]\n\n[^a]: See[^b] and[^a].\n[^b]: Bee.\n")
    #expect(output.contains("href=\"#fnref-1-2\""))
    #expect(output.contains("id=\"fnref-1-2\""))
    #expect(output.contains("<li id=\"fn-2\">\n<p>Bee. <a href=\"#fnref-2\""))
  }

  @Test func renderingIsDeterministic() {
    let source = "# T\n\n## A\n\n## A\n\nx[^1] www.a.example\n\n| a |\n|---|\n| b |\n\n[^1]: n\n"
    let document = Markdown.parse(source)
    let renderer = HTMLRenderer()
    #expect(renderer.render(document) == renderer.render(Markdown.parse(source)))
    #expect(renderer.render(document) == renderer.render(document))
  }

  @Test func rendersASubtree() throws {
    let document = Markdown.parse("# T\n\npara *x*\n")
    let paragraph = try #require(document.children.last)
    #expect(HTMLRenderer().render(paragraph) == "<p>para <em>x</em></p>\n")
  }
}
