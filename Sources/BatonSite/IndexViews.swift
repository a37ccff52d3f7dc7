import BatonMustache
import BatonSupport

// The view models of the tag, people and open-calls pages (`tags`, `tag`, `people`, `person`,
// `actions`) and of the `more` line under a capped list.

/// What a capped list leaves out: how many rows, and the filtered logs that list them all.
struct MoreView: TemplateObject, Fingerprinted {
  /// A filtered log that lists rows left out.
  struct Link: TemplateObject, Fingerprinted {
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

    func fingerprint(into hasher: inout StableHasher) {
      hasher.combine(title)
      hasher.combine(separator)
      hasher.combine(url)
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

  func fingerprint(into hasher: inout StableHasher) {
    hasher.combine(count)
    hasher.combine(links)
  }
}

/// Template `tags`: every tag and how many documents have it.
struct TagsView: TemplateObject, Fingerprinted {
  var tags: [TagLink]

  func value(for name: String) -> TemplateValue? {
    name == "tags" ? .list(tags) : nil
  }

  func fingerprint(into hasher: inout StableHasher) {
    hasher.combine(tags)
  }
}

/// Template `tag`: the documents with one tag, most recent first.
struct TagView: TemplateObject, Fingerprinted {
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

  func fingerprint(into hasher: inout StableHasher) {
    hasher.combine(tag)
    hasher.combine(rows)
    hasher.combine(count)
    hasher.combine(more)
  }
}

/// A person and their page.
struct PersonLink: TemplateObject, Fingerprinted {
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

  func fingerprint(into hasher: inout StableHasher) {
    hasher.combine(handle)
    hasher.combine(name)
    hasher.combine(team)
    hasher.combine(url)
  }
}

/// Template `people`.
struct PeopleView: TemplateObject, Fingerprinted {
  var people: [PersonLink]

  func value(for name: String) -> TemplateValue? {
    name == "people" ? .list(people) : nil
  }

  func fingerprint(into hasher: inout StableHasher) {
    hasher.combine(people)
  }
}

/// Template `person`: what someone owns, wrote and owes.
struct PersonView: TemplateObject, Fingerprinted {
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

  func fingerprint(into hasher: inout StableHasher) {
    for text in [handle, name, wroteTitle] { hasher.combine(text) }
    hasher.combine(team)
    hasher.combine(timeZone)
    hasher.combine(owns)
    hasher.combine(ownsMore)
    hasher.combine(wrote)
    hasher.combine(wroteMore)
    hasher.combine(owes)
  }
}

/// Template `actions`: every open call to action.
struct ActionsView: TemplateObject, Fingerprinted {
  var actions: [ActionView]

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "actions": .list(actions)
    case "count": .integer(actions.count)
    default: nil
    }
  }

  func fingerprint(into hasher: inout StableHasher) {
    hasher.combine(actions)
  }
}
