import BatonCorpus
import BatonGit
import BatonSupport
import Synchronization

/// Something a page read while its view model was built: one facet of one source.
///
/// A page is rendered again exactly when the digest of something it read changed (Hugo's and
/// Jekyll's dependency trackers work the same way): its document's bytes, its history, its
/// context (the rows of the documents it links to and that link to it, its call to action, its
/// place in the tree), the rows a list shows, the navigation tree, the site and theme. The
/// view models read these through `DependencyRecorder`, which notes each with its digest, and
/// `DependencyTable` works the same digests out again for the next build, from the same
/// functions, so a page is kept only while everything it read is the same.
struct Dependency: Hashable, Sendable, Comparable {
  /// What of a source a page read.
  enum Facet: UInt8, Sendable, Comparable {
    /// The site's shared facts, the theme, the configuration and Baton's rendering version.
    case site
    /// Where every page and attachment is published (a body's links resolve against it).
    case layout
    /// A document's bytes, by path: its body, table of contents and own fields.
    case document
    /// A document's history, by path.
    case history
    /// What a document's page shows from beyond the document (`DocumentContext`), by path.
    case context
    /// The navigation a page of a handbook tree shows (`HandbookTree.navigationDigest`), by
    /// collection name and node (`navigationSource`).
    case navigation
    /// What a folder's page of a handbook tree lists (`SiteRenderer.folderContent`), by
    /// collection name and node.
    case folder
    /// One document's row, by path.
    case row
    /// The rows of a list of documents, in order: a collection's (`collection:NAME`), a tag's
    /// (`tag:NAME`), an owner's (`owner:HANDLE`), or every document's (``).
    case rows
    /// Every open call to action, with its document's row and its responders' pages.
    case actions
    /// Everyone with a page.
    case people
    /// Every tag and how many documents have it.
    case tags
    /// The kinds listed as logs that have documents (`SiteRenderer.logKinds`).
    case kinds
    /// A weekly digest's page (by week) or their index (``): worked out with the digests, and
    /// given to the table (`DependencyTable.provide`) before the page is looked up.
    case digest

    static func < (a: Facet, b: Facet) -> Bool { a.rawValue < b.rawValue }
  }

  var facet: Facet
  /// The document path, collection name or list the facet is of; empty for the whole site.
  var source: String

  init(_ facet: Facet, _ source: String = "") {
    self.facet = facet
    self.source = source
  }

  /// The source of a node of a handbook tree: the collection's name and the node's number.
  static func node(_ facet: Facet, _ collection: String, _ node: Int) -> Dependency {
    Dependency(facet, collection + "\u{0}" + String(node))
  }

  /// The collection and node a `node(_:_:_:)` source names.
  var node: (collection: String, node: Int)? {
    let parts = source.split(separator: "\u{0}", omittingEmptySubsequences: false)
    guard parts.count == 2, let node = Int(parts[1]) else { return nil }
    return (String(parts[0]), node)
  }

  static func < (a: Dependency, b: Dependency) -> Bool {
    (a.facet, a.source) < (b.facet, b.source)
  }
}

/// What a page read, each dependency with its digest when read.
struct DependencyRecord: Sendable, Hashable {
  /// Sorted by dependency.
  private(set) var entries: [(dependency: Dependency, digest: Digest)]

  init(_ read: [Dependency: Digest]) {
    entries = read.map { ($0.key, $0.value) }.sorted { $0.dependency < $1.dependency }
  }

  static func == (a: DependencyRecord, b: DependencyRecord) -> Bool {
    a.entries.elementsEqual(b.entries) { $0.dependency == $1.dependency && $0.digest == $1.digest }
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(key)
  }

  /// A digest of every dependency and its digest: the page's key (`SiteFile.key`).
  var key: Digest {
    var hasher = StableHasher()
    hasher.combine(entries.count)
    for (dependency, digest) in entries {
      hasher.combine(Int(dependency.facet.rawValue))
      hasher.combine(dependency.source)
      hasher.combine(digest)
    }
    return hasher.finalize()
  }

  /// Whether everything the page read still has the digest it had.
  func isCurrent(in table: DependencyTable) -> Bool {
    entries.allSatisfy { table.digest($0.dependency) == $0.digest }
  }
}

/// Notes what one page reads while its view model is built. One per page, used by the thread
/// that builds it.
final class DependencyRecorder {
  /// Works out the digest of what is read, when the reader does not give it.
  let table: DependencyTable?
  private(set) var read: [Dependency: Digest] = [:]

  init(table: DependencyTable?) {
    self.table = table
  }

  /// Notes a dependency whose digest the table works out.
  func use(_ dependency: Dependency) {
    guard read[dependency] == nil else { return }
    read[dependency] = table?.digest(dependency) ?? Dependency.never
  }

  /// Notes a dependency with the digest of the value read.
  func use(_ dependency: Dependency, digest: Digest) {
    read[dependency] = digest
  }

  var record: DependencyRecord { DependencyRecord(read) }
}

extension Dependency {
  /// What a page records of something that cannot be known again: the table gives such a
  /// dependency `unknown`, which never equals it, so the page is rendered by every build, and
  /// its key stays the same from one build to the next.
  static let never = Digest(of: "\u{0}cannot be known again")

  /// The digest the table gives of something it cannot know: never equal to another.
  static var unknown: Digest {
    Digest(high: UInt64.random(in: .min ... .max), low: UInt64.random(in: .min ... .max))
  }

  /// The digest of a value as the build state writes it.
  static func digest(_ write: (inout ByteWriter) -> Void) -> Digest {
    var writer = ByteWriter(capacity: 256)
    write(&writer)
    return Digest(of: writer.bytes)
  }

  /// The digest of a document's context, its rows written whole.
  static func digest(of context: DocumentContext) -> Digest {
    digest { $0.context(context, reference: { _ in nil }) }
  }

  /// The digest of a document's history (or of none), its events written whole. Its creation
  /// and update, referred to first, are most often among its commits: those are written once.
  static func digest(of history: DocumentHistory?) -> Digest {
    digest { writer in
      guard let history else { return writer.bool(false) }
      writer.bool(true)
      var events: [DocumentHistory.Event] = []
      writer.history(history) { event in
        for known in events.indices.prefix(2) where events[known] == event { return known + 1 }
        events.append(event)
        return events.count
      }
      writer.list(events) { $0.event($1) }
    }
  }
}
