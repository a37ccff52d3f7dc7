import BatonKit
import BatonTestSupport
import Foundation
import Testing

/// The compiled templates must give exactly the bytes swift-mustache gives, for the default theme
/// and for a site's own templates that use Mustache's corners.
@Suite struct SiteCompiledThemeTests {
  private static func corpus(_ git: GitFixture) throws -> Corpus {
    let options = SourceOptions(repositoryPath: git.path, startDirectory: git.path)
    return try Loader.load(options).parse().assemble()
  }

  /// Renders with and without the compiled templates and records every file that differs.
  private static func compare(_ git: GitFixture, overrides: [String: String] = [:]) throws {
    let corpus = try corpus(git)
    let bytes = overrides.mapValues { Array($0.utf8) }
    let compiledTheme = try Theme(overrides: bytes)
    #expect(compiledTheme.isCompiled)
    let compiled = try SiteRenderer(corpus: corpus, theme: compiledTheme).render()
    let plain = try SiteRenderer(
      corpus: corpus, theme: Theme(overrides: bytes, compiled: false)
    ).render()
    #expect(compiled.files.map(\.path) == plain.files.map(\.path))
    for (a, b) in zip(compiled.files, plain.files) where a.bytes != b.bytes {
      let (x, y) = (
        String(decoding: a.bytes, as: UTF8.self), String(decoding: b.bytes, as: UTF8.self)
      )
      Issue.record("\(a.path) differs:\n\(x)\n---\n\(y)")
    }
  }

  @Test func defaultThemeGivesTheSameBytesAsMustache() throws {
    let git = try SiteFixture.make(extra: [
      "decisions/0009-quotes.md":
        "---\nstatus: proposed\nowner: \"@ada\"\ntags: [\"a&b\", \"<x>\"]\n---\n"
        + "# Quotes \"double\" and 'single' & <angle> — ünïcödé 👍🏽\n\n## Context\n\nText.\n"
    ])
    try SiteCompiledThemeTests.compare(git)
  }

  @Test func overriddenTemplatesWithMustacheCornersGiveTheSameBytes() throws {
    let git = try SiteFixture.make()
    let decision = """
      {{>head}}
      <main>
        {{>indented}}
      {{#tags}}
        <li>{{name}} {{.}} {{count}}{{#count}} has {{count}}{{/count}}</li>
      {{/tags}}
      {{^tags}}no tags{{/tags}}
      {{#history}}{{#updated}}{{author}} {{commit}} {{title}} {{site.title}}{{/updated}}{{/history}}
      {{history.created.author}} {{.title}} {{missing}} {{missing.deeper}} {{{body}}}
      {{#empty(tags)}}empty{{/empty(tags)}}{{^empty(backlinks)}}has backlinks{{/empty(backlinks)}}
      {{#owner}}{{owner}} {{length}} {{.}}{{/owner}}{{#isRecord}}yes{{/isRecord}}
      {{! a comment }}
      {{#metadata}}
        {{label}}:{{#items}} {{text}}{{/items}}
      {{/metadata}}
      {{&title}} {{{siteTitle}}}
      </main>
      {{>foot}}

      """
    let indented = """
      <p>
        first {{id}}
        {{#chain}}
        <i>{{title}}</i>
        {{/chain}}
      </p>
      {{>badge}}

      """
    try SiteCompiledThemeTests.compare(
      git,
      overrides: [
        "templates/decision.mustache": decision,
        "templates/partials/indented.mustache": indented,
      ])
  }

  @Test func templatesWithFeaturesLeftToMustacheAreNotCompiled() throws {
    let theme = try Theme(overrides: [
      "templates/partials/foot.mustache": Array("{{<head}}{{$block}}x{{/block}}{{/head}}".utf8)
    ])
    #expect(!theme.isCompiled)
    let delimiters = try Theme(overrides: [
      "templates/404.mustache": Array("{{=<% %>=}}<%title%>".utf8)
    ])
    // Changed delimiters are the parser's business: the parse is compiled as it is.
    #expect(delimiters.isCompiled)
  }
}
