import BatonMustache
import BatonSupport

/// What every page template gets: the site, the page's place in it, and the page's own content.
///
/// Names the page does not know are looked up in `content`, so a template reads `{{title}}`
/// and `{{rows}}` alike. Every `url` is relative to the site's root: templates write
/// `{{root}}{{url}}`.
struct PageView: TemplateObject {
  /// The prefix from this page back to the site's root (`../../`).
  var root: String
  var site: SiteInfo
  /// The page's title (plain text, escaped by `{{ }}`).
  var title: String
  /// The navigation entry this page belongs to (`home`, a collection name, `tags`, …).
  var section: String
  /// The page's root-relative path.
  var path: String
  /// The page's own view model, one per template.
  var content: PageContent
  /// Where the site navigation (`siteNav`) is rendered once per root and section.
  var fragments: RowFragments?

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "root": .text(root)
    case "site": .object(site)
    case "siteTitle": .text(site.title)
    case "title": .text(title)
    case "path": .text(path)
    case "canonical": .text(site.baseURL.map { $0 + SiteLayout.href(path) })
    case "csp": .text(SiteRenderer.contentSecurityPolicy)
    case "nav": .list(site.nav.map { $0.with(current: $0.key == section) })
    case "siteNav":
      .text(fragments?.navigation(site.nav, root: root, section: section))
    case "isHome": .bool(section == "home")
    default: content.value(for: name)
    }
  }
}

/// Facts about the whole site, shared by every page.
struct SiteInfo: TemplateObject, Sendable {
  var title: String
  /// The published address with a trailing `/`, when the configuration or `--base-url` says.
  var baseURL: String?
  var nav: [NavLink]
  var repositoryURL: String?
  /// The Atom feeds, one per kind listed as a log that has documents (`key` is the kind).
  var feeds: [NavLink]
  var generator: String

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "title": .text(title)
    case "baseURL": .text(baseURL)
    case "nav": .list(nav)
    case "repositoryURL": .text(repositoryURL)
    case "feeds": .list(feeds)
    case "generator": .text(generator)
    default: nil
    }
  }
}

/// A link in the site's navigation.
struct NavLink: TemplateObject, Sendable, Hashable {
  var key: String
  var title: String
  var url: String
  var current = false

  func with(current: Bool) -> NavLink {
    var link = self
    link.current = current
    return link
  }

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "key": .text(key)
    case "title": .text(title)
    case "url": .text(url)
    case "current": .bool(current)
    default: nil
    }
  }
}

/// What the `sitenav` partial renders with: the page's root and the navigation.
struct SiteNavView: TemplateObject {
  var root: String
  var nav: [NavLink]

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "root": .text(root)
    case "nav": .list(nav)
    default: nil
    }
  }
}
