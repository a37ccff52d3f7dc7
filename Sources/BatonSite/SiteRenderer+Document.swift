import BatonConfig
import BatonCorpus
import BatonDocuments
import BatonMarkdown
import BatonSupport
import Foundation

extension SiteRenderer {
  /// How a document's page shows it: in its handbook tree, else as its kind is listed (a page
  /// kind outside a tree, a numbered one, as a record).
  func listing(of document: Document) -> KindSchema.Listing {
    if index.trees[document.collection] != nil { return .page }
    let listing = corpus.schema(of: document).listing
    return listing == .page ? .record : listing
  }

  /// What the page of a document shows from beyond the document itself (see
  /// `DocumentContext`).
  func context(of document: Document) -> DocumentContext {
    var context = DocumentContext(
      row: index.rows[document.path],
      collectionURL: SiteLayout.href(layout.collectionPages[document.collection] ?? "index.html"),
      listing: listing(of: document), metadata: metadata(document),
      action: index.actionByPath[document.path].map { action(index.actions[$0]) },
      chain: [], supersedes: (index.supersedes[document.path] ?? []).compactMap { index.rows[$0] },
      supersededBy: (index.supersededBy[document.path] ?? []).compactMap { index.rows[$0] },
      backlinks: [], backlinkCount: 0,
      editLink: pageRenderer.repositoryLink(
        "edit", corpus.configuration.editBranch, document.path),
      treeNode: nil, breadcrumbs: [], signoff: signoff(of: document))
    let chain = supersedeChain(document.path)
    if chain.count > 1 { context.chain = chain }
    // A document everyone links to would list thousands: the first hundred and a count.
    let backlinks = (corpus.backlinks[document.path] ?? []).compactMap { index.rows[$0] }
    context.backlinks = Array(backlinks.prefix(SiteRenderer.listLimit))
    context.backlinkCount = backlinks.count
    if let tree = index.trees[document.collection],
      let node = tree.nodeByDocument[document.path]
    {
      context.treeNode = node
      context.breadcrumbs = breadcrumbs(tree, node: node)
    }
    return context
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
  func metadata(_ document: Document) -> [DocumentContext.Field] {
    let order = SiteRenderer.metadataOrder
    let skipped = SiteRenderer.metadataSkipped
    let people = SiteRenderer.personFields
    let documents = SiteRenderer.documentFields
    let keys = document.fields.keys.filter { !skipped.contains($0) }.sorted { a, b in
      let (x, y) = (order.firstIndex(of: a) ?? order.count, order.firstIndex(of: b) ?? order.count)
      return x != y ? x < y : a < b
    }
    return keys.compactMap { key -> DocumentContext.Field? in
      guard let field = document.fields[key] else { return nil }
      let items = field.value.items.map { item in
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
        return DocumentContext.Link(text: text, url: url.map(SiteLayout.href))
      }
      return DocumentContext.Field(key: key, label: SiteRenderer.label(key), items: items)
    }
  }

  /// The supersede chain through this document, oldest first, following the first link each
  /// way; empty links and cycles end it.
  func supersedeChain(_ path: String) -> [DocumentContext.ChainLink] {
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
      index.rows[item].map { DocumentContext.ChainLink(row: $0, current: item == path) }
    }
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
}
