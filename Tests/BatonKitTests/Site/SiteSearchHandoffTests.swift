import BatonTestSupport
import Foundation
import Testing

@testable import BatonSearch
@testable import BatonSite
@testable import BatonSource

/// `SiteBuilder` starts the search index from the parsed documents, before the corpus is
/// assembled; the files it writes must be those the assembled corpus gives.
@Suite struct SiteSearchHandoffTests {
  @Test func theIndexStartedBeforeAssemblyIsTheCorpussOwn() throws {
    let git = try GitFixture()
    try git.write(
      "baton.yml",
      """
      collections:
        handbook: { path: handbook, kind: page }

      """)
    try git.write("handbook/README.md", "# Handbook\n\nThe root of the handbook.\n")
    // Both want `handbook/oncall/index.html`: the one first in the corpus's order (by path)
    // keeps it, the other gets `oncall-2`, so the handoff must lay out the pages in that order
    // to agree (with the documents reversed, this test fails).
    try git.write("handbook/oncall/index.md", "# On-call folder\n\nRotation rules for pagers.\n")
    try git.write("handbook/oncall.md", "# On-call page\n\nEscalation for pagers.\n")
    try git.commit("Handbook")
    let source = SourceOptions(repositoryPath: git.path, startDirectory: git.path)

    let rendered = try SiteBuilder.render(source, options: SiteOptions())
    let (corpus, site) = (try #require(rendered.corpus), rendered.site)

    let layout = SiteLayout(corpus: corpus)
    #expect(layout.pages["handbook/oncall.md"] == "handbook/oncall/index.html")
    #expect(layout.pages["handbook/oncall/index.md"] == "handbook/oncall-2/index.html")
    let expected = SearchIndex.build(
      corpus: corpus, pageURL: { layout.pages[$0.path] ?? SearchIndex.defaultPageURL($0) })
    #expect(!expected.isEmpty)
    for file in expected {
      #expect(site.file(file.path)?.bytes == file.bytes, "\(file.path) differs")
    }
    let paths = Set(expected.map(\.path))
    let others = site.files.map(\.path).filter {
      $0.hasPrefix(SearchIndex.folder + "/") && !paths.contains($0)
    }
    #expect(Set(others) == ["search/index.html", "search/search.js", "search/search.css"])
  }
}
