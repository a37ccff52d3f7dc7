import BatonMustache
import BatonSupport

extension HandbookTree {
  /// The most siblings a page's navigation lists; the rest are left to its folder's page, which
  /// lists them all.
  static let siblingLimit = 24

  /// One entry of a page's navigation: a node, or (with `more`) a link to a folder's page for
  /// the entries of that folder left out.
  struct Entry {
    var node: Int
    var more = 0
    var open = false
    var children: [Entry] = []
  }

  /// The navigation a page carries: its ancestors, its siblings and its own subtree.
  ///
  /// A page's navigation does not grow with the handbook: each ancestor is one entry (the
  /// collection's root is reached by `treeRoot`), the siblings are at most `siblingLimit`
  /// around the page (then a link to the folder's page), and only a folder's page lists what it
  /// holds, all of it. So the root's page lists the whole tree, the route to every page for a
  /// reader without script; with script, `assets/baton.js` draws the rest of the tree from the
  /// collection's shared file (`script`).
  func entries(open current: Int) -> [Entry] {
    guard current != 0, let parent = nodes[current].parent else { return subtree(of: 0) }
    var level = siblings(of: current, in: parent)
    var folder = parent
    while folder != 0, let above = nodes[folder].parent {
      level = [Entry(node: folder, open: true, children: level)]
      folder = above
    }
    return level
  }

  /// Everything under a folder, each folder open.
  func subtree(of folder: Int) -> [Entry] {
    nodes[folder].children.map { child in
      let children = subtree(of: child)
      return Entry(node: child, open: !children.isEmpty, children: children)
    }
  }

  /// The children of `parent` around `current`, at most `siblingLimit` of them, `current` open
  /// on its subtree; a `more` entry for those left out.
  func siblings(of current: Int, in parent: Int) -> [Entry] {
    var children = nodes[parent].children
    let total = children.count
    if total > HandbookTree.siblingLimit {
      let position = children.firstIndex(of: current) ?? 0
      let start = max(
        0, min(position - HandbookTree.siblingLimit / 2, total - HandbookTree.siblingLimit))
      children = Array(children[start..<(start + HandbookTree.siblingLimit)])
    }
    var level = children.map { child in
      guard child == current else { return Entry(node: child) }
      let below = subtree(of: child)
      return Entry(node: child, open: !below.isEmpty, children: below)
    }
    if total > children.count {
      level.append(Entry(node: parent, more: total - children.count))
    }
    return level
  }

  /// The digest of the navigation a page at `current` shows (`Dependency.Facet.navigation`):
  /// the node's key, and the title, link and kind of each node its entries name (`nodeDigests`),
  /// and where.
  func navigationDigest(open current: Int) -> Digest {
    navigationDigest(of: shownEntries(open: current), open: current)
  }

  /// The entries a page at `current` shows (`entries(open:)`); none past the tree's nodes.
  func shownEntries(open current: Int) -> [Entry] {
    current < nodes.count ? entries(open: current) : []
  }

  /// `navigationDigest(open:)` of the entries `shownEntries(open: current)` gave already.
  func navigationDigest(of shown: [Entry], open current: Int) -> Digest {
    guard current < nodes.count else { return Digest(of: "") }
    var hasher = StableHasher()
    hasher.combine(nodes[current].key)
    hasher.combine(nodes[0].title)
    hasher.combine(nodes[0].url)
    hasher.combine(scriptPath)
    let digests = nodeDigests
    func combine(_ entries: [Entry]) {
      hasher.combine(entries.count)
      for entry in entries {
        hasher.combine(digests[entry.node])
        hasher.combine(entry.more)
        hasher.combine(entry.open)
        hasher.combine(entry.more == 0 && entry.node == current)
        combine(entry.children)
      }
    }
    combine(shown)
    return hasher.finalize()
  }

  /// The view model of entries (`tree[]` in templates): `href` is the address from the page
  /// (`../tar/index.html`), shorter than `{{root}}{{url}}` where a page lists its siblings.
  func items(_ entries: [Entry], current: Int) -> [TreeItem] {
    let page = nodes[current].url
    return items(entries, current: current, page: page, depth: SiteLayout.depth(of: page))
  }

  private func items(_ entries: [Entry], current: Int, page: String, depth: Int) -> [TreeItem] {
    entries.map { entry in
      let node = nodes[entry.node]
      let more = entry.more > 0
      return TreeItem(
        title: more ? "\(entry.more) more…" : node.title, path: node.url,
        href: SiteLayout.href(node.url, from: page, depth: depth), isFolder: node.isFolder && !more,
        current: !more && entry.node == current, open: entry.open,
        children: items(entry.children, current: current, page: page, depth: depth))
    }
  }

  /// What a page at `current` gives its templates for the navigation (see
  /// `HandbookNavigation`).
  func navigation(open current: Int) -> HandbookNavigation {
    navigation(of: entries(open: current), open: current)
  }

  /// `navigation(open:)` of the entries `shownEntries(open: current)` gave already.
  func navigation(of shown: [Entry], open current: Int) -> HandbookNavigation {
    HandbookNavigation(
      tree: items(shown, current: current),
      treeScript: scriptPath,
      treeRoot: current == 0
        ? nil
        : LinkView(label: .title, text: nodes[0].title, url: SiteLayout.href(nodes[0].url)))
  }
}

/// A handbook page's navigation as templates read it: `tree[]`, `treeRoot` {`title`, `url`} (the root's page, which lists every page; absent on that
/// page) and `treeScript` (the shared tree's file).
struct HandbookNavigation {
  var tree: [TreeItem]
  var treeScript: String
  var treeRoot: LinkView?

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "tree": .list(tree)
    case "treeScript": .text(treeScript)
    case "treeRoot": treeRoot.map { .object($0) }
    default: nil
    }
  }
}
