import BatonMustache
import BatonSupport

/// One document as lists, tables and feeds show it: computed once per build, read by many pages.
struct DocumentRow: TemplateObject, Sendable, Hashable {
  /// The document's repository path.
  var path: String
  /// The document's page, relative to the site's root.
  var url: String
  var title: String
  /// The identifier from the file name (`0042`), or the stem.
  var id: String
  var kind: String
  var collection: String
  var status: String?
  var owner: String?
  /// The owner's people page, when there is one.
  var ownerURL: String?
  var date: String?
  var team: String?
  var tags: [TagLink]
  /// The call to action's deadline (`YYYY-MM-DD`), while it is open.
  var deadline: String?
  /// `review-by` of a handbook page.
  var reviewBy: String?
  /// The summary section's first paragraph, or the body's first text, shortened.
  var summary: String

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "url": .text(SiteLayout.href(url))
    case "title": .text(title)
    case "id": .text(id)
    case "kind": .text(kind)
    case "collection": .text(collection)
    case "status": .text(status)
    case "statusClass": .text(status.map(SiteLayout.segment))
    case "owner": .text(owner)
    case "ownerURL": .text(ownerURL.map(SiteLayout.href))
    case "date": .text(date)
    case "team": .text(team)
    case "tags": .list(tags)
    case "tagList": .text(tags.map(\.name).joined(separator: "|"))
    case "deadline": .text(deadline)
    case "reviewBy": .text(reviewBy)
    case "summary": summary.isEmpty ? .null : .text(summary)
    case "path": .text(path)
    default: nil
    }
  }
}

/// A tag and its page.
struct TagLink: TemplateObject, Sendable, Hashable {
  var name: String
  var url: String
  var count = 0

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "name": .text(self.name)
    case "url": .text(SiteLayout.href(url))
    case "count": .integer(count)
    default: nil
    }
  }
}
