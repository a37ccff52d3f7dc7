import BatonCorpus
import BatonReport
import BatonSupport

extension SiteRenderer {
  /// The index of the weekly digests; each week's page is `digests/2026-W49/index.html`.
  static let digestsPage = "digests/index.html"
  /// The Atom feed of the weekly digests.
  static let digestFeed = "feeds/digests.xml"
  /// The most weeks the feed carries.
  static let digestFeedLimit = 20

  /// Whether the site publishes weekly digests: `site:` does not leave them out, and history
  /// dates some document.
  static func hasDigests(_ corpus: Corpus) -> Bool {
    corpus.configuration.sitePages.digests && corpus.history.values.contains { $0.created != nil }
  }

  static func digestPage(_ week: ISOWeek) -> String {
    "digests/\(week)/index.html"
  }

  /// The weekly digest pages, their index and their feed: the Report stage's weekly digests
  /// (`DigestReport.weekly`), worked out once.
  ///
  /// Each page reads its week's digest (`Dependency.Facet.digest`): the digest of what its view
  /// model shows (`Dependency.digest(of:)`), the sections' listed items and how many more.
  func digestFiles(
    cache: RenderCache, table: DependencyTable
  ) throws(TemplateError) -> [SiteFile] {
    guard SiteRenderer.hasDigests(corpus) else { return [] }
    let weeks = DigestReport.weekly(
      corpus: corpus, addresses: layout.pages.mapValues { SiteLayout.href($0) })
    var files: [SiteFile] = []
    files.reserveCapacity(weeks.count + 2)
    for offset in weeks.indices {
      files.append(try weekPage(weeks, offset, cache: cache, table: table))
    }
    let index = DigestsView(
      weeks: weeks.reversed().map { week in
        let count = week.report.sections.reduce(0) { $0 + $1.items.count }
        return DigestsView.Week(
          week: week.week.description, period: week.report.period,
          url: SiteLayout.href(SiteRenderer.digestPage(week.week)),
          count: "\(count) item" + (count == 1 ? "" : "s"))
      }, feed: SiteRenderer.digestFeed)
    table.provide(
      Dependency(.digest),
      Dependency.digest { writer in
        writer.list(index.weeks) { writer, week in
          for text in [week.week, week.period, week.url, week.count] { writer.string(text) }
        }
        writer.string(index.feed)
      })
    let reads = DependencyRecorder(table: table)
    reads.use(Dependency(.digest))
    files.append(
      try pageRenderer.file(
        PageSpec(
          path: SiteRenderer.digestsPage, template: "digests", title: "Weekly digests",
          section: "digests"
        ) { _ in .digests(index) }, reads: reads, cache: cache))
    files.append(SiteFile(path: SiteRenderer.digestFeed, text: digestFeed(weeks)))
    return files
  }

  /// The page of the week at `offset`.
  private func weekPage(
    _ weeks: [DigestReport.Week], _ offset: Int, cache: RenderCache, table: DependencyTable
  ) throws(TemplateError) -> SiteFile {
    let week = weeks[offset]
    let link = { (other: DigestReport.Week) in
      LinkView(
        label: .title, text: other.week.description,
        url: SiteLayout.href(SiteRenderer.digestPage(other.week)))
    }
    let view = DigestView(
      week: week.week.description, period: week.report.period,
      judgedAt: week.isLatest ? week.report.until : nil,
      sections: week.report.sections.filter { !$0.items.isEmpty }.map(SiteRenderer.section),
      previous: offset > 0 ? link(weeks[offset - 1]) : nil,
      next: offset + 1 < weeks.count ? link(weeks[offset + 1]) : nil)
    let read = Dependency(.digest, week.week.description)
    table.provide(read, Dependency.digest(of: view))
    let reads = DependencyRecorder(table: table)
    reads.use(read)
    return try pageRenderer.file(
      PageSpec(
        path: SiteRenderer.digestPage(week.week), template: "digest",
        title: "Digest, \(week.week)", section: "digests"
      ) { _ in .digest(view) }, reads: reads, cache: cache)
  }

  /// The anchor of each section of a digest page, from its heading.
  static let digestAnchors = Dictionary(
    uniqueKeysWithValues: DigestReport.Section.allCases.map {
      ($0, SiteLayout.segment($0.rawValue.lowercased()))
    })

  /// A section of a digest as its page shows it: its first `listLimit` items, and how many
  /// more there are (the last week can list thousands of overdue asks and pages past review).
  static func section(
    _ section: (section: DigestReport.Section, items: [DigestReport.Item])
  ) -> DigestSectionView {
    let hidden = section.items.count - SiteRenderer.listLimit
    return DigestSectionView(
      title: section.section.rawValue,
      anchor: SiteRenderer.digestAnchors[section.section] ?? "",
      items: section.items.prefix(SiteRenderer.listLimit).map { item in
        let detail = DigestReport.detail(item, in: section.section)
        return DigestItemView(
          label: item.label, url: item.url, detail: detail.isEmpty ? nil : detail)
      }, more: hidden > 0 ? CountView(count: hidden) : nil)
  }

  /// The Atom feed of the latest weeks, newest first, each entry the week's digest as HTML
  /// with absolute links when the site has a base URL (else relative to the feed).
  func digestFeed(_ weeks: [DigestReport.Week]) -> String {
    let path = SiteRenderer.digestFeed
    let prefix = site.baseURL ?? SiteLayout.rootPrefix(of: path)
    let feedID = site.baseURL.map { $0 + path } ?? "urn:baton:" + path
    let selfLink = site.baseURL.map { $0 + path } ?? "digests.xml"
    let latest = weeks.suffix(SiteRenderer.digestFeedLimit).reversed()
    var xml = """
      <?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom">
        <title>\(XML.escape(site.title + " — Weekly digests"))</title>
        <id>\(XML.escape(feedID))</id>
        <updated>\(latest.first?.report.until ?? "1970-01-01T00:00:00Z")</updated>
        <link rel="self" href="\(XML.escape(selfLink))"/>
        <link rel="alternate" type="text/html" href="\(XML.escape(prefix + SiteRenderer.digestsPage))"/>
        <generator>\(XML.escape(site.generator))</generator>

      """
    for week in latest {
      let page = SiteLayout.href(SiteRenderer.digestPage(week.week))
      let id = site.baseURL.map { $0 + page } ?? "urn:baton:digests/\(week.week)"
      xml += "  <entry>\n"
      xml += "    <title>\(XML.escape("Digest, \(week.week) (\(week.report.period))"))</title>\n"
      xml += "    <id>\(XML.escape(id))</id>\n"
      xml +=
        "    <link rel=\"alternate\" type=\"text/html\" href=\"\(XML.escape(prefix + page))\"/>\n"
      xml += "    <updated>\(week.report.until)</updated>\n"
      xml += "    <author><name>\(XML.escape(site.title))</name></author>\n"
      let html = week.report.linked(prefix: prefix).capped(SiteRenderer.listLimit).html()
      xml += "    <content type=\"html\">\(XML.escape(html))</content>\n"
      xml += "  </entry>\n"
    }
    return xml + "</feed>\n"
  }
}
