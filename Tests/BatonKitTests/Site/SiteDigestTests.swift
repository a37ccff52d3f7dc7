import BatonReport
import BatonSupport
import BatonTestSupport
import Foundation
import Testing

@testable import BatonSite
@testable import BatonSource

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The site's weekly digests: a page per ISO week with something in it (from commit dates), an
/// index, an Atom feed, all reproducible.
@Suite struct SiteDigestTests {
  static func source(_ git: GitFixture) -> SourceOptions {
    SourceOptions(repositoryPath: git.path, startDirectory: git.path, includeHistory: true)
  }

  static func render(_ git: GitFixture, baseURL: String? = nil) throws -> RenderedSite {
    try SiteBuilder.render(source(git), options: SiteOptions(baseURL: baseURL)).site
  }

  static let weeks = [
    "2026-W23", "2026-W27", "2026-W28", "2026-W30", "2026-W31", "2026-W32", "2026-W40",
    "2026-W46", "2026-W47", "2026-W48",
  ]

  @Test func aPagePerWeekWithSomethingInItAndAnIndexNewestFirst() throws {
    let git = try LoopFixture.make()
    defer { git.cleanup() }
    let site = try Self.render(git)
    let pages = site.files.map(\.path).filter { $0.hasPrefix("digests/20") }.sorted()
    #expect(pages == Self.weeks.map { "digests/\($0)/index.html" })
    let index = SiteFixture.text(site, "digests/index.html")
    let order = Self.weeks.reversed().compactMap { index.range(of: $0 + "</a>")?.lowerBound }
    #expect(order.count == Self.weeks.count && order == order.sorted())
    #expect(SiteFixture.text(site, "index.html").contains("href=\"digests/index.html\""))
    // Week 27: 0001 was proposed and accepted; the proposal stays in its week.
    let w27 = SiteFixture.text(site, "digests/2026-W27/index.html")
    #expect(w27.contains("<h2 id=\"decided\">Decided</h2>"))
    #expect(w27.contains("<h2 id=\"new-proposals\">New proposals</h2>"))
    #expect(w27.contains("href=\"../../decisions/0001-one/index.html\">0001 One</a>"))
    #expect(!w27.contains("Ready to decide") && !w27.contains("Overdue"))
    // The last week says what is ready and overdue, as of its last commit.
    let w48 = SiteFixture.text(site, "digests/2026-W48/index.html")
    #expect(w48.contains("2026-11-23 to 2026-11-28"))
    #expect(w48.contains("as of the last commit"))
    #expect(w48.contains("0005 Five</a> — owner @ada — ready to accept"))
    #expect(w48.contains("rel=\"prev\">Previous: 2026-W47</a>"))
    #expect(!w48.contains("rel=\"next\""))
  }

  @Test func weeksComeFromTheReportStage() throws {
    let git = try LoopFixture.make()
    defer { git.cleanup() }
    let corpus = try LoopFixture.corpus(git)
    let weeks = DigestReport.weekly(corpus: corpus, addresses: [:])
    #expect(weeks.map(\.week.description) == Self.weeks)
    #expect(weeks.filter(\.isLatest).map(\.week.description) == ["2026-W48"])
    let w30 = try #require(weeks.first { $0.week.description == "2026-W30" })
    #expect(w30.report.decided.map(\.path) == ["decisions/0002-two.md"])
    #expect(w30.report.decided.first?.status == "rejected")
    let w48 = try #require(weeks.last)
    #expect(w48.report.until == "2026-11-28T10:00:00+00:00")
    #expect(w48.report.decided.map(\.path) == ["decisions/0004-four.md"])
    #expect(w48.report.proposed.map(\.path) == ["decisions/0006-six.md"])
    #expect(w48.report.ready.map(\.path) == ["decisions/0005-five.md"])
    #expect(
      w48.report.overdue.map(\.path) == ["updates/2026-11-20-infra.md", "decisions/0005-five.md"])
    #expect(weeks.dropLast().allSatisfy { $0.report.ready.isEmpty && $0.report.overdue.isEmpty })
  }

  @Test func twoBuildsOfOneCommitAreByteIdentical() throws {
    let git = try LoopFixture.make()
    defer { git.cleanup() }
    let folders = ["/_site-a", "/_site-b"].map { git.path + $0 }
    for folder in folders {
      _ = try SiteBuilder.build(
        Self.source(git), output: folder, options: SiteOptions(), cache: false)
    }
    let first = try SiteFixture.files(in: folders[0]).filter { $0.key != SiteWriter.markerName }
    let second = try SiteFixture.files(in: folders[1]).filter { $0.key != SiteWriter.markerName }
    #expect(first.keys.contains("feeds/digests.xml"))
    #expect(first.keys.contains("digests/2026-W48/index.html"))
    #expect(first == second)
  }

  @Test func theFeedIsAtomWithAbsoluteLinks() throws {
    let git = try LoopFixture.make()
    defer { git.cleanup() }
    let site = try Self.render(git, baseURL: "https://handbook.example/sub")
    let feed = try #require(site.file(SiteRenderer.digestFeed))
    let shape = FeedShape()
    let parser = XMLParser(data: Data(feed.bytes))
    parser.shouldProcessNamespaces = true
    parser.delegate = shape
    #expect(parser.parse(), "\(String(describing: parser.parserError))")
    #expect(shape.root == "feed" && shape.namespace == "http://www.w3.org/2005/Atom")
    for name in ["title", "id", "updated"] { #expect(shape.feed[name] != nil, "feed \(name)") }
    #expect(shape.feedLinks["self"] == "https://handbook.example/sub/feeds/digests.xml")
    #expect(shape.entries.count == Self.weeks.count)
    let dates = ISO8601DateFormatter()
    for entry in shape.entries {
      for name in ["title", "id", "updated", "content"] {
        #expect(entry.fields[name] != nil, "entry \(name)")
      }
      #expect(entry.contentType == "html")
      #expect(dates.date(from: entry.fields["updated"] ?? "") != nil)
      #expect(entry.alternate?.hasPrefix("https://handbook.example/sub/digests/2026-W") == true)
      // Every link in the digest's HTML is absolute.
      let html = entry.fields["content"] ?? ""
      let hrefs = html.components(separatedBy: "href=\"").dropFirst()
      #expect(!hrefs.isEmpty || !html.contains("<a "))
      #expect(hrefs.allSatisfy { $0.hasPrefix("https://handbook.example/sub/") })
    }
    #expect(shape.entries.first?.fields["title"]?.contains("2026-W48") == true)
  }

  /// An answer changed in place (approve to object) changes what the last week's digest says
  /// is ready: the next render is a full one, and gives the full render's site.
  @Test func aChangedAnswerRendersTheDigestsAgain() throws {
    let path = "decisions/0003-use-redis.md"
    let git = try SiteFixture.make(extra: [
      path: """
      ---
      status: proposed
      owner: "@ada"
      date: 2024-02-05
      ---
      # Use Redis

      ## Context

      Caching.

      ## Call to Action

      @bob please review by 2030-03-01.

      ## Responses

      - @bob: approve

      """
    ])
    defer { git.cleanup() }
    let first = try SiteBuilder.render(SiteUpdateTests.source(git), options: SiteOptions())
    let ready = try #require(first.site.files.first { $0.path.hasPrefix("digests/20") })
    #expect(String(decoding: ready.bytes, as: UTF8.self).contains("Ready to decide"))
    let original = try String(contentsOfFile: git.path + "/" + path, encoding: .utf8)
    try git.write(
      path, original.replacingOccurrences(of: "approve", with: "object — no rollback plan"))
    let second = try SiteUpdateTests.renderAndCompare(git, memo: first.memo, "an answer")
    #expect(second.updatedPages == nil)
  }

  /// A section lists at most `listLimit` items and says how many more it has, on the page and
  /// in the feed: the last week can hold thousands of overdue asks and pages past review.
  @Test func longSectionsAreCutAndSaySo() throws {
    let git = try LoopFixture.make()
    defer { git.cleanup() }
    let weeks = DigestReport.weekly(corpus: try LoopFixture.corpus(git), addresses: [:])
    let latest = try #require(weeks.last?.report)
    let capped = latest.capped(1)
    #expect(capped.overdue.map(\.path) == ["updates/2026-11-20-infra.md"])
    #expect(capped.html().contains("<p>And 1 more.</p>"))
    #expect(!latest.html().contains("more.</p>"))
    let item = try #require(latest.overdue.first)
    let many = Array(repeating: item, count: SiteRenderer.listLimit + 7)
    let view = SiteRenderer.section((.overdue, many))
    #expect(view.items.count == SiteRenderer.listLimit)
    #expect(view.more?.count == 7)
    #expect(SiteRenderer.section((.overdue, [item])).more == nil)
  }

  @Test func isoWeeksNumberByTheirThursday() throws {
    func week(_ text: String) throws -> String {
      ISOWeek(containing: try #require(Day(parsing: text))).description
    }
    #expect(try week("2026-12-31") == "2026-W53")
    #expect(try week("2027-01-03") == "2026-W53")
    #expect(try week("2027-01-04") == "2027-W01")
    #expect(try week("2021-01-03") == "2020-W53")
    #expect(try week("2024-12-30") == "2025-W01")
    #expect(try week("2026-12-07") == "2026-W50")
  }
}

/// What an Atom feed holds, as `XMLParser` reads it.
final class FeedShape: NSObject, XMLParserDelegate {
  struct Entry {
    var fields: [String: String] = [:]
    var alternate: String?
    var contentType: String?
  }
  var root: String?
  var namespace: String?
  var feed: [String: String] = [:]
  var feedLinks: [String: String] = [:]
  var entries: [Entry] = []
  private var path: [String] = []
  private var text = ""

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    if root == nil { (root, namespace) = (name, namespaceURI) }
    if name == "entry" { entries.append(Entry()) }
    if name == "link", let href = attributes["href"] {
      if path.last == "entry" {
        if attributes["rel"] == "alternate" { entries[entries.count - 1].alternate = href }
      } else {
        feedLinks[attributes["rel"] ?? ""] = href
      }
    }
    if name == "content", path.last == "entry" {
      entries[entries.count - 1].contentType = attributes["type"]
    }
    path.append(name)
    text = ""
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    text += string
  }

  func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
  ) {
    path.removeLast()
    if path.last == "entry" {
      entries[entries.count - 1].fields[name] = text
    } else if path.last == "feed" {
      feed[name] = text
    }
    text = ""
  }
}
