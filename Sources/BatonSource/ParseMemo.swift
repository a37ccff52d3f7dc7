import BatonConfig
import BatonDocuments
import BatonSupport

/// Documents an earlier build in the same process parsed, by path, so that the next build parses
/// only the files that changed (`baton serve` keeps one between rebuilds).
///
/// Parsing a file is a pure function of the file (path and bytes, or why there are none), its
/// collection, its kind's schema and whether bodies are kept. A document is taken from the memo
/// only when all of these are equal to what it was parsed from; the file by the digest Load
/// took of it (`CollectionFile.digest`), as every other stage tells a change. The parse cache
/// (`ParseCache`) is such a memo kept on disk between runs, for parses without bodies.
public struct ParseMemo: Sendable {
  struct Entry: Sendable {
    /// What the document was parsed from: the file's digest and why it had no bytes, if so.
    var digest: Digest?
    var problem: ReadProblem?
    var collection: Collection
    var schema: KindSchema
    var document: Document
  }

  let keepsBodies: Bool
  let entries: [String: Entry]

  /// An empty memo: every file is parsed.
  public init() {
    keepsBodies = true
    entries = [:]
  }

  /// Documents parsed before, by path (the parse cache reads them from its file).
  init(keepingBodies: Bool, entries: [String: Entry]) {
    self.keepsBodies = keepingBodies
    self.entries = entries
  }

  /// What `parsed` parsed, to reuse in the next build.
  ///
  /// - Parameter keepingBodies: whether `parsed` kept the documents' bodies (as a site build
  ///   does); documents are reused only by a parse that keeps them the same way.
  public init(_ parsed: ParsedSource, keepingBodies: Bool = true) {
    let configuration = parsed.loaded.configuration
    var entries: [String: Entry] = [:]
    entries.reserveCapacity(parsed.documents.count)
    for (source, document) in zip(parsed.loaded.files, parsed.documents) {
      entries[source.file.path] = Entry(
        digest: source.digest, problem: source.file.problem, collection: source.collection,
        schema: configuration.schema(ofKind: source.collection.kind), document: document)
    }
    self.keepsBodies = keepingBodies
    self.entries = entries
  }

  /// Whether the memo holds no document.
  var isEmpty: Bool { entries.isEmpty }

  /// How many documents the memo holds.
  var count: Int { entries.count }

  /// The document parsed before from exactly these inputs, if any.
  func document(
    for source: LoadedSource.CollectionFile, schema: KindSchema, keepingBodies: Bool
  ) -> Document? {
    guard keepingBodies == keepsBodies, let entry = entries[source.file.path],
      entry.digest == source.digest, entry.problem == source.file.problem,
      entry.collection == source.collection, entry.schema == schema
    else { return nil }
    return entry.document
  }
}
