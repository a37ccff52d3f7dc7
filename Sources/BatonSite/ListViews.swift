import BatonMustache
import BatonSupport

// The view models of the pages that list documents, people and calls to action, one per
// template (`home`, `log`, `updates`, `handbook`, `tags`, `tag`, `people`, `person`,
// `actions`), and the small values they hold. Each names the keys its template reads (the site
// reference lists them); an optional value is `null` when absent, which stops the lookup.

/// An open call to action (`actions`, `home`, `person` and document pages).
struct ActionView: TemplateObject {
  var action: DocumentContext.Action

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "row": .object(action.row)
    case "title": .text(action.title)
    case "url": .text(action.url)
    case "deadline": .text(action.deadline)
    case "responders": .list(action.responders.views(.handle))
    default: nil
    }
  }
}

/// Template `home`.
struct HomeView: TemplateObject {
  /// The latest documents of one kind listed as a log.
  struct Recent: TemplateObject {
    var title: String
    var anchor: String
    var rows: [DocumentRow]

    func value(for name: String) -> TemplateValue? {
      switch name {
      case "title": .text(title)
      case "anchor": .text(anchor)
      case "rows": .list(rows)
      default: nil
      }
    }
  }

  /// A collection and how many documents it holds.
  struct CollectionLink: TemplateObject {
    var name: String
    var url: String
    var count: Int

    func value(for name: String) -> TemplateValue? {
      switch name {
      case "name": .text(self.name)
      case "url": .text(url)
      case "count": .integer(count)
      default: nil
      }
    }
  }

  var recent: [Recent]
  var actions: [ActionView]
  var actionCount: Int
  var reviewDue: [DocumentRow]
  var collections: [CollectionLink]
  var documentCount: Int

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "recent": .list(recent)
    case "actions": .list(actions)
    case "actionCount": .integer(actionCount)
    case "reviewDue": .list(reviewDue)
    case "collections": .list(collections)
    case "documentCount": .integer(documentCount)
    default: nil
    }
  }
}

/// A value of a log's filter and how many rows have it.
struct FilterOption: TemplateObject {
  var value: String
  var count: Int

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "value": .text(value)
    case "count": .integer(count)
    default: nil
    }
  }
}

/// Template `log`: a collection's documents with filters.
struct LogView: TemplateObject {
  var collection: String
  var rows: [ListedRow]
  var statuses: [FilterOption]
  var tags: [FilterOption]
  var owners: [FilterOption]

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "collection": .text(collection)
    case "rows": .list(rows)
    case "count": .integer(rows.count)
    case "statuses": .list(statuses)
    case "tags": .list(tags)
    case "owners": .list(owners)
    default: nil
    }
  }
}

/// A link among others, one of them the current page (the tabs of the updates pages).
struct TabView: TemplateObject {
  var title: String
  var url: String
  var current: Bool

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "title": .text(title)
    case "url": .text(url)
    case "current": .bool(current)
    default: nil
    }
  }
}

/// Rows under a heading (a month, a team, an author).
struct RowGroup: TemplateObject {
  var title: String
  var anchor: String
  var rows: [ListedRow]

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "title": .text(title)
    case "anchor": .text(anchor)
    case "rows": .list(rows)
    default: nil
    }
  }
}

/// Template `updates`: a report collection grouped by date, team or author.
struct UpdatesView: TemplateObject {
  var collection: String
  var grouping: String
  var views: [TabView]
  var count: Int
  var groups: [RowGroup]

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "collection": .text(collection)
    case "grouping": .text(grouping)
    case "views": .list(views)
    case "count": .integer(count)
    case "groups": .list(groups)
    default: nil
    }
  }
}

/// Template `handbook`: a folder of a handbook tree.
struct FolderView: TemplateObject {
  /// A page or folder the folder holds.
  struct Child: TemplateObject {
    var title: String
    var url: String
    var isFolder: Bool
    var summary: String?
    var count: Int

    func value(for name: String) -> TemplateValue? {
      switch name {
      case "title": .text(title)
      case "url": .text(url)
      case "isFolder": .bool(isFolder)
      case "summary": .text(summary)
      case "count": .integer(count)
      default: nil
      }
    }
  }

  var collection: String
  var children: [Child]
  var navigation: HandbookNavigation?
  var breadcrumbs: [LinkView]

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "collection": .text(collection)
    case "children": .list(children)
    case "tree", "treeScript", "treeRoot": navigation?.value(for: name)
    case "breadcrumbs": .list(breadcrumbs)
    default: nil
    }
  }
}
