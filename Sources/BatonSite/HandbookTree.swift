import BatonConfig
import BatonCorpus
import BatonDocuments
import BatonSupport
import Synchronization

/// A collection of pages as a tree of folders, ordered by `order:` then title.
///
/// A folder's `README.md` or `index.md` stands for the folder; folders without one get a
/// generated page listing what they hold, so every breadcrumb leads somewhere.
struct HandbookTree: Sendable {
  /// A folder or a page.
  struct Node: Sendable {
    /// The folder path relative to the collection ("" for the root), or the document's path.
    var key: String
    var title: String
    var url: String
    var order: Int?
    var isFolder: Bool
    /// The document shown for this node (a page, or a folder's index), if any.
    var documentPath: String?
    /// Child node indexes, sorted.
    var children: [Int]
    var parent: Int?
  }

  let collection: Collection
  /// Node 0 is the collection's root folder.
  let nodes: [Node]
  /// Node index by document path.
  let nodeByDocument: [String: Int]
  /// A hash of every node (title, link, kind, place): the navigation at a node is a function of
  /// it and the node.
  let digest: Digest
  /// Where the collection's shared tree goes (`scriptPath(_:)`); every page's navigation names
  /// it.
  let scriptPath: String
  /// Each node's title, link and kind hashed, for the digests of pages' navigations.
  private let nodeDigestTable = NodeDigests()

  /// Folders without an index document: they need a generated page.
  var generatedFolders: [Int] {
    nodes.indices.filter { nodes[$0].isFolder && nodes[$0].documentPath == nil && $0 != 0 }
  }

  /// A tree from its nodes, as `BuildState` keeps it.
  init(collection: Collection, nodes: [Node], digest: Digest) {
    self.collection = collection
    self.nodes = nodes
    // Sized for every node at once: a handbook of tens of thousands of documents would be
    // copied into a table twice as large a dozen times over.
    var byDocument: [String: Int] = [:]
    byDocument.reserveCapacity(nodes.count)
    for (index, node) in nodes.enumerated() {
      if let path = node.documentPath { byDocument[path] = index }
    }
    self.nodeByDocument = byDocument
    self.digest = digest
    self.scriptPath = HandbookTree.scriptPath(nodes)
  }

  init(collection: Collection, corpus: Corpus, layout: SiteLayout) {
    var builder = Builder(collection: collection, layout: layout)
    for document in corpus.documents where document.collection == collection.name {
      builder.add(document)
    }
    builder.sortChildren()
    self.collection = collection
    self.nodes = builder.nodes
    self.nodeByDocument = builder.byDocument
    self.digest = HandbookTree.digest(of: builder.nodes)
    self.scriptPath = HandbookTree.scriptPath(builder.nodes)
  }

  /// The digest of each node's title, link and kind, by node: a page's navigation names two
  /// dozen nodes, and the digest of the navigation combines theirs rather than hashing their
  /// text again on every page.
  var nodeDigests: [Digest] { nodeDigestTable.digests(of: nodes) }

  /// The nodes' digests (`nodeDigests`), worked out by the first page that needs them (a build
  /// that renders a few pages need not hash the whole tree) and shared by the others.
  private final class NodeDigests: Sendable {
    private let digests = Mutex<[Digest]>([])

    func digests(of nodes: [Node]) -> [Digest] {
      digests.withLock { digests in
        if digests.isEmpty {
          digests = nodes.map { node in
            var hasher = StableHasher()
            hasher.combine(node.title)
            hasher.combine(node.url)
            hasher.combine(node.isFolder)
            return hasher.finalize()
          }
        }
        return digests
      }
    }
  }

  /// A hash of every node's title, link, kind and place.
  static func digest(of nodes: [Node]) -> Digest {
    var hasher = StableHasher()
    hasher.combine(HandbookTree.siblingLimit)
    for node in nodes {
      hasher.combine(node.title)
      hasher.combine(node.url)
      hasher.combine(node.isFolder)
      hasher.combine(node.parent ?? -1)
      hasher.combine(node.children.count)
      for child in node.children { hasher.combine(child) }
    }
    return hasher.finalize()
  }

  /// The nodes of a tree being made, a document at a time.
  private struct Builder {
    let collection: Collection
    let layout: SiteLayout
    /// The collection's folder of pages (`handbook/`).
    let base: String
    var nodes: [Node]
    var folderIndex: [String: Int] = ["": 0]
    var byDocument: [String: Int] = [:]
    /// Page paths taken, so that a folder's generated page does not take a document's.
    var taken: Set<String>

    init(collection: Collection, layout: SiteLayout) {
      self.collection = collection
      self.layout = layout
      base = String(
        (layout.collectionPages[collection.name] ?? "index.html").dropLast("index.html".count))
      nodes = [
        Node(
          key: "", title: collection.name.capitalized, url: base + "index.html",
          isFolder: true, children: [])
      ]
      taken = Set(layout.pages.values).union(layout.collectionPages.values)
    }

    /// The node of a folder (relative to the collection), made with its parents when new.
    mutating func folder(_ key: String) -> Int {
      if let existing = folderIndex[key] { return existing }
      let parts = key.split(onASCII: "/")
      let parent = folder(parts.dropLast().joined(separator: "/"))
      let name = String(parts.last ?? "")
      let stem = String(nodes[parent].url.dropLast("index.html".count)) + SiteLayout.segment(name)
      var url = stem + "/index.html"
      var suffix = 2
      // A page `a.md` beside a folder `a/` owns `a/index.html`; the folder's page moves aside.
      while taken.contains(url) {
        url = stem + "-\(suffix)/index.html"
        suffix += 1
      }
      taken.insert(url)
      nodes.append(
        Node(
          key: key, title: name.replacingOccurrences(of: "-", with: " ").capitalized,
          url: String(url), isFolder: true, children: [], parent: parent))
      let index = nodes.count - 1
      nodes[parent].children.append(index)
      folderIndex[key] = index
      return index
    }

    /// Adds a document: as its folder's node when it is the folder's index, else as a page.
    mutating func add(_ document: Document) {
      let relative =
        collection.path.isEmpty
        ? document.path : String(document.path.dropFirst(collection.path.count + 1))
      var parts = relative.split(onASCII: "/").map(String.init)
      let name = parts.removeLast()
      let stem = (name.split(onASCII: ".").first.map(String.init) ?? name).lowercased()
      let folderKey = parts.joined(separator: "/")
      let url = layout.pages[document.path] ?? base + "index.html"
      if ["index", "readme", "_index"].contains(stem),
        folderIndex[folderKey] == nil
          || nodes[folder(folderKey)].documentPath == nil
      {
        let index = folder(folderKey)
        nodes[index].documentPath = document.path
        nodes[index].title = document.displayTitle
        nodes[index].order = document.order
        nodes[index].url = url
        byDocument[document.path] = index
        return
      }
      let parent = folder(folderKey)
      nodes.append(
        Node(
          key: document.path, title: document.displayTitle, url: url, order: document.order,
          isFolder: false, documentPath: document.path, children: [], parent: parent))
      nodes[parent].children.append(nodes.count - 1)
      byDocument[document.path] = nodes.count - 1
    }

    /// Sorts every folder's children by `order:`, then title, then key.
    mutating func sortChildren() {
      let snapshot = nodes
      for index in nodes.indices {
        nodes[index].children.sort { a, b in
          let x = snapshot[a]
          let y = snapshot[b]
          switch (x.order, y.order) {
          case (let l?, let r?) where l != r: return l < r
          case (.some, nil): return true
          case (nil, .some): return false
          default:
            let (lt, rt) = (x.title.lowercased(), y.title.lowercased())
            return lt != rt ? lt < rt : x.key < y.key
          }
        }
      }
    }
  }

  /// The nodes from the root to `index`, both included.
  func ancestry(of index: Int) -> [Int] {
    var chain = [index]
    var current = index
    while let parent = nodes[current].parent, chain.count < 64 {
      chain.append(parent)
      current = parent
    }
    return chain.reversed()
  }
}
