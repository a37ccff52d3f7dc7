import Mustache

/// One document as lists, tables and feeds show it: computed once per build, read by many pages.
struct DocumentRow: MustacheParent, Sendable, Hashable {
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

  func child(named name: String) -> Any? {
    switch name {
    case "url": SiteLayout.href(url)
    case "title": title
    case "id": id
    case "kind": kind
    case "collection": collection
    case "status": known(status)
    case "statusClass": known(status.map(SiteLayout.segment))
    case "owner": known(owner)
    case "ownerURL": known(ownerURL.map(SiteLayout.href))
    case "date": known(date)
    case "team": known(team)
    case "tags": tags
    case "tagList": tags.map(\.name).joined(separator: "|")
    case "deadline": known(deadline)
    case "reviewBy": known(reviewBy)
    case "summary": summary.isEmpty ? Absent.value : summary
    case "path": path
    default: nil
    }
  }
}

/// A tag and its page.
struct TagLink: MustacheParent, Sendable, Hashable {
  var name: String
  var url: String
  var count = 0

  func child(named name: String) -> Any? {
    switch name {
    case "name": self.name
    case "url": SiteLayout.href(url)
    case "count": count
    default: nil
    }
  }
}
