import BatonMarkdown
import Foundation

extension SiteRenderer {
  /// The view model of a document's page (templates `decision`, `update`, `page`).
  func documentView(_ document: Document, page: String) -> Values {
    let row = index.rows[document.path]
    var values: [String: Any] = [
      "id": document.identifier.text, "kind": document.kind, "collection": document.collection,
      "collectionTitle": document.collection.capitalized,
      "collectionURL": SiteLayout.href(layout.collectionPages[document.collection] ?? "index.html"),
      "status": document.status?.value as Any,
      "statusClass": document.status.map { SiteLayout.segment($0.value) } as Any,
      "isDecision": document.kind == "decision", "isUpdate": document.kind == "update",
      "isPage": index.trees[document.collection] != nil,
      "sourcePath": document.path, "body": body(document, page: page),
      "owner": row?.owner as Any, "ownerURL": row?.ownerURL.map(SiteLayout.href) as Any,
      "date": row?.date as Any, "team": row?.team as Any, "reviewBy": row?.reviewBy as Any,
      "tags": row?.tags ?? [], "metadata": metadata(document), "breadcrumbs": [Values](),
    ]
    if let digest = documentDigests[document.path] {
      // Built from the body alone: keyed by the document's bytes, built only when rendered.
      var hasher = StableHasher()
      hasher.combine(0x746F_63 as UInt64)
      hasher.combine(digest)
      values["toc"] = LazyValue(key: hasher.finalize()) { SiteRenderer.toc(document) }
    } else {
      values["toc"] = SiteRenderer.toc(document)
    }
    if let action = index.actionByPath[document.path] {
      values["action"] = actionView(index.actions[action])
    }
    let chain = supersedeChain(document.path)
    values["chain"] = chain.count > 1 ? chain : [Values]()
    values["supersedes"] = (index.supersedes[document.path] ?? []).compactMap { index.rows[$0] }
    values["supersededBy"] = (index.supersededBy[document.path] ?? []).compactMap {
      index.rows[$0]
    }
    // A document everyone links to would list thousands: the first hundred and a count.
    let backlinks = (corpus.backlinks[document.path] ?? []).compactMap { index.rows[$0] }
    values["backlinks"] = Array(backlinks.prefix(SiteRenderer.listLimit))
    if backlinks.count > SiteRenderer.listLimit {
      values["backlinksMore"] = Values(["count": backlinks.count - SiteRenderer.listLimit])
    }
    if let history = corpus.history[document.path] {
      values["history"] = LazyValue(key: historyKey(history)) { historyView(history) }
    }
    if let edit = repositoryLink("edit", corpus.configuration.editBranch, document.path) {
      values["editLink"] = edit
    }
    if let tree = index.trees[document.collection],
      let node = tree.nodeByDocument[document.path]
    {
      values["tree"] = tree.lazyNavigation(open: node)
      values["breadcrumbs"] = breadcrumbs(tree, node: node)
    }
    return Values(values)
  }

  /// The table of contents: the body's level 2 and 3 headings, when there are two or more.
  static func toc(_ document: Document) -> [Values] {
    let headings = (document.body?.headings ?? []).filter { (2...3).contains($0.level) }
    guard headings.count > 1 else { return [] }
    return headings.map { Values(["title": $0.text, "anchor": $0.slug, "isSub": $0.level == 3]) }
  }

  /// A key for everything `historyView` reads, so the view is built only when a page is
  /// rendered: the history's events, contributors and flags, and the repository's address.
  func historyKey(_ history: DocumentHistory) -> Digest {
    var hasher = StableHasher()
    hasher.combine(0x6869_7374 as UInt64)
    hasher.combine(corpus.configuration.repositoryURL ?? "\u{0}")
    func combine(_ event: DocumentHistory.Event?) {
      guard let event else { return hasher.combine(false) }
      hasher.combine(true)
      hasher.combine(event.commit)
      hasher.combine(event.authorName)
      hasher.combine(event.date.timeIntervalSince1970.bitPattern)
      hasher.combine(event.timeZoneOffsetMinutes)
      hasher.combine(event.subject)
    }
    combine(history.created)
    combine(history.updated)
    hasher.combine(history.contributors.count)
    for contributor in history.contributors {
      hasher.combine(contributor.name)
      hasher.combine(contributor.commits)
    }
    hasher.combine(history.commits.count)
    for commit in history.commits.prefix(50) { combine(commit) }
    hasher.combine(history.statusTimeline.count)
    for change in history.statusTimeline {
      hasher.combine(change.status)
      combine(change.event)
    }
    hasher.combine(history.isDraft)
    hasher.combine(history.isApproximate)
    return hasher.finalize()
  }

  /// The body as HTML rendered only when a template shows it, keyed by the document's bytes and
  /// everything its links resolve against; without the document's digest it is rendered at once
  /// (and the page keyed by the HTML itself).
  func body(_ document: Document, page: String) -> Any {
    guard let digest = documentDigests[document.path] else {
      return bodyHTML(document, page: page)
    }
    var hasher = StableHasher()
    hasher.combine(digest)
    hasher.combine(document.path)
    hasher.combine(page)
    hasher.combine(layoutDigest)
    return LazyHTML(key: hasher.finalize()) { bodyHTML(document, page: page) }
  }

  /// The document's Markdown as HTML: links to other documents lead to their pages (anchors
  /// kept), links to attachments to their copies; unsafe HTML and URLs neutralised unless
  /// `unsafe-html: true`.
  func bodyHTML(_ document: Document, page: String) -> String {
    guard let body = document.body else { return "" }
    let prefix = SiteLayout.rootPrefix(of: page)
    let pages = layout.pages
    let attachments = layout.attachments
    let from = document.path
    let rewrite: @Sendable (String) -> String = { url in
      guard !url.hasPrefix("#"),
        DocumentLink.isRelative(url), let target = DocumentLink.target(of: url, from: from)
      else { return url }
      let fragment = url.firstIndex(of: "#").map { String(url[$0...]) } ?? ""
      if let page = pages[target] { return prefix + SiteLayout.href(page) + fragment }
      if attachments.contains(target) {
        return prefix + SiteLayout.href(SiteLayout.attachmentPath(target)) + fragment
      }
      return url
    }
    let skipsTitle = document.title?.origin == .heading
    let renderer = HTMLRenderer(
      options: HTMLRenderer.Options(
        allowUnsafeHTML: corpus.configuration.unsafeHTML, headingAnchors: true,
        rewriteURL: rewrite, skipFirstHeadingOfLevel: skipsTitle ? 1 : nil))
    var html = renderer.render(body)
    // Table alignment as classes: the Content-Security-Policy forbids inline styles.
    if html.containsUTF8(" style=\"text-align: ") {
      for side in ["left", "center", "right"] {
        html = html.replacingOccurrences(
          of: " style=\"text-align: \(side)\"", with: " class=\"align-\(side)\"")
      }
    }
    return html
  }

  /// The order of the fields the metadata panel lists first; the rest follow by name.
  private static let metadataOrder = [
    "status", "owner", "author", "team", "date", "deciders", "decision-makers", "consulted",
    "informed", "respond-by", "review-by", "reviewed", "supersedes", "superseded-by", "related",
  ]
  private static let metadataSkipped: Set<String> = ["title", "tags", "order"]
  private static let personFields: Set<String> = [
    "owner", "author", "deciders", "decision-makers", "consulted", "informed",
  ]
  private static let documentFields: Set<String> = ["supersedes", "superseded-by", "related"]

  /// A field's name as a label: `respond-by` → `Respond by`.
  static func label(_ key: String) -> String {
    var bytes = Array(key.utf8)
    for index in bytes.indices where bytes[index] == UInt8(ascii: "-") {
      bytes[index] = UInt8(ascii: " ")
    }
    if let first = bytes.first, first.isASCIILowercase {
      bytes[0] = first - 32
      return String(decoding: bytes, as: UTF8.self)
    }
    let label = String(decoding: bytes, as: UTF8.self)
    return label.prefix(1).uppercased() + label.dropFirst()
  }

  /// The metadata panel: each field with its values, people and documents linked.
  func metadata(_ document: Document) -> [Values] {
    let order = SiteRenderer.metadataOrder
    let skipped = SiteRenderer.metadataSkipped
    let people = SiteRenderer.personFields
    let documents = SiteRenderer.documentFields
    let keys = document.fields.keys.filter { !skipped.contains($0) }.sorted { a, b in
      let (x, y) = (order.firstIndex(of: a) ?? order.count, order.firstIndex(of: b) ?? order.count)
      return x != y ? x < y : a < b
    }
    return keys.compactMap { key -> Values? in
      guard let field = document.fields[key] else { return nil }
      let items: [Values] = field.value.items.map { item in
        var url: String?
        var text = item
        if people.contains(key) {
          let handle = Person.handle(from: item)
          url = index.people[handle.lowercased()]?.url
          if url != nil { text = "@" + handle }
        } else if documents.contains(key), let target = corpus.resolve(item, from: document) {
          url = layout.pages[target.path]
          text = target.identifier.text + " " + target.displayTitle
        }
        return Values(["text": text, "url": url.map(SiteLayout.href) as Any])
      }
      return Values(["key": key, "label": SiteRenderer.label(key), "items": items])
    }
  }

  /// The supersede chain through this document, oldest first, following the first link each
  /// way; empty links and cycles end it.
  func supersedeChain(_ path: String) -> [Values] {
    var seen: Set<String> = [path]
    var before: [String] = []
    var current = path
    while let previous = index.supersedes[current]?.first, seen.insert(previous).inserted {
      before.insert(previous, at: 0)
      current = previous
    }
    var after: [String] = []
    current = path
    while let next = index.supersededBy[current]?.first, seen.insert(next).inserted {
      after.append(next)
      current = next
    }
    return (before + [path] + after).compactMap { item in
      guard let row = index.rows[item] else { return nil }
      return Values([
        "title": row.title, "id": row.id, "url": SiteLayout.href(row.url),
        "status": row.status as Any, "statusClass": row.status.map(SiteLayout.segment) as Any,
        "current": item == path,
      ])
    }
  }

  /// What git says about the document; only built when history was read.
  func historyView(_ history: DocumentHistory) -> Values {
    func event(_ event: DocumentHistory.Event) -> Values {
      Values([
        "commit": event.commit, "shortCommit": event.shortCommit,
        "commitLink": repositoryLink("commit", event.commit, nil) as Any,
        "author": event.authorName, "date": SiteRenderer.day(of: event).description,
        "subject": event.subject,
      ])
    }
    return Values([
      "created": history.created.map(event) as Any,
      "updated": history.updated.map(event) as Any,
      "contributors": history.contributors.map {
        Values(["name": $0.name, "commits": $0.commits])
      },
      "commits": history.commits.prefix(50).map(event),
      "moreCommits": max(0, history.commits.count - 50),
      "statusTimeline": history.statusTimeline.map { change in
        Values([
          "status": change.status, "statusClass": SiteLayout.segment(change.status),
          "event": event(change.event),
        ])
      },
      "isDraft": history.isDraft, "isApproximate": history.isApproximate,
    ])
  }

  /// The day of a commit in its author's time zone.
  ///
  /// Dates from 1970 on in real time zones are counted directly (the proleptic Gregorian
  /// calendar, as Foundation's); others go through `Calendar`.
  static func day(of event: DocumentHistory.Event) -> Day {
    let offset = event.timeZoneOffsetMinutes * 60
    let seconds = event.date.timeIntervalSince1970
    if seconds >= 0, seconds < 1e11, abs(offset) <= 14 * 3600 {
      let local = Int(seconds.rounded(.down)) + offset
      if local >= 0 { return Day.epoch.adding(days: local / 86_400) }
    }
    let zone = TimeZone(secondsFromGMT: offset) ?? .gmt
    return Day.today(in: zone, now: event.date)
  }

  /// Where links into the repository start (`https://host/owner/name/`), or nil without a
  /// usable `repository-url`. GitLab's routes have a `/-/` segment; others (GitHub, Gitea,
  /// Forgejo) do not.
  static func repositoryBase(_ url: String?) -> String? {
    guard var base = url, !base.isEmpty, base.hasPrefix("https://") || base.hasPrefix("http://")
    else { return nil }
    while base.hasSuffix("/") { base.removeLast() }
    if base.hasSuffix(".git") { base.removeLast(4) }
    return base + (base.contains("gitlab") ? "/-/" : "/")
  }

  /// A link into the repository's web interface: `edit` (branch, path) or `commit` (id).
  func repositoryLink(_ action: String, _ reference: String, _ path: String?) -> String? {
    guard let base = repositoryBase else { return nil }
    var link = base + action + "/" + SiteLayout.href(reference)
    if let path { link += "/" + SiteLayout.href(path) }
    return link
  }
}
