import BatonConfig
import BatonCorpus
import BatonDocuments
import BatonMarkdown
import BatonSupport
import Foundation

/// Turns page view models into files: the theme, the site's shared facts, and what a document's
/// page needs beside its document, history and context (where every page and attachment is,
/// the handbook trees, the documents' digests).
///
/// `SiteRenderer` makes one per build from the corpus; `BuildState` keeps what it is made of, so
/// that a later build can render an edited document's page without the corpus. A page's key is
/// the record of what its view model read (`DependencyRecord`): the same inputs give the same
/// record and the same bytes, whichever way the renderer was made.
struct PageRenderer: Sendable {
  let theme: Theme
  let site: SiteInfo
  /// Each page's rendered table rows and site navigation, shared by the pages of a build.
  let rowFragments: RowFragments
  /// Document path → page path, for links between documents.
  let pages: PageAddresses
  /// Repository paths of the files documents link to that the site copies.
  let attachments: Set<String>
  /// A hash of where every document and attachment is published: a body's links depend on it.
  let layoutDigest: Digest
  /// Whether raw HTML in documents is rendered (`unsafe-html: true`).
  let unsafeHTML: Bool
  /// `repository-url:`, and the start of links into the repository made from it.
  let repositoryURL: String?
  let repositoryBase: String?
  /// The handbook trees by collection name, for the navigation of their pages.
  let trees: [String: HandbookTree]
  /// A hash of the document bytes by repository path; a document without one is rendered every
  /// time.
  var documentDigests: [String: Digest]
  /// The digest of what every page reads (`Dependency.Facet.site`).
  let siteDigest: Digest
  /// Whether the configuration's digest is known: without it, no page is taken as unchanged.
  let knowsConfiguration: Bool

  /// - Parameters:
  ///   - configuration: a digest of the configuration's bytes; without it, no page is ever
  ///     taken as unchanged.
  ///   - layoutDigest: the layout's digest, when known (an update from the build state keeps
  ///     it, `BuildState.Frame`): the pages are then not hashed again.
  init(
    theme: Theme, site: SiteInfo, pages: PageAddresses, attachments: Set<String>,
    unsafeHTML: Bool, repositoryURL: String?, trees: [String: HandbookTree],
    documentDigests: [String: Digest], configuration: Digest?, layoutDigest: Digest? = nil
  ) {
    self.theme = theme
    self.site = site
    self.rowFragments = RowFragments(theme: theme)
    self.pages = pages
    self.attachments = attachments
    self.unsafeHTML = unsafeHTML
    self.repositoryURL = repositoryURL
    self.repositoryBase = SiteRenderer.repositoryBase(repositoryURL)
    self.trees = trees
    self.documentDigests = documentDigests
    self.layoutDigest =
      layoutDigest
      ?? PageRenderer.layoutDigest(pages.table, attachments: attachments, unsafeHTML: unsafeHTML)
    self.knowsConfiguration = configuration != nil
    self.siteDigest = Dependency.digest { writer in
      writer.string(SiteRenderer.cacheVersion)
      writer.digest(theme.digest)
      writer.string(SiteRenderer.contentSecurityPolicy)
      writer.site(site)
      writer.digest(configuration ?? Dependency.never)
    }
  }

  /// A hash of where every document and attachment is published (`layoutDigest`).
  static func layoutDigest(
    _ pages: [String: String], attachments: Set<String>, unsafeHTML: Bool
  ) -> Digest {
    var hasher = StableHasher()
    for (path, page) in pages.sorted(by: { $0.key < $1.key }) {
      hasher.combine(path)
      hasher.combine(page)
    }
    for path in attachments.sorted() { hasher.combine(path) }
    hasher.combine(unsafeHTML)
    return hasher.finalize()
  }

  // MARK: - Pages

  /// Renders a page, or takes it from the cache when everything it read last time is the same;
  /// `reads` notes what its view model reads as it is built.
  func file(
    _ spec: SiteRenderer.PageSpec, reads: DependencyRecorder, cache: RenderCache
  ) throws(TemplateError) -> SiteFile {
    if let table = reads.table, let file = cache.file(spec.path, table: table) { return file }
    reads.use(Dependency(.site), digest: siteDigest)
    let view = pageView(spec, content: spec.content(reads))
    let record = reads.record
    return SiteFile(
      path: spec.path, rendered: try theme.renderBytes(spec.template, .object(view)),
      key: record.key, record: record)
  }

  private func pageView(_ spec: SiteRenderer.PageSpec, content: PageContent) -> PageView {
    var root = SiteLayout.rootPrefix(of: spec.path)
    if spec.path == "404.html" {
      // A host serves the 404 page at any depth, so it links from the published root.
      root =
        site.baseURL.flatMap { URL(string: $0)?.path }.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        ?? "/"
    }
    return PageView(
      root: root, site: site, title: spec.title, section: spec.section, path: spec.path,
      content: content, fragments: rowFragments)
  }

  /// What a document's page is: its path, its template, title and view model; `contextDigest`
  /// is the context's digest when the caller worked it out already.
  func documentSpec(
    _ document: Document, context: DocumentContext, history: DocumentHistory?,
    contextDigest: Digest? = nil
  ) -> SiteRenderer.PageSpec {
    let path = pages[document.path] ?? "index.html"
    var template = document.kind
    if !theme.has(template) { template = context.listing.rawValue }
    if !theme.has(template) { template = KindSchema.Listing.page.rawValue }
    return SiteRenderer.PageSpec(
      path: path, template: template, title: document.displayTitle,
      section: document.collection, context: context
    ) { reads in
      .document(
        documentView(
          document, page: path, context: context, history: history, reads: reads,
          contextDigest: contextDigest))
    }
  }

  // MARK: - A document's view model

  /// The view model of a document's page (templates `record`, `report`, `page`, or one named
  /// after the kind), noting in `reads` what it reads: the document, its history, its context,
  /// where pages are (its links) and its handbook tree. The context's digest is worked out here
  /// unless `contextDigest` gives it.
  func documentView(
    _ document: Document, page: String, context: DocumentContext, history: DocumentHistory?,
    reads: DependencyRecorder, contextDigest: Digest? = nil
  ) -> DocumentView {
    reads.use(
      Dependency(.document, document.path),
      digest: documentDigests[document.path] ?? Dependency.never)
    reads.use(Dependency(.history, document.path), digest: Dependency.digest(of: history))
    reads.use(
      Dependency(.context, document.path),
      digest: contextDigest ?? Dependency.digest(of: context))
    reads.use(Dependency(.layout), digest: layoutDigest)
    var navigation: HandbookNavigation?
    if let tree = trees[document.collection], let node = context.treeNode {
      // One set of entries for the digest and the view model: a page's navigation lists two
      // dozen of them.
      let shown = tree.shownEntries(open: node)
      reads.use(
        Dependency.node(.navigation, document.collection, node),
        digest: tree.navigationDigest(of: shown, open: node))
      navigation = tree.navigation(of: shown, open: node)
    }
    let (body, headings) = bodyHTML(document, page: page)
    let toc = PageRenderer.toc(headings)
    // The page has read all it needs of the tree (see `Document.releaseBody(afterReaders:)`).
    document.finishedReadingBody()
    return DocumentView(
      id: document.identifier.text, kind: document.kind, collection: document.collection,
      status: document.status?.value, listing: context.listing, sourcePath: document.path,
      context: context, body: body, toc: toc, history: history.map(historyView),
      navigation: navigation)
  }

  /// The table of contents: the body's level 2 and 3 headings, when there are two or more.
  static func toc(_ headings: [Heading]) -> [TocItem] {
    let headings = headings.filter { (2...3).contains($0.level) }
    guard headings.count > 1 else { return [] }
    return headings.map { TocItem(title: $0.text, anchor: $0.slug, isSub: $0.level == 3) }
  }

  /// The document's Markdown as HTML: links to other documents lead to their pages (anchors
  /// kept), links to attachments to their copies; unsafe HTML and URLs neutralised unless
  /// `unsafe-html: true`. With its headings (`MarkdownNode.headings`), for the table of
  /// contents.
  func bodyHTML(_ document: Document, page: String) -> (html: String, headings: [Heading]) {
    guard let body = document.body else { return ("", []) }
    let prefix = SiteLayout.rootPrefix(of: page)
    let pages = self.pages
    let attachments = self.attachments
    let from = document.path
    let rewrite: @Sendable (String) -> String = { url in
      if url.hasPrefix("#") { return PageRenderer.headingFragment(url) }
      guard DocumentLink.isRelative(url), let target = DocumentLink.target(of: url, from: from)
      else { return url }
      let fragment = url.firstIndex(ofASCII: "#").map { String(url[$0...]) } ?? ""
      if let page = pages[target] {
        return prefix + SiteLayout.href(page) + PageRenderer.headingFragment(fragment)
      }
      if attachments.contains(target) {
        return prefix + SiteLayout.href(SiteLayout.attachmentPath(target)) + fragment
      }
      return url
    }
    let skipsTitle = document.title?.origin == .heading
    let renderer = HTMLRenderer(
      options: HTMLRenderer.Options(
        allowUnsafeHTML: unsafeHTML, headingAnchors: true,
        rewriteURL: rewrite, skipFirstHeadingOfLevel: skipsTitle ? 1 : nil,
        alignmentClasses: true))
    let rendered = renderer.renderWithHeadings(body)
    var html = rendered.html
    // Table alignment as classes: the Content-Security-Policy forbids inline styles. The
    // renderer writes classes; raw HTML passed through (`unsafe-html: true`) may still have the
    // styles. Without it, no other text can spell one: quotes are escaped.
    if unsafeHTML, html.containsUTF8(" style=\"text-align: ") {
      for side in ["left", "center", "right"] {
        html = html.replacingOccurrences(
          of: " style=\"text-align: \(side)\"", with: " class=\"align-\(side)\"")
      }
    }
    return (html, rendered.headings)
  }

  /// A fragment naming a heading (`#Motivation`, `#user-content-motivation`) as the page's
  /// heading ids spell it: GitHub matches them without regard to case, browsers do not.
  static func headingFragment(_ fragment: String) -> String {
    var result = fragment.lowercased()
    if result.hasPrefix("#user-content-") { result = "#" + result.dropFirst(14) }
    return result
  }

  /// What git says about the document; only built when history was read.
  func historyView(_ history: DocumentHistory) -> HistoryView {
    func event(_ event: DocumentHistory.Event) -> HistoryView.Event {
      HistoryView.Event(
        commit: event.commit, shortCommit: event.shortCommit,
        commitLink: repositoryLink("commit", event.commit, nil), author: event.authorName,
        date: SiteRenderer.day(of: event).description, subject: event.subject)
    }
    let commits = history.commits.prefix(50).map(event)
    // The first and last commits shown are most often the document's update and creation: their
    // views are the commits' (each view works out a day and a link).
    func shown(_ shown: DocumentHistory.Event) -> HistoryView.Event {
      if let last = commits.indices.last {
        if history.commits[0] == shown { return commits[0] }
        if history.commits[last] == shown { return commits[last] }
      }
      return event(shown)
    }
    return HistoryView(
      created: history.created.map(shown), updated: history.updated.map(shown),
      contributors: history.contributors.map {
        HistoryView.Contributor(name: $0.name, commits: $0.commits)
      },
      commits: commits, moreCommits: max(0, history.commits.count - 50),
      statusTimeline: history.statusTimeline.map {
        HistoryView.StatusChange(status: $0.status, event: shown($0.event))
      },
      isDraft: history.isDraft, isApproximate: history.isApproximate)
  }

  /// A link into the repository's web interface: `edit` (branch, path) or `commit` (id).
  func repositoryLink(_ action: String, _ reference: String, _ path: String?) -> String? {
    guard let base = repositoryBase else { return nil }
    var link = base + action + "/" + SiteLayout.href(reference)
    if let path { link += "/" + SiteLayout.href(path) }
    return link
  }
}
