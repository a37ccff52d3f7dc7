import BatonConfig
import BatonDocuments
import BatonSupport
import Foundation

/// The single source of truth in memory: every document, the people, and the link graph.
///
/// Assembled once from parsed documents; `Check` and `Site` only read it. Lookups are indexed
/// so rules that look across documents (duplicate numbers, supersede chains, broken links) stay
/// linear in the size of the corpus.
public struct Corpus: Sendable {
  public let configuration: Configuration
  /// Documents sorted by path.
  public private(set) var documents: [Document]
  /// `people.yml`, when the repository has one.
  public let people: People?
  /// Every file path under the handbook root (documents and attachments), for link checks.
  public let filePaths: Set<String>
  /// Diagnostics about the configuration and the people file, found before any rule ran.
  public let sourceDiagnostics: [Diagnostic]
  /// Each document's git history by path; empty when history was not read.
  public private(set) var history: [String: DocumentHistory]
  /// Facts about the snapshot read: commit, shallow clone, notes for the user.
  public let repository: RepositoryFacts

  private let indexByPath: [String: Int]
  /// Per collection, identifier key → document indexes.
  private let indexByKey: [String: [String: [Int]]]
  /// Document path → paths of documents linking to it (sorted).
  public let backlinks: [String: [String]]
  /// The ledgers `ledger(of:)` worked out, shared by every copy of the corpus.
  let ledgers = LedgerMemo()

  public init(
    configuration: Configuration, documents: [Document], people: People?,
    filePaths: Set<String>, sourceDiagnostics: [Diagnostic] = [],
    history: [String: DocumentHistory] = [:], repository: RepositoryFacts = RepositoryFacts()
  ) {
    self.init(
      configuration: configuration, documents: documents, people: people, filePaths: filePaths,
      sourceDiagnostics: sourceDiagnostics, repository: repository, history: { history })
  }

  /// A corpus whose history `history` gives once the indexes are made: history worked out on
  /// another thread is waited for only then (`ParsedSource.assemble`).
  package init(
    configuration: Configuration, documents: [Document], people: People?,
    filePaths: Set<String>, sourceDiagnostics: [Diagnostic], repository: RepositoryFacts,
    history: () -> [String: DocumentHistory]
  ) {
    self.repository = repository
    self.configuration = configuration
    let sorted = Corpus.ordered(documents)
    self.documents = sorted
    self.people = people
    self.filePaths = filePaths.union(sorted.map(\.path))
    self.sourceDiagnostics = sourceDiagnostics
    var byPath: [String: Int] = [:]
    var byKey: [String: [String: [Int]]] = [:]
    byPath.reserveCapacity(sorted.count)
    // By index: binding each document would copy it, retaining every one of its fields.
    for index in sorted.indices {
      byPath[sorted[index].path] = index
      byKey[sorted[index].collection, default: [:]][sorted[index].identifier.key, default: []]
        .append(index)
    }
    self.indexByPath = byPath
    self.indexByKey = byKey
    // Each document's outgoing links are resolved in parallel, then gathered in order.
    let (pathIndex, keyIndex) = (byPath, byKey)
    let targets = sorted.parallelMap { document -> [Int] in
      var found: [Int] = []
      for link in document.links {
        if let target = link.target, let index = pathIndex[target], target != document.path {
          found.append(index)
        }
      }
      for key in ["supersedes", "superseded-by", "related"] {
        for reference in document.items(key) {
          if let target = Corpus.resolve(
            reference.value, from: document, byPath: pathIndex, byKey: keyIndex)
          {
            found.append(target)
          }
        }
      }
      return found
    }
    var links: [String: Set<String>] = [:]
    for (document, found) in zip(sorted, targets) {
      for target in found { links[sorted[target].path, default: []].insert(document.path) }
    }
    self.backlinks = links.mapValues { $0.sorted() }
    self.history = history()
  }

  /// The document at a repository path.
  public func document(at path: String) -> Document? {
    offset(of: path).map { documents[$0] }
  }

  /// Where the document at a repository path is in `documents`.
  func offset(of path: String) -> Int? {
    indexByPath[path]
  }

  /// The documents of a collection with an identifier key (more than one is a duplicate).
  public func documents(inCollection collection: String, key: String) -> [Document] {
    (indexByKey[collection]?[key] ?? []).map { documents[$0] }
  }

  /// The kind schema of a document.
  public func schema(of document: Document) -> KindSchema {
    configuration.schema(ofKind: document.kind)
  }

  /// Documents in the corpus's order: by path.
  package static func ordered(_ documents: [Document]) -> [Document] {
    documents.sorted { $0.path < $1.path }
  }

  /// The document a reference names: `0042`, `ADR-0042`, `42`, or a relative path.
  ///
  /// Paths are tried first (relative to the referring document), then identifiers in the
  /// referring document's collection, then in any collection of the same kind.
  public func resolve(_ reference: String, from document: Document) -> Document? {
    Corpus.resolve(reference, from: document, byPath: indexByPath, byKey: indexByKey)
      .map { documents[$0] }
  }

  private static func resolve(
    _ reference: String, from document: Document, byPath: [String: Int],
    byKey: [String: [String: [Int]]]
  ) -> Int? {
    let trimmed = reference.trimmingWhitespace()
    guard !trimmed.isEmpty else { return nil }
    if trimmed.hasSuffix(".md") || trimmed.firstRange(of: ".md#") != nil,
      let path = DocumentLink.target(of: trimmed, from: document.path), let index = byPath[path]
    {
      return index
    }
    let key = DocumentIdentifier.key(forReference: trimmed)
    if let matches = byKey[document.collection]?[key], let first = matches.first { return first }
    for (_, keys) in byKey.sorted(by: { $0.key < $1.key }) {
      if let first = keys[key]?.first { return first }
    }
    return nil
  }

  /// The `#fragment` of a link, if any.
  public static func fragment(of url: String) -> String? {
    guard let hash = url.firstIndex(of: "#") else { return nil }
    let fragment = String(url[url.index(after: hash)...])
    guard !fragment.isEmpty else { return nil }
    // Percent-decoding goes through Foundation and is slow: only when there is a `%`.
    guard fragment.utf8.contains(UInt8(ascii: "%")) else { return fragment }
    return fragment.removingPercentEncoding ?? fragment
  }
}
