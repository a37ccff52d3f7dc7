import BatonSite
import BatonSource
import BatonTestSupport
import Foundation
import Testing

/// A site's own templates read the typed view models as the default theme does: names up the
/// context stack, dotted names, names of the top context, transforms and indented partials.
@Suite struct SiteThemeTests {
  private static func render(_ git: GitFixture, overrides: [String: String]) throws -> RenderedSite
  {
    let options = SourceOptions(repositoryPath: git.path, startDirectory: git.path)
    let corpus = try Loader.load(options).parse().assemble()
    let theme = try Theme(overrides: overrides.mapValues { Array($0.utf8) })
    return try SiteRenderer(corpus: corpus, theme: theme).render()
  }

  @Test func overriddenTemplateReadsTheViewModels() throws {
    let git = try SiteFixture.make()
    let decision = """
      <main>
        {{>indented}}
      [{{.title}}][{{.kind}}][{{site.title}}][{{missing}}][{{missing.deeper}}]
      {{#tags}}<t>{{name}} {{count}} {{root}}</t>{{/tags}}{{^tags}}no tags{{/tags}}
      {{^empty(backlinks)}}backlinks{{/empty(backlinks)}} {{count(metadata)}} fields
      {{! a comment }}
      {{=<% %>=}}<%kind%> <%={{ }}=%>{{id}}
      </main>

      """
    let indented = """
      <p>
        {{id}}
      </p>

      """
    let site = try SiteThemeTests.render(
      git,
      overrides: [
        "templates/decision.mustache": decision, "templates/partials/indented.mustache": indented,
      ])
    let page = try #require(
      site.files.first { $0.path == "decisions/0001-use-mysql/index.html" })
    let html = String(decoding: page.bytes, as: UTF8.self)
    #expect(
      html == """
        <main>
          <p>
            0001
          </p>
        [Use MySQL][decision][Acme handbook][][]
        <t>database 0 ../../</t>
        backlinks 4 fields
        decision 0001
        </main>

        """)
  }

  @Test func templateThatDoesNotParseNamesItsFileAndLine() {
    do {
      _ = try Theme(overrides: ["templates/partials/foot.mustache": Array("ok\n{{sorted(x)}}".utf8)]
      )
      Issue.record("the theme loaded")
    } catch {
      #expect(error.path == "templates/partials/foot.mustache")
      #expect(error.message.hasPrefix("template does not parse at line 2, column 1: "))
      #expect(error.message.contains("unknown transform 'sorted'"))
    }
  }
}
