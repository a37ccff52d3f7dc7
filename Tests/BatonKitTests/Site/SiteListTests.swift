import BatonSite
import Foundation
import Testing

@Suite struct SiteListTests {
  /// 105 decisions tagged `big` and owned by @ada (plus the fixture's own).
  static func bigFixture() throws -> RenderedSite {
    var extra: [String: String] = [:]
    for number in 100..<205 {
      let day = 1 + number % 28
      extra["decisions/0\(number)-item-\(number).md"] = """
        ---
        status: accepted
        owner: "@ada"
        date: 2023-\(number % 2 == 0 ? "05" : "06")-\(day < 10 ? "0" : "")\(day)
        tags: [big, "a&b"]
        ---
        # Item <\(number)>

        ## Context

        See [the database decision](0002-use-postgres.md).

        """
    }
    let git = try SiteFixture.make(extra: extra)
    return try SiteFixture.render(git)
  }

  static func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  @Test func tagAndPersonPagesShowTheMostRecentHundredAndLinkTheFilteredLog() throws {
    let site = try Self.bigFixture()
    let tag = SiteFixture.text(site, "tags/big/index.html")
    #expect(Self.count("<tr data-filter-row", in: tag) == 100)
    #expect(tag.contains("<p>105 documents</p>"))
    #expect(
      tag.contains(
        "<p class=\"more\">and 5 more — see them in the "
          + "<a href=\"../../decisions/index.html?tag=big\">decisions log filtered by this tag</a>"
          + "</p>"))
    // Most recent first: a June item leads, a May item is among those left out.
    let firstRow = try #require(tag.range(of: "<td class=\"id\">"))
    #expect(tag[firstRow.upperBound...].hasPrefix("0"))
    #expect(tag.contains("2023-06-"))
    // The tag's value is percent-encoded in the query and the link escaped in the page.
    let amp = SiteFixture.text(site, "tags/a-b/index.html")
    #expect(amp.contains("decisions/index.html?tag=a%26b\">"))
    let person = SiteFixture.text(site, "people/ada/index.html")
    #expect(Self.count("<article class=\"card\">", in: person) <= 101)
    #expect(
      person.contains("decisions/index.html?owner=ada\">decisions log filtered by this owner</a>"))
    // A page everyone links to lists a hundred backlinks and counts the rest.
    let linked = SiteFixture.text(site, "decisions/0002-use-postgres/index.html")
    let backlinks = try #require(linked.range(of: "id=\"backlinks-title\""))
    let footer = String(linked[backlinks.lowerBound...])
    #expect(Self.count("<li><a href=", in: footer.components(separatedBy: "</ul>")[0]) == 100)
    #expect(footer.contains("<p class=\"more\">and 7 more</p>"))
    // The log itself stays complete.
    let log = SiteFixture.text(site, "decisions/index.html")
    #expect(Self.count("<tr data-filter-row", in: log) >= 105)
  }

  @Test func smallListsHaveNoMoreLink() throws {
    let git = try SiteFixture.make()
    let site = try SiteFixture.render(git)
    #expect(!SiteFixture.text(site, "tags/database/index.html").contains("class=\"more\""))
    #expect(!SiteFixture.text(site, "people/ada/index.html").contains("class=\"more\""))
  }

  @Test func sharedRowsMatchThePartialRenderedInPlace() throws {
    // The `rows` partial of an older theme renders each row itself; the pages must not change.
    let git = try SiteFixture.make()
    let fast = try SiteFixture.render(git)
    let inPlace = """
      <div class="table-wrap">
      <table class="documents">
      <thead><tr><th scope="col">ID</th><th scope="col">Title</th><th scope="col">Status</th>\
      <th scope="col">Owner</th><th scope="col">Date</th></tr></thead>
      <tbody>
      {{#rows}}
      {{>row}}
      {{/rows}}
      </tbody>
      </table>
      </div>

      """
    let slow = try SiteFixture.render(
      try SiteFixture.make(extra: ["templates/partials/rows.mustache": inPlace]))
    for path in ["decisions/index.html", "updates/by-team/index.html", "tags/database/index.html"] {
      #expect(SiteFixture.text(fast, path) == SiteFixture.text(slow, path), "\(path)")
    }
  }
}
