import BatonSupport

extension HandbookTree {
  /// Where the collection's shared tree goes (`scriptPath`): `tree.js` beside its root page (no
  /// page or copied file can be there: pages are `index.html` and copies live under `files/`).
  static func scriptPath(_ nodes: [Node]) -> String {
    let root = nodes[0].url
    guard let slash = root.lastIndex(ofASCII: "/") else { return "tree.js" }
    return root[...slash] + "tree.js"
  }

  /// The collection's whole tree as a script, loaded by every page of it with `<script src>`
  /// (which works from `file://`, where reading a file with `fetch` does not).
  ///
  /// It hands `window.batonTree` (defined by the theme's `assets/baton.js`, which runs first)
  /// the nodes in document order, each `[title, link, parent, folder]`: `parent` the index of
  /// an earlier node (-1 for the root), `folder` 1 or 0, and `link` the page's address relative
  /// to the parent's folder when it is inside it (`"passwords/"`), or from the site's root after
  /// a `/` when it is not; an address ending in `/` names its `index.html`.
  func script() -> String {
    var output = "// A navigation tree, written by Baton for assets/baton.js.\n"
    output += "window.batonTree && window.batonTree(["
    var written = 0
    func write(_ index: Int, parent: Int, folder: String) {
      let node = nodes[index]
      if written > 0 { output += "," }
      output += "\n[" + JSONArrayWriter.quote(node.title) + ","
      output += JSONArrayWriter.quote(HandbookTree.link(node.url, from: folder))
      output += ",\(parent),\(node.isFolder ? 1 : 0)]"
      let me = written
      written += 1
      let inside = node.url.hasSuffix("index.html") ? String(node.url.dropLast(10)) : folder
      for child in node.children { write(child, parent: me, folder: inside) }
    }
    write(0, parent: -1, folder: "\u{0}")
    return output + "\n]);\n"
  }

  /// A page's address as `script` writes it: relative to `folder` (ending in `/`) when inside
  /// it, else from the root after a `/`; a trailing `index.html` dropped.
  static func link(_ url: String, from folder: String) -> String {
    let short = url.hasSuffix("index.html") ? String(url.dropLast(10)) : url
    guard short.hasPrefix(folder), short.count > folder.count else { return "/" + short }
    return String(short.dropFirst(folder.count))
  }
}
