import BatonConfig
import BatonMustache
import BatonSupport
import Foundation

/// The view model of a document's page (templates `record`, `report`, `page`, or one named
/// after the kind): the document's own fields, its context (`DocumentContext`), its body, table
/// of contents, history and navigation.
///
/// A class: a page's view model answers a name through `PageContent`, and a struct of this size
/// was copied (its bytes moved, each of its texts and lists retained) for each of the few dozen
/// names a page reads from it.
final class DocumentView: TemplateObject {
  let id: String
  let kind: String
  let collection: String
  let status: String?
  let listing: KindSchema.Listing
  let sourcePath: String
  let context: DocumentContext
  /// The body as HTML (`{{{body}}}`).
  let body: String
  let toc: [TocItem]
  /// What git says, when history was read.
  let history: HistoryView?
  /// The navigation of a handbook page.
  let navigation: HandbookNavigation?

  init(
    id: String, kind: String, collection: String, status: String?,
    listing: KindSchema.Listing, sourcePath: String, context: DocumentContext, body: String,
    toc: [TocItem], history: HistoryView?, navigation: HandbookNavigation?
  ) {
    self.id = id
    self.kind = kind
    self.collection = collection
    self.status = status
    self.listing = listing
    self.sourcePath = sourcePath
    self.context = context
    self.body = body
    self.toc = toc
    self.history = history
    self.navigation = navigation
  }

  /// The names a document's page answers: one table lookup finds a name's field, where a
  /// switch over the names compared the name with each in turn (a page looks up a few dozen
  /// names, most of them through `PageView`); a switch over the fields is a jump.
  enum Field: String, CaseIterable {
    case id, kind, collection, collectionTitle, collectionURL, status, statusClass
    case isRecord, isReport, isPage, sourcePath, body, toc, history, tree, treeScript, treeRoot
    case owner, ownerURL, date, team, reviewBy, tags, metadata, breadcrumbs, action, chain
    case supersedes, supersededBy, backlinks, backlinksMore, editLink, signoff

    static let byName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })
  }

  func value(for name: String) -> TemplateValue? {
    guard let field = Field.byName[name] else { return nil }
    switch field {
    case .id: return .text(id)
    case .kind: return .text(kind)
    case .collection: return .text(collection)
    case .collectionTitle: return .text(collection.capitalized)
    case .collectionURL: return .text(context.collectionURL)
    case .status: return .text(status)
    case .statusClass: return .text(status.map(SiteLayout.segment))
    case .isRecord: return .bool(listing == .record)
    case .isReport: return .bool(listing == .report)
    case .isPage: return .bool(listing == .page)
    case .sourcePath: return .text(sourcePath)
    case .body: return .text(body)
    case .toc: return .list(toc)
    case .history: return history.map { .object($0) }
    case .tree, .treeScript, .treeRoot: return navigation?.value(for: name)
    default: return contextValue(field)
    }
  }

  /// The fields read from the document's context (row, links, metadata, chain, backlinks).
  private func contextValue(_ field: Field) -> TemplateValue? {
    // The row is read in place: a copy of it retains each of its texts.
    switch field {
    case .owner: return .text(context.row?.owner)
    case .ownerURL: return .text(context.row?.ownerURL.map(SiteLayout.href))
    case .date: return .text(context.row?.date)
    case .team: return .text(context.row?.team)
    case .reviewBy: return .text(context.row?.reviewBy)
    case .tags: return .list(context.row?.tags ?? [])
    case .metadata: return .list(context.metadata.map(MetadataView.init))
    case .breadcrumbs: return .list(context.breadcrumbs.views(.title))
    case .action: return context.action.map { .object(ActionView(action: $0)) }
    case .chain: return .list(context.chain.map(ChainView.init))
    case .supersedes: return .list(context.supersedes)
    case .supersededBy: return .list(context.supersededBy)
    case .backlinks: return .list(context.backlinks)
    case .backlinksMore:
      let more = context.backlinkCount - context.backlinks.count
      return more > 0 ? .object(CountView(count: more)) : nil
    case .editLink: return context.editLink.map { .text($0) }
    case .signoff: return context.signoff.map { .object(SignoffView(panel: $0)) }
    default: return nil
    }
  }
}

/// One field of the metadata panel.
struct MetadataView: TemplateObject {
  var field: DocumentContext.Field

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "key": .text(field.key)
    case "label": .text(field.label)
    case "items": .list(field.items.views(.text))
    default: nil
    }
  }
}

/// A document of the supersede chain.
struct ChainView: TemplateObject {
  var link: DocumentContext.ChainLink

  func value(for name: String) -> TemplateValue? {
    let row = link.row
    return switch name {
    case "title": .text(row.title)
    case "id": .text(row.id)
    case "url": .text(SiteLayout.href(row.url))
    case "status": .text(row.status)
    case "statusClass": .text(row.status.map(SiteLayout.segment))
    case "current": .bool(link.current)
    default: nil
    }
  }
}

/// An entry of the table of contents: a level 2 or 3 heading.
struct TocItem: TemplateObject, Sendable {
  var title: String
  var anchor: String
  var isSub: Bool

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "title": .text(title)
    case "anchor": .text(anchor)
    case "isSub": .bool(isSub)
    default: nil
    }
  }
}

/// An entry of a handbook's navigation tree.
///
/// A class: a page's tree lists two dozen entries, each read for half a dozen names, and a list
/// of view models answers a name on a copy of its element (one reference count for a class,
/// one per text and list of a struct).
final class TreeItem: TemplateObject {
  let title: String
  /// The root-relative path linked to; templates read it escaped, as `url`, which the default
  /// theme does not read.
  let path: String
  /// The address from the page the tree is shown on.
  let href: String
  let isFolder: Bool
  let current: Bool
  let open: Bool
  let children: [TreeItem]

  init(
    title: String, path: String, href: String, isFolder: Bool, current: Bool, open: Bool,
    children: [TreeItem]
  ) {
    self.title = title
    self.path = path
    self.href = href
    self.isFolder = isFolder
    self.current = current
    self.open = open
    self.children = children
  }

  /// The names in the order the tree partials read them: a switch over names compares the
  /// name with each case in turn, and each entry is read for five of them.
  func value(for name: String) -> TemplateValue? {
    switch name {
    case "isFolder": .bool(isFolder)
    case "href": .text(href)
    case "current": .bool(current)
    case "title": .text(title)
    case "open": .bool(open)
    case "children": .list(children)
    case "url": .text(SiteLayout.href(path))
    default: nil
    }
  }
}
