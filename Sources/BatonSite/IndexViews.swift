import BatonMustache
import BatonSupport

// The view models of the tag, people and open-calls pages (`tags`, `tag`, `people`, `person`,
// `actions`) and of the `more` line under a capped list.

/// What a capped list leaves out: how many rows, and the filtered logs that list them all.
struct MoreView: TemplateObject {
  /// A filtered log that lists rows left out.
  struct Link: TemplateObject {
    var title: String
    var separator: String
    var url: String

    func value(for name: String) -> TemplateValue? {
      switch name {
      case "title": .text(title)
      case "separator": .text(separator)
      case "url": .text(url)
      default: nil
      }
    }
  }

  var count: Int
  var links: [Link]

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "count": .integer(count)
    case "links": .list(links)
    default: nil
    }
  }
}

/// Template `tags`: every tag and how many documents have it.
struct TagsView: TemplateObject {
  var tags: [TagLink]

  func value(for name: String) -> TemplateValue? {
    name == "tags" ? .list(tags) : nil
  }
}

/// Template `tag`: the documents with one tag, most recent first.
struct TagView: TemplateObject {
  var tag: String
  var rows: [ListedRow]
  var count: Int
  var more: MoreView?

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "tag": .text(tag)
    case "rows": .list(rows)
    case "count": .integer(count)
    case "more": .object(more)
    default: nil
    }
  }
}

/// A person and their page.
struct PersonLink: TemplateObject {
  var handle: String
  var name: String
  var team: String?
  var url: String

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "handle": .text(handle)
    case "name": .text(self.name)
    case "team": .text(team)
    case "url": .text(url)
    default: nil
    }
  }
}

/// Template `people`.
struct PeopleView: TemplateObject {
  var people: [PersonLink]

  func value(for name: String) -> TemplateValue? {
    name == "people" ? .list(people) : nil
  }
}

/// Template `person`: what someone owns, wrote and owes.
struct PersonView: TemplateObject {
  var handle: String
  var name: String
  var team: String?
  var timeZone: String?
  var owns: [DocumentRow]
  var ownsMore: MoreView?
  var wrote: [DocumentRow]
  var wroteTitle: String
  var wroteMore: MoreView?
  var owes: [ActionView]

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "handle": .text(handle)
    case "name": .text(self.name)
    case "team": .text(team)
    case "timeZone": .text(timeZone)
    case "owns": .list(owns)
    case "ownsMore": .object(ownsMore)
    case "wrote": .list(wrote)
    case "wroteTitle": .text(wroteTitle)
    case "wroteMore": .object(wroteMore)
    case "owes": .list(owes)
    default: nil
    }
  }
}

/// Template `actions`: every open call to action.
struct ActionsView: TemplateObject {
  var actions: [ActionView]

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "actions": .list(actions)
    case "count": .integer(actions.count)
    default: nil
    }
  }
}
