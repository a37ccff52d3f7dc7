import BatonMustache

/// What git says about a document (the `history` of a document's page), built only when a
/// page is rendered; its key is `PageRenderer.historyKey`.
struct HistoryView: TemplateObject {
  /// A commit as the page shows it.
  struct Event: TemplateObject {
    var commit: String
    var shortCommit: String
    var commitLink: String?
    var author: String
    var date: String
    var subject: String

    func value(for name: String) -> TemplateValue? {
      switch name {
      case "commit": .text(commit)
      case "shortCommit": .text(shortCommit)
      case "commitLink": .text(commitLink)
      case "author": .text(author)
      case "date": .text(date)
      case "subject": .text(subject)
      default: nil
      }
    }
  }

  /// Someone who committed to the document, and how often.
  struct Contributor: TemplateObject {
    var name: String
    var commits: Int

    func value(for name: String) -> TemplateValue? {
      switch name {
      case "name": .text(self.name)
      case "commits": .integer(commits)
      default: nil
      }
    }
  }

  /// A change of status and the commit that made it.
  struct StatusChange: TemplateObject {
    var status: String
    var event: Event

    func value(for name: String) -> TemplateValue? {
      switch name {
      case "status": .text(status)
      case "statusClass": .text(SiteLayout.segment(status))
      case "event": .object(event)
      default: nil
      }
    }
  }

  var created: Event?
  var updated: Event?
  var contributors: [Contributor]
  /// The 50 newest commits.
  var commits: [Event]
  var moreCommits: Int
  var statusTimeline: [StatusChange]
  var isDraft: Bool
  var isApproximate: Bool

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "created": .object(created)
    case "updated": .object(updated)
    case "contributors": .list(contributors)
    case "commits": .list(commits)
    case "moreCommits": .integer(moreCommits)
    case "statusTimeline": .list(statusTimeline)
    case "isDraft": .bool(isDraft)
    case "isApproximate": .bool(isApproximate)
    default: nil
    }
  }
}
