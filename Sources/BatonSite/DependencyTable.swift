import BatonCorpus
import BatonDocuments
import BatonSupport
import Synchronization

/// The digest of every dependency (`Dependency`) as the corpus now has it, worked out when
/// first asked and then kept: what pages note as they read, and what the next build compares
/// a page's record with.
///
/// Pages are built in parallel; each digest is a function of the renderer alone, so two
/// threads working one out at once get the same.
final class DependencyTable: Sendable {
  let renderer: SiteRenderer
  /// The digest of the site's shared facts, the theme, the configuration and the rendering
  /// version: every page reads it.
  let site: Digest
  private let known = Mutex<[Dependency: Digest]>([:])
  /// Document offsets by path, for contexts and histories.
  private let offsets: [String: Int]

  init(renderer: SiteRenderer) {
    self.renderer = renderer
    self.site =
      renderer.pageRenderer.knowsConfiguration
      ? renderer.pageRenderer.siteDigest : Dependency.unknown
    var offsets: [String: Int] = [:]
    offsets.reserveCapacity(renderer.corpus.documents.count)
    for (offset, document) in renderer.corpus.documents.enumerated() {
      offsets[document.path] = offset
    }
    self.offsets = offsets
  }

  /// The digest of a dependency as the corpus now has it.
  func digest(_ dependency: Dependency) -> Digest {
    switch dependency.facet {
    case .site: return site
    case .layout: return renderer.pageRenderer.layoutDigest
    case .document:
      return renderer.pageRenderer.documentDigests[dependency.source] ?? Dependency.unknown
    case .navigation:
      guard let (collection, node) = dependency.node, let tree = renderer.index.trees[collection]
      else { return Digest(of: "") }
      return tree.navigationDigest(open: node)
    case .folder:
      guard let (collection, node) = dependency.node, let tree = renderer.index.trees[collection],
        node < tree.nodes.count
      else { return Digest(of: "") }
      return renderer.folderDigest(tree, node: node)
    case .row:
      guard let row = renderer.index.rows[dependency.source] else { return Digest(of: "") }
      return Dependency.digest { $0.row(row) }
    default: break
    }
    if let digest = known.withLock({ $0[dependency] }) { return digest }
    let digest = work(dependency)
    known.withLock { $0[dependency] = digest }
    return digest
  }

  /// Gives the digest of a dependency worked out elsewhere (`Dependency.Facet.digest`).
  func provide(_ dependency: Dependency, _ digest: Digest) {
    known.withLock { $0[dependency] = digest }
  }

  private func work(_ dependency: Dependency) -> Digest {
    let index = renderer.index
    switch dependency.facet {
    case .history:
      return Dependency.digest(of: renderer.corpus.history[dependency.source])
    case .context:
      guard let offset = offsets[dependency.source] else { return Digest(of: "") }
      return Dependency.digest(of: renderer.context(of: renderer.corpus.documents[offset]))
    case .rows: return rowsDigest(members(dependency.source))
    case .actions:
      return Dependency.digest { writer in
        writer.list(index.actions) { writer, action in
          writer.string(action.path)
          writer.string(action.sectionAnchor)
          writer.strings(action.responders)
          writer.optionalString(action.deadline?.description)
          if let row = index.rows[action.path] { writer.row(row) }
        }
        writer.digest(self.digest(Dependency(.people)))
      }
    case .people:
      return Dependency.digest { writer in
        writer.list(index.people.sorted { $0.key < $1.key }) { writer, entry in
          let person = entry.value
          writer.string(entry.key)
          writer.string(person.handle)
          for text in [person.name, person.team, person.timeZone] { writer.optionalString(text) }
          writer.string(person.url)
        }
      }
    case .kinds:
      return Dependency.digest { writer in
        writer.list(SiteRenderer.logKinds(self.renderer.corpus)) { writer, kind in
          writer.string(kind.name)
          writer.string(kind.plural)
        }
      }
    case .tags:
      return Dependency.digest { writer in
        writer.list(index.byTag.sorted { $0.key < $1.key }) { writer, tag in
          writer.string(tag.key)
          writer.natural(tag.value.count)
        }
      }
    case .digest: return Dependency.unknown
    case .site, .layout, .document, .navigation, .folder, .row: return digest(dependency)
    }
  }

  /// The paths of a list of documents (`Dependency.Facet.rows`), in corpus order.
  private func members(_ list: String) -> [String] {
    let index = renderer.index
    let documents = renderer.corpus.documents
    if list.hasPrefix("collection:") {
      let name = list.dropFirst("collection:".count)
      return documents.lazy.filter { $0.collection == name }.map(\.path)
    }
    if list.hasPrefix("tag:") { return index.byTag[String(list.dropFirst(4))] ?? [] }
    if list.hasPrefix("owner:") { return index.byOwner[String(list.dropFirst(6))] ?? [] }
    return documents.map(\.path)
  }

  /// The digest of documents' rows, in order.
  private func rowsDigest(_ paths: [String]) -> Digest {
    let rows = renderer.index.rows
    return Dependency.digest { writer in
      writer.list(paths) { writer, path in
        writer.string(path)
        if let row = rows[path] { writer.row(row) }
      }
    }
  }
}
