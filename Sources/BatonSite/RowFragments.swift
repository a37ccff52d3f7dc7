import BatonMustache
import BatonSupport
import Synchronization

/// The HTML of each document's table row and of the site navigation, rendered once per build and
/// reused by every page.
///
/// A row (template partial `row`) reads only the document's `DocumentRow` and the page's `root`,
/// so it is the same on every page at the same depth: the decision log, the three updates pages
/// and the tag pages insert it with `{{{html}}}` instead of rendering the partial thousands of
/// times. The site navigation (partial `sitenav`) depends only on the root and the page's
/// section; `head` inserts it with `{{{siteNav}}}`. Pages render in parallel, so the fragments
/// are kept behind a lock.
final class RowFragments: Sendable {
  private let theme: Theme
  /// Rendered rows by root prefix, then by document path.
  private let fragments = Mutex<[String: [String: String]]>([:])
  /// Rendered site navigations by root prefix and section.
  fileprivate let navigations = Mutex<[String: String]>([:])

  init(theme: Theme) {
    self.theme = theme
  }

  /// The row of `row` for a page whose root prefix is `root`; empty when the theme has no `row`
  /// partial (a theme whose own `rows` partial renders the row's values itself).
  func html(_ row: DocumentRow, root: String) -> String {
    if let known = fragments.withLock({ $0[root]?[row.path] }) { return known }
    let text = theme.render("row", .object(RowContext(root: root, row: row))) ?? ""
    fragments.withLock { $0[root, default: [:]][row.path] = text }
    return text
  }
}

extension RowFragments {
  /// The site navigation for a page whose root prefix is `root` in `section`; empty when the
  /// theme has no `sitenav` partial.
  func navigation(_ links: [NavLink], root: String, section: String) -> String {
    let key = root + "\u{0}" + section
    if let known = navigations.withLock({ $0[key] }) { return known }
    let current = links.map { $0.with(current: $0.key == section) }
    let text = theme.render("sitenav", .object(SiteNavView(root: root, nav: current))) ?? ""
    navigations.withLock { $0[key] = text }
    return text
  }
}

/// What the `row` partial renders with: the row's values and the page's `root`.
struct RowContext: TemplateObject {
  var root: String
  var row: DocumentRow

  func value(for name: String) -> TemplateValue? {
    name == "root" ? .text(root) : row.value(for: name)
  }
}

/// A document row on a list page: the row's values, and `html`, its rendered `row` partial.
struct ListedRow: TemplateObject {
  var row: DocumentRow
  var root: String
  var fragments: RowFragments

  func value(for name: String) -> TemplateValue? {
    guard name == "html" else { return row.value(for: name) }
    return .text(fragments.html(row, root: root))
  }
}
