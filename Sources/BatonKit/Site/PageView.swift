import Mustache

/// What every page template gets: the site, the page's place in it, and the page's own content.
///
/// Templates read keys by name (no reflection, so rendering stays fast). Keys the page does not
/// know are looked up in `content`, so a template reads `{{title}}` and `{{rows}}` alike.
/// Every `url` is relative to the site's root: templates write `{{root}}{{url}}`.
struct PageView: MustacheParent {
  /// The prefix from this page back to the site's root (`../../`).
  var root: String
  var site: SiteInfo
  /// The page's title (plain text, escaped by `{{ }}`).
  var title: String
  /// The navigation entry this page belongs to (`home`, a collection name, `tags`, …).
  var section: String
  /// The page's root-relative path.
  var path: String
  /// The page's own view model.
  var content: any MustacheParent
  /// Where the site navigation (`siteNav`) is rendered once per root and section.
  var fragments: RowFragments?

  func child(named name: String) -> Any? {
    switch name {
    case "root": root
    case "site": site
    case "siteTitle": site.title
    case "title": title
    case "path": path
    case "canonical": known(site.baseURL.map { $0 + SiteLayout.href(path) })
    case "csp": SiteRenderer.contentSecurityPolicy
    case "nav": site.nav.map { $0.with(current: $0.key == section) }
    case "siteNav":
      fragments?.navigation(site.nav, root: root, section: section) ?? Absent.value
    case "isHome": section == "home"
    default: content.child(named: name)
    }
  }
}

/// Facts about the whole site, shared by every page.
struct SiteInfo: MustacheParent, Sendable {
  var title: String
  /// The published address with a trailing `/`, when the configuration or `--base-url` says.
  var baseURL: String?
  var nav: [NavLink]
  var repositoryURL: String?
  /// The Atom feeds, one per kind listed as a log that has documents (`key` is the kind).
  var feeds: [NavLink]
  var generator: String

  func child(named name: String) -> Any? {
    switch name {
    case "title": title
    case "baseURL": known(baseURL)
    case "nav": nav
    case "repositoryURL": known(repositoryURL)
    case "feeds": feeds
    case "generator": generator
    default: nil
    }
  }
}

/// A link in the site's navigation.
struct NavLink: MustacheParent, Sendable, Hashable {
  var key: String
  var title: String
  var url: String
  var current = false

  func with(current: Bool) -> NavLink {
    var link = self
    link.current = current
    return link
  }

  func child(named name: String) -> Any? {
    switch name {
    case "key": key
    case "title": title
    case "url": url
    case "current": current
    default: nil
    }
  }
}

/// A view model made of named values, for small pages and nested groups.
///
/// Values are what templates can read: `String`, `Int`, `Bool`, arrays and other view models.
/// Built and rendered inside one task, so it need not be `Sendable`.
struct Values: MustacheParent {
  var values: [String: Any]

  /// Keeps the values, an optional boxed in `Any` unwrapped once here (nil as `Absent`) rather
  /// than on every lookup.
  init(_ values: [String: Any]) {
    var unwrapped = values
    for (key, value) in values where !ViewType.isPlain(ObjectIdentifier(type(of: value))) {
      if let optional = value as? any OptionalValue { unwrapped[key] = known(optional.wrapped) }
    }
    self.values = unwrapped
  }

  /// The value under a name.
  func child(named name: String) -> Any? {
    values[name]
  }
}

/// Lets `Values` see through an `Optional` boxed in `Any`.
protocol OptionalValue {
  var wrapped: Any? { get }
}

extension Optional: OptionalValue {
  var wrapped: Any? { self.map { $0 as Any } }
}

/// A value a page knows it lacks: renders as nothing, and a `{{#section}}` of it is skipped.
///
/// Returned instead of nil so Mustache does not look the name up in an enclosing context (a
/// backlink without an owner must not show the page's own owner).
struct Absent: MustacheCustomRenderable {
  static let value = Absent()
  var renderText: String { "" }
  var isNull: Bool { true }
}

/// The value, or `Absent` when nil.
func known(_ value: Any?) -> Any {
  value ?? Absent.value
}
