import BatonConfig
import BatonCorpus
import BatonDocuments
import BatonMarkdown
import BatonReport
import BatonSearch
import BatonSupport
import Foundation
import Synchronization

/// The Render stage: turns the corpus into every file of the site, in memory.
///
/// View models are built per page from the corpus and a `SiteIndex` computed once, then fed to
/// the theme's Mustache templates; pages render in parallel. The output depends only on the
/// corpus, the theme, the attachments and the options: no clock is read, so two builds of the
/// same commit are byte identical. Whether a deadline has passed is left to the page's script,
/// which knows the reader's today.
public struct SiteRenderer: Sendable {
  public let corpus: Corpus
  /// The templates and assets pages render with.
  public var theme: Theme { pageRenderer.theme }
  public let options: SiteOptions
  let layout: SiteLayout
  let index: SiteIndex
  /// The moment metrics and decision states are measured at: the newest commit
  /// (`Metrics.latestCommit`), never the clock; nil without history.
  let asOf: Date?
  /// The metrics page's and `metrics.json`'s numbers, worked out beside the pages; nil when
  /// `site: { metrics: false }` leaves them out.
  let metrics: Background<Metrics>?
  /// Turns view models into files; what document pages need beside the corpus.
  let pageRenderer: PageRenderer
  /// The site's shared facts.
  var site: SiteInfo { pageRenderer.site }
  /// Each document's table row, rendered once and shared by the list pages.
  var rowFragments: RowFragments { pageRenderer.rowFragments }

  /// The most rows a tag or person page (or a page's backlinks) lists; the rest are reached
  /// through the log's filters.
  static let listLimit = 100

  /// Changes whenever rendering code changes what a page looks like for the same inputs, so a
  /// new Baton never reuses pages an older one rendered.
  static let cacheVersion = "site-v1.2"

  /// The policy every page carries: only the site's own scripts, styles and images.
  public static let contentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    + "object-src 'none'; base-uri 'none'; form-action 'self'"

  /// - Parameters:
  ///   - documentDigests: hashes of each document's bytes by path (`Digest(of:)`); pages of
  ///     documents without one are never taken from a cache.
  ///   - configuration: a hash of the configuration's bytes; without it, no page is taken from
  ///     a cache.
  public init(
    corpus: Corpus, theme: Theme, options: SiteOptions = SiteOptions(),
    documentDigests: [String: Digest] = [:], configuration: Digest? = nil
  ) {
    self.init(
      corpus: corpus, theme: theme, options: options, documentDigests: documentDigests,
      configuration: configuration, layout: SiteLayout(corpus: corpus))
  }

  /// A renderer for a corpus whose layout is already worked out (`SiteBuilder` needs it first,
  /// to read the attachments and start the search index).
  init(
    corpus: Corpus, theme: Theme, options: SiteOptions, documentDigests: [String: Digest],
    configuration: Digest?, layout: SiteLayout
  ) {
    self.corpus = corpus
    self.options = options
    self.layout = layout
    let index = SiteIndex(corpus: corpus, layout: layout)
    self.index = index
    let asOf = Metrics.latestCommit(in: corpus)
    self.asOf = asOf
    let pages = corpus.configuration.sitePages
    self.metrics =
      pages.metrics
      ? Background { Metrics(corpus: corpus, asOf: asOf ?? Date(timeIntervalSince1970: 0)) } : nil
    var nav = [NavLink(key: "home", title: "Home", url: "index.html")]
    for collection in corpus.configuration.collections {
      if let url = layout.collectionPages[collection.name] {
        nav.append(NavLink(key: collection.name, title: collection.name.capitalized, url: url))
      }
    }
    if !index.byTag.isEmpty {
      nav.append(NavLink(key: "tags", title: "Tags", url: "tags/index.html"))
    }
    if !index.people.isEmpty {
      nav.append(NavLink(key: "people", title: "People", url: "people/index.html"))
    }
    nav.append(NavLink(key: "actions", title: "Open calls", url: "actions/index.html"))
    let digests = SiteRenderer.hasDigests(corpus)
    if digests {
      nav.append(NavLink(key: "digests", title: "Digests", url: SiteRenderer.digestsPage))
    }
    if pages.metrics {
      nav.append(NavLink(key: "metrics", title: "Metrics", url: "metrics/index.html"))
    }
    var baseURL = options.baseURL ?? corpus.configuration.baseURL
    if let value = baseURL, !value.hasSuffix("/") { baseURL = value + "/" }
    let site = SiteInfo(
      title: corpus.configuration.title, baseURL: baseURL, nav: nav,
      repositoryURL: corpus.configuration.repositoryURL,
      feeds: SiteRenderer.logKinds(corpus).map { kind in
        NavLink(
          key: kind.name, title: kind.plural.prefix(1).uppercased() + kind.plural.dropFirst(),
          url: "feeds/" + SiteLayout.segment(kind.plural.lowercased()) + ".xml")
      }
        + (digests
          ? [NavLink(key: "digests", title: "Weekly digests", url: SiteRenderer.digestFeed)] : []),
      generator: options.generator)
    self.pageRenderer = PageRenderer(
      theme: theme, site: site, pages: PageAddresses(layout.pages),
      attachments: layout.attachments,
      unsafeHTML: corpus.configuration.unsafeHTML,
      repositoryURL: corpus.configuration.repositoryURL, trees: index.trees,
      documentDigests: documentDigests, configuration: configuration)
  }

  /// Repository paths of the files documents link to that the site copies (images,
  /// attachments), sorted; read their bytes with `Loader.siteInputs` and pass them to `render`.
  public var attachmentPaths: [String] { layout.attachments.sorted() }

  /// Files documents link to that the site does not publish, since they could run script in
  /// its origin: active types, and SVGs that are not inert (`SiteLayout.isInert`), judged on
  /// `attachments`, the bytes of `attachmentPaths`. Sorted; empty when the repository is trusted.
  public func withheld(attachments: [String: [UInt8]]) -> [String] {
    guard !corpus.configuration.unsafeHTML else { return [] }
    let unsafe = attachments.filter { !SiteLayout.isInert($0.key, $0.value) }.keys
    return layout.withheld.union(unsafe).sorted()
  }

  /// Starts building the search index on another thread, given the documents and where their
  /// pages go (`SiteLayout.pages`); with `keepingState`, with what `BuildState` keeps of it.
  ///
  /// The index reads nothing else, so it is built while the rest of the site is (and while Load
  /// reads the history, see `SiteBuilder`): its serial parts run while other work keeps the
  /// other cores busy.
  ///
  /// - Parameter memo: what an earlier build in the same process read; with it, the runs read
  ///   are kept for the next (`Built.memo`), and without it nothing is kept.
  static func searchIndex(
    _ documents: [Document], pages: [String: String], memo: SearchMemo? = nil,
    keepingState: Bool = false
  ) -> Background<SearchIndex.Built> {
    Background {
      SearchIndex.build(
        documents: documents, pageURL: { pages[$0.path] ?? SearchIndex.defaultPageURL($0) },
        memo: memo, keepingState: keepingState)
    }
  }

  /// The kinds listed as logs (records and reports) that have documents, in the order their
  /// collections are declared: each has a feed and a recent list on the home page.
  static func logKinds(_ corpus: Corpus) -> [KindSchema] {
    var seen: Set<String> = []
    var kinds: [KindSchema] = []
    let present = Set(corpus.documents.map(\.kind))
    for collection in corpus.configuration.collections where present.contains(collection.kind) {
      let schema = corpus.configuration.schema(ofKind: collection.kind)
      if schema.listing.isLog, seen.insert(collection.kind).inserted { kinds.append(schema) }
    }
    return kinds
  }

  /// A page to render.
  enum Job: Sendable {
    case home
    case collection(Collection)
    case updates(Collection, grouping: String)
    case document(Int)
    case folder(collection: String, node: Int)
    case tags
    case tag(String)
    case people
    case person(String)
    case actions
    case metrics
    case search
    case notFound
  }

  /// Renders every page, feed and asset.
  ///
  /// - Parameters:
  ///   - attachments: bytes of `attachmentPaths`; missing ones are left out.
  ///   - cache: what the previous build rendered; a page whose key is there is not rendered
  ///     again (see `RenderCache`).
  /// - Throws: `TemplateError` when the theme lacks a template or one does not render.
  public func render(
    attachments: [String: [UInt8]] = [:], cache: RenderCache = RenderCache()
  ) throws(TemplateError) -> RenderedSite {
    try render(attachments: attachments, cache: cache, search: nil).site
  }

  /// What a render worked out that `BuildState` keeps, by document offset in the corpus: each
  /// document's page context and the digest of its face (`SiteIndex.Face`), and where its
  /// record is in `documents.json`.
  struct Kept: Sendable {
    var contexts: [DocumentContext]
    var faces: [Digest]
    var records: [String: Range<Int>]
  }

  /// Renders every page, feed and asset, with the search index `search` when it was started
  /// already (see `searchIndex(_:pages:)`); with `keeping`, also what `BuildState` keeps. With
  /// `stream`, each page is written as soon as it is rendered, and the site holds it without
  /// its bytes (`SiteFile.isWritten`).
  func render(
    attachments: [String: [UInt8]], cache: RenderCache, search: Background<SearchIndex.Built>?,
    keeping: Bool = false, stream: SiteWriter.Stream? = nil
  ) throws(TemplateError) -> (site: RenderedSite, kept: Kept?) {
    // The search index, the feeds and `documents.json` read only the corpus and the layout: they
    // are built beside the pages, so that their serial parts run while the pages keep the other
    // cores busy.
    let search = search ?? SiteRenderer.searchIndex(corpus.documents, pages: layout.pages)
    let table = DependencyTable(renderer: self)
    let listings = Background {
      let (json, ranges) = self.documentsJSONWithRanges()
      return (
        self.feeds() + [SiteFile(path: "documents.json", text: json + "\n")]
          + (self.metrics.map { [SiteFile(path: "metrics.json", text: $0.value.json())] } ?? []),
        keeping ? ranges : [:],
        Result { () throws(TemplateError) in try self.digestFiles(cache: cache, table: table) }
      )
    }
    let results = renderPages(
      jobs(), cache: cache, table: table, keeping: keeping, stream: stream)
    var files: [SiteFile] = []
    files.reserveCapacity(results.count + attachments.count + 8)
    var kept: Kept?
    if keeping { kept = Kept(contexts: [], faces: [], records: [:]) }
    for result in results {
      let rendered = try result.get()
      files.append(rendered.file)
      if keeping, let context = rendered.context, case .document(let offset) = rendered.job {
        kept?.contexts.append(context)
        kept?.faces.append(index.faces[corpus.documents[offset].path] ?? Dependency.never)
      }
    }
    files += otherFiles(attachments: attachments, search: search.value)
    let (listed, ranges, digests) = listings.value
    files += listed
    files += try digests.get()
    kept?.records = ranges
    files.append(SiteFile(path: "sitemap.xml", text: sitemap(files.map(\.path))))
    return (RenderedSite(files: files), kept)
  }

  /// Every page to render, those that list many documents first, so that no core is left with
  /// one of them at the end while the other has nothing to do.
  func jobs() -> [Job] {
    var jobs: [Job] = [.home, .tags, .actions, .search, .notFound]
    if !index.people.isEmpty { jobs.append(.people) }
    for collection in corpus.configuration.collections {
      if corpus.configuration.schema(ofKind: collection.kind).listing == .report {
        for grouping in ["date", "team", "author"] {
          jobs.append(.updates(collection, grouping: grouping))
        }
      } else if index.trees[collection.name] == nil
        || !corpus.documents.contains(where: {
          layout.pages[$0.path] == layout.collectionPages[collection.name]
        })
      {
        jobs.append(.collection(collection))
      }
    }
    jobs += index.byTag.keys.sorted().map { Job.tag($0) }
    jobs += index.people.keys.sorted().map { Job.person($0) }
    for (name, tree) in index.trees.sorted(by: { $0.key < $1.key }) {
      jobs += tree.generatedFolders.map { Job.folder(collection: name, node: $0) }
    }
    jobs += corpus.documents.indices.map { Job.document($0) }
    // Last: its numbers are worked out beside the other pages.
    if metrics != nil { jobs.append(.metrics) }
    return jobs
  }

  /// Renders the pages in parallel, saying how far it got (`SiteOptions.progress`), each
  /// document's page with its context; with `stream`, each page written as soon as it is
  /// rendered.
  private func renderPages(
    _ jobs: [Job], cache: RenderCache, table: DependencyTable, keeping: Bool,
    stream: SiteWriter.Stream?
  ) -> [Result<Rendered, TemplateError>] {
    let total = jobs.count
    let done = Atomic<Int>(0)
    let progress = options.progress
    return jobs.parallelMap { job -> Result<Rendered, TemplateError> in
      // Written or fitted where it is made: a copy of a page retains each of its fields.
      let result = Result { () throws(TemplateError) -> Rendered in
        let reads = DependencyRecorder(table: table)
        let spec = try describe(job, reads: reads)
        var file = try pageRenderer.file(spec, reads: reads, cache: cache)
        if let stream {
          // What the page read is kept for the next build, though its bytes are on disk.
          let record = file.record
          file = stream.put(file)
          file.record = record
        } else {
          file.fit()
        }
        return Rendered(job: job, file: file, context: spec.context)
      }
      if let progress {
        let count = done.add(1, ordering: .relaxed).newValue
        if count % 250 == 0 || count == total { progress(count, total) }
      }
      return result
    }
  }

  /// The files besides the pages: the theme's assets, the search client and index, the
  /// attachments published, the handbook trees' scripts and `.nojekyll`.
  private func otherFiles(
    attachments: [String: [UInt8]], search: SearchIndex.Built
  ) -> [SiteFile] {
    var files: [SiteFile] = []
    for (path, bytes) in theme.assets {
      files.append(SiteFile(path: "assets/" + path, bytes: bytes))
    }
    for (path, bytes) in theme.searchClient {
      files.append(SiteFile(path: SearchIndex.folder + "/" + path, bytes: bytes))
    }
    for file in search.files {
      files.append(SiteFile(path: file.path, bytes: file.bytes))
    }
    let withheld = Set(withheld(attachments: attachments))
    for path in attachmentPaths where !withheld.contains(path) {
      if let bytes = attachments[path] {
        files.append(SiteFile(path: SiteLayout.attachmentPath(path), bytes: bytes))
      }
    }
    for (_, tree) in index.trees.sorted(by: { $0.key < $1.key }) {
      files.append(SiteFile(path: tree.scriptPath, text: tree.script()))
    }
    files.append(SiteFile(path: ".nojekyll", text: ""))
    return files
  }

  /// A page rendered, with a document's context, which `BuildState` keeps.
  private struct Rendered {
    var job: Job
    var file: SiteFile
    var context: DocumentContext?
  }

  // MARK: - Pages

  /// A page to render: where it goes, its template, title, section, and how its view model is
  /// built, noting what it reads; a document's page also has its context.
  struct PageSpec {
    var path: String
    var template: String
    var title: String
    var section: String
    var context: DocumentContext?
    var content: (DependencyRecorder) -> PageContent

    init(
      path: String, template: String, title: String, section: String,
      context: DocumentContext? = nil, content: @escaping (DependencyRecorder) -> PageContent
    ) {
      self.path = path
      self.template = template
      self.title = title
      self.section = section
      self.context = context
      self.content = content
    }
  }

  /// What a page is: where it goes, its template, title and section, and how its view model
  /// is built; `reads` notes what the title and section read.
  func describe(_ job: Job, reads: DependencyRecorder) throws(TemplateError) -> PageSpec {
    switch job {
    case .home:
      return PageSpec(path: "index.html", template: "home", title: site.title, section: "home") {
        .home(homeView($0))
      }
    case .collection(let collection): return collectionSpec(collection)
    case .updates(let collection, let grouping): return updatesSpec(collection, grouping)
    case .document(let offset):
      let document = corpus.documents[offset]
      let context = context(of: document)
      // The context is worked out already: neither the table nor the page works it out again.
      let digest = Dependency.digest(of: context)
      reads.table?.provide(Dependency(.context, document.path), digest)
      return pageRenderer.documentSpec(
        document, context: context, history: corpus.history[document.path],
        contextDigest: digest)
    case .folder(let collection, let node):
      guard let tree = index.trees[collection] else { throw missing(collection) }
      reads.use(Dependency.node(.folder, collection, node))
      return PageSpec(
        path: tree.nodes[node].url, template: "handbook", title: tree.nodes[node].title,
        section: collection
      ) { .folder(folderView(collection: collection, node: node, reads: $0)) }
    case .tags, .tag, .people, .person, .actions: return try describeIndex(job, reads: reads)
    case .metrics:
      guard let metrics else { throw missing("metrics") }
      // Worked out from every document's history and responses: rendered by every whole build.
      reads.use(Dependency(.digest, "metrics"), digest: Dependency.never)
      return PageSpec(
        path: "metrics/index.html", template: "metrics", title: "Metrics", section: "metrics"
      ) { _ in .metrics(metricsView(metrics.value)) }
    case .search:
      return PageSpec(
        path: SearchIndex.folder + "/index.html", template: "search", title: "Search",
        section: "search"
      ) { _ in .search }
    case .notFound:
      return PageSpec(path: "404.html", template: "404", title: "Page not found", section: "") {
        _ in .notFound
      }
    }
  }

  /// A collection's index page: its log, or its handbook's root folder.
  private func collectionSpec(_ collection: Collection) -> PageSpec {
    let path = layout.collectionPages[collection.name] ?? "index.html"
    let isTree = index.trees[collection.name] != nil
    return PageSpec(
      path: path, template: isTree ? "handbook" : "log", title: collection.name.capitalized,
      section: collection.name
    ) { reads in
      isTree
        ? .folder(folderView(collection: collection.name, node: 0, reads: reads))
        : .log(logView(collection, page: path, reads: reads))
    }
  }

  /// One of a report collection's pages: by date (its index), by team or by author.
  private func updatesSpec(_ collection: Collection, _ grouping: String) -> PageSpec {
    let base = layout.collectionPages[collection.name] ?? "index.html"
    let path =
      grouping == "date"
      ? base : String(base.dropLast("index.html".count)) + "by-\(grouping)/index.html"
    return PageSpec(
      path: path, template: "updates",
      title: collection.name.capitalized + (grouping == "date" ? "" : " by \(grouping)"),
      section: collection.name
    ) { .updates(updatesView(collection, grouping: grouping, page: path, reads: $0)) }
  }

  /// The pages of tags, people and open calls to action.
  private func describeIndex(
    _ job: Job, reads: DependencyRecorder
  ) throws(TemplateError) -> PageSpec {
    switch job {
    case .tag(let tag):
      let path = SiteIndex.tagURL(tag)
      return PageSpec(path: path, template: "tag", title: "Tagged ‘\(tag)’", section: "tags") {
        .tag(tagView(tag, page: path, reads: $0))
      }
    case .people:
      return PageSpec(
        path: "people/index.html", template: "people", title: "People", section: "people"
      ) { reads in
        reads.use(Dependency(.people))
        return .people(
          PeopleView(
            people: index.people.keys.sorted().compactMap { index.people[$0] }.map(personLink)))
      }
    case .person(let key):
      guard let person = index.people[key] else { throw missing(key) }
      reads.use(Dependency(.people))
      return PageSpec(
        path: person.url, template: "person", title: person.name ?? "@" + person.handle,
        section: "people"
      ) { .person(personView(person, page: person.url, reads: $0)) }
    case .actions:
      return PageSpec(
        path: "actions/index.html", template: "actions", title: "Open calls to action",
        section: "actions"
      ) { reads in
        reads.use(Dependency(.actions))
        return .actions(ActionsView(actions: index.actions.map(actionView)))
      }
    case .tags:
      return PageSpec(path: "tags/index.html", template: "tags", title: "Tags", section: "tags") {
        reads in
        reads.use(Dependency(.tags))
        return .tags(
          TagsView(
            tags: index.byTag.keys.sorted().map {
              TagLink(name: $0, url: SiteIndex.tagURL($0), count: index.byTag[$0]?.count ?? 0)
            }))
      }
    default: throw missing("\(job)")
    }
  }

  /// Template `tag`: the documents with one tag, most recent first.
  func tagView(_ tag: String, page: String, reads: DependencyRecorder) -> TagView {
    reads.use(Dependency(.rows, "tag:" + tag))
    let rows = recentFirst(index.byTag[tag] ?? [])
    let shown = Array(rows.prefix(SiteRenderer.listLimit))
    return TagView(
      tag: tag, rows: listed(shown, on: page), count: rows.count,
      more: more(rows, shown: shown.count, filter: "tag", value: tag))
  }

  private func missing(_ name: String) -> TemplateError {
    TemplateError(path: name, message: "internal error: no page data for '\(name)'")
  }

  func personLink(_ person: SiteIndex.PersonEntry) -> PersonLink {
    PersonLink(
      handle: person.handle, name: person.name ?? person.handle, team: person.team,
      url: SiteLayout.href(person.url))
  }

  func actionView(_ action: SiteIndex.ActionItem) -> ActionView {
    ActionView(action: self.action(action))
  }

  /// An open call to action as pages show it.
  func action(_ action: SiteIndex.ActionItem) -> DocumentContext.Action {
    let row = index.rows[action.path]
    return DocumentContext.Action(
      row: row, title: row?.title ?? action.path,
      url: SiteLayout.href(row?.url ?? "") + "#" + action.sectionAnchor,
      deadline: action.deadline?.description,
      responders: action.responders.map { handle in
        DocumentContext.Link(
          text: handle, url: index.people[handle.lowercased()].map { SiteLayout.href($0.url) })
      })
  }

  // MARK: - Lists

  func homeView(_ reads: DependencyRecorder) -> HomeView {
    reads.use(Dependency(.rows))
    reads.use(Dependency(.actions))
    let rows = corpus.documents.compactMap { index.rows[$0.path] }
    let recent = SiteRenderer.logKinds(corpus).map { kind in
      HomeView.Recent(
        title: "Recent " + kind.plural,
        anchor: SiteLayout.segment(kind.plural.lowercased()) + "-title",
        rows: Array(
          rows.filter { $0.kind == kind.name }.sorted { a, b in
            (a.date ?? "", b.id) > (b.date ?? "", a.id)
          }.prefix(8)))
    }
    let review = rows.filter { $0.reviewBy != nil }.sorted { a, b in
      (a.reviewBy ?? "", a.path) < (b.reviewBy ?? "", b.path)
    }.prefix(8)
    let collections = corpus.configuration.collections.map { collection in
      HomeView.CollectionLink(
        name: collection.name.capitalized,
        url: SiteLayout.href(layout.collectionPages[collection.name] ?? "index.html"),
        count: corpus.documents.lazy.filter { $0.collection == collection.name }.count)
    }
    return HomeView(
      recent: recent, actions: index.actions.prefix(8).map(actionView),
      actionCount: index.actions.count, reviewDue: Array(review), collections: collections,
      documentCount: corpus.documents.count)
  }

  func logView(_ collection: Collection, page: String, reads: DependencyRecorder) -> LogView {
    reads.use(Dependency(.rows, "collection:" + collection.name))
    let rows = corpus.documents.filter { $0.collection == collection.name }
      .sorted { $0.identifier > $1.identifier }.compactMap { index.rows[$0.path] }
    func options(_ values: [String]) -> [FilterOption] {
      var counts: [String: Int] = [:]
      for value in values { counts[value, default: 0] += 1 }
      return counts.keys.sorted().map { FilterOption(value: $0, count: counts[$0] ?? 0) }
    }
    return LogView(
      collection: collection.name, rows: listed(rows, on: page),
      statuses: options(rows.compactMap(\.status)),
      tags: options(rows.flatMap { $0.tags.map(\.name) }),
      owners: options(rows.compactMap(\.owner)))
  }

  func updatesView(
    _ collection: Collection, grouping: String, page: String, reads: DependencyRecorder
  ) -> UpdatesView {
    reads.use(Dependency(.rows, "collection:" + collection.name))
    let rows = corpus.documents.filter { $0.collection == collection.name }
      .compactMap { index.rows[$0.path] }
      .sorted { a, b in (a.date ?? "", b.path) > (b.date ?? "", a.path) }
    var groups: [(String, [DocumentRow])] = []
    var positions: [String: Int] = [:]
    for row in rows {
      let key: String =
        switch grouping {
        case "team": row.team ?? "No team"
        case "author": row.owner.map { "@" + $0 } ?? "No author"
        default: row.date.map { String($0.prefix(7)) } ?? "Undated"
        }
      if let position = positions[key] {
        groups[position].1.append(row)
      } else {
        positions[key] = groups.count
        groups.append((key, [row]))
      }
    }
    if grouping != "date" { groups.sort { $0.0.lowercased() < $1.0.lowercased() } }
    let base = String((layout.collectionPages[collection.name] ?? "").dropLast("index.html".count))
    let views = [
      ("date", "By date", "index.html"), ("team", "By team", "by-team/index.html"),
      ("author", "By author", "by-author/index.html"),
    ].map { key, title, page in
      TabView(title: title, url: SiteLayout.href(base + page), current: key == grouping)
    }
    return UpdatesView(
      collection: collection.name, grouping: grouping, views: views, count: rows.count,
      groups: groups.map { title, rows in
        RowGroup(
          title: title, anchor: SiteLayout.segment(title.lowercased()),
          rows: listed(rows, on: page))
      })
  }

  func folderView(collection: String, node: Int, reads: DependencyRecorder) -> FolderView {
    guard let tree = index.trees[collection] else {
      return FolderView(collection: collection, children: [], navigation: nil, breadcrumbs: [])
    }
    reads.use(Dependency.node(.folder, collection, node))
    reads.use(Dependency.node(.navigation, collection, node))
    return FolderView(
      collection: collection, children: folderChildren(tree, node: node),
      navigation: tree.navigation(open: node),
      breadcrumbs: breadcrumbs(tree, node: node).views(.title))
  }

  /// What a folder's page lists: each page or folder it holds.
  func folderChildren(_ tree: HandbookTree, node: Int) -> [FolderView.Child] {
    tree.nodes[node].children.map { child -> FolderView.Child in
      let item = tree.nodes[child]
      let row = item.documentPath.flatMap { index.rows[$0] }
      return FolderView.Child(
        title: item.title, url: SiteLayout.href(item.url), isFolder: item.isFolder,
        summary: row?.summary, count: item.children.count)
    }
  }

  /// The digest of what a folder's page shows of its folder (`Dependency.Facet.folder`): its
  /// key and title, its breadcrumbs, and what it lists.
  func folderDigest(_ tree: HandbookTree, node: Int) -> Digest {
    Dependency.digest { writer in
      writer.string(tree.nodes[node].key)
      writer.string(tree.nodes[node].title)
      writer.list(breadcrumbs(tree, node: node)) { $0.link($1) }
      writer.list(folderChildren(tree, node: node)) { writer, child in
        writer.string(child.title)
        writer.string(child.url)
        writer.bool(child.isFolder)
        writer.optionalString(child.summary)
        writer.natural(child.count)
      }
    }
  }

  func breadcrumbs(_ tree: HandbookTree, node: Int) -> [DocumentContext.Link] {
    tree.ancestry(of: node).dropLast().map {
      DocumentContext.Link(text: tree.nodes[$0].title, url: SiteLayout.href(tree.nodes[$0].url))
    }
  }

  func personView(
    _ person: SiteIndex.PersonEntry, page: String, reads: DependencyRecorder
  ) -> PersonView {
    let key = person.handle.lowercased()
    for facet in [Dependency(.people), Dependency(.actions), Dependency(.kinds)] {
      reads.use(facet)
    }
    reads.use(Dependency(.rows, "owner:" + key))
    let owned = recentFirst(index.byOwner[key] ?? [])
    let configuration = corpus.configuration
    let owns = owned.filter { configuration.schema(ofKind: $0.kind).listing != .report }
    let wrote = owned.filter { configuration.schema(ofKind: $0.kind).listing == .report }
    let limit = SiteRenderer.listLimit
    let reports = SiteRenderer.logKinds(corpus).filter { $0.listing == .report }.map(\.plural)
      .joined(separator: " and ")
    return PersonView(
      handle: person.handle, name: person.name ?? person.handle, team: person.team,
      timeZone: person.timeZone, owns: Array(owns.prefix(limit)),
      ownsMore: more(
        owns, shown: min(limit, owns.count), filter: "owner",
        value: owns.first?.owner ?? person.handle),
      wrote: Array(wrote.prefix(limit)),
      wroteTitle: reports.prefix(1).uppercased() + reports.dropFirst() + " written",
      wroteMore: more(
        wrote, shown: min(limit, wrote.count), filter: "owner",
        value: wrote.first?.owner ?? person.handle),
      owes: (index.owes[key] ?? []).map { actionView(index.actions[$0]) })
  }

  /// The rows of documents, most recent first (undated last), then by path.
  func recentFirst(_ paths: [String]) -> [DocumentRow] {
    paths.compactMap { index.rows[$0] }.sorted { a, b in
      (a.date ?? "", b.path) > (b.date ?? "", a.path)
    }
  }

  /// Rows as a list page at `page` shows them, each with its rendered `row` partial.
  func listed(_ rows: [DocumentRow], on page: String) -> [ListedRow] {
    let root = SiteLayout.rootPrefix(of: page)
    return rows.map { ListedRow(row: $0, root: root, fragments: rowFragments) }
  }

  /// What a capped list leaves out: how many rows, and the filtered logs that list them all
  /// (`count` and `links`, each with `title`, `url` and `separator`), or nil when nothing is
  /// left out.
  ///
  /// A log is linked when it has client-side filters (a collection with a `log` page) and holds
  /// some of the rows left out; its filter query (`?tag=…`, `?owner=…`) is in the link. Updates
  /// left out of an owner's list link to the author's group on the updates-by-author page.
  func more(_ rows: [DocumentRow], shown: Int, filter: String, value: String) -> MoreView? {
    guard rows.count > shown else { return nil }
    let hidden = rows[shown...]
    var links: [MoreView.Link] = []
    for collection in corpus.configuration.collections where index.trees[collection.name] == nil {
      guard let page = layout.collectionPages[collection.name],
        hidden.contains(where: { $0.collection == collection.name })
      else { continue }
      if corpus.configuration.schema(ofKind: collection.kind).listing == .report {
        guard filter == "owner" else { continue }
        let byAuthor = String(page.dropLast("index.html".count)) + "by-author/index.html"
        links.append(
          MoreView.Link(
            title: collection.name + " by author", separator: links.isEmpty ? "" : " and ",
            url: SiteLayout.href(byAuthor) + "#group-"
              + SiteLayout.segment(("@" + value).lowercased())))
        continue
      }
      let query =
        value.addingPercentEncoding(withAllowedCharacters: SiteRenderer.queryAllowed) ?? value
      links.append(
        MoreView.Link(
          title: collection.name + " log filtered by this " + filter,
          separator: links.isEmpty ? "" : " and ",
          url: SiteLayout.href(page) + "?" + filter + "=" + query))
    }
    return MoreView(count: hidden.count, links: links)
  }

  /// Characters a query value keeps as they are.
  static let queryAllowed = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
