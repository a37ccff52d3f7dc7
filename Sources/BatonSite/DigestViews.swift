import BatonMustache
import BatonSupport

// The view models of the weekly digest pages (`digest`) and of their index (`digests`).

/// Template `digest`: one ISO week's digest, a section per heading with something in it.
struct DigestView: TemplateObject {
  /// `2026-W49`.
  var week: String
  /// `2026-11-30 to 2026-12-06`.
  var period: String
  /// The moment the sections of state are judged at (the last commit), on the latest week
  /// only.
  var judgedAt: String?
  var sections: [DigestSectionView]
  var previous: LinkView?
  var next: LinkView?

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "week": .text(week)
    case "period": .text(period)
    case "judgedAt": .text(judgedAt)
    case "sections": .list(sections)
    case "previous": .object(previous)
    case "next": .object(next)
    default: nil
    }
  }
}

/// A section of a digest page: its heading, anchor and items.
struct DigestSectionView: TemplateObject {
  var title: String
  var anchor: String
  var items: [DigestItemView]
  /// How many items the section has beyond those listed (`SiteRenderer.listLimit`).
  var more: CountView?

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "title": .text(title)
    case "anchor": .text(anchor)
    case "items": .list(items)
    case "more": .object(more)
    default: nil
    }
  }
}

/// A document in a digest section: its number and title, its page (root-relative) and what
/// the section says of it.
struct DigestItemView: TemplateObject {
  var label: String
  var url: String?
  var detail: String?

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "label": .text(label)
    case "url": .text(url)
    case "detail": .text(detail)
    default: nil
    }
  }
}

/// Template `digests`: every week with a digest, newest first, and the feed.
struct DigestsView: TemplateObject {
  /// A week in the index: its name, period, page and how many items its digest has.
  struct Week: TemplateObject {
    var week: String
    var period: String
    var url: String
    /// `3 items`.
    var count: String

    func value(for name: String) -> TemplateValue? {
      switch name {
      case "week": .text(week)
      case "period": .text(period)
      case "url": .text(url)
      case "count": .text(count)
      default: nil
      }
    }
  }

  var weeks: [Week]
  var feed: String

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "weeks": .list(weeks)
    case "feed": .text(feed)
    default: nil
    }
  }
}

extension Dependency {
  /// The digest of a week's page: everything its view model shows, the listed items of each
  /// section and how many more it has, not the items it leaves out.
  static func digest(of view: DigestView) -> Digest {
    digest { writer in
      for text in [view.week, view.period] { writer.string(text) }
      writer.optionalString(view.judgedAt)
      writer.list(view.sections) { writer, section in
        writer.string(section.title)
        writer.string(section.anchor)
        writer.list(section.items) { writer, item in
          writer.string(item.label)
          writer.optionalString(item.url)
          writer.optionalString(item.detail)
        }
        writer.natural(section.more?.count ?? 0)
      }
      for link in [view.previous, view.next] {
        writer.optionalString(link?.text)
        writer.optionalString(link?.url)
      }
    }
  }
}
