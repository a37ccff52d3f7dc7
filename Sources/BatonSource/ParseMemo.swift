import BatonConfig
import BatonDocuments

/// Documents an earlier build in the same process parsed, by path, so that the next build parses
/// only the files that changed (`baton serve` keeps one between rebuilds).
///
/// Parsing a file is a pure function of the file (path and bytes, or why there are none), its
/// collection, its kind's schema and whether bodies are kept. A document is taken from the memo
/// only when all of these are equal to what it was parsed from; the file by the digest Load
/// took of it (`CollectionFile.digest`), as every other stage tells a change.
public struct ParseMemo: Sendable {
  struct Entry: Sendable {
    var source: LoadedSource.CollectionFile
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
        source: source, schema: configuration.schema(ofKind: source.collection.kind),
        document: document)
    }
    self.keepsBodies = keepingBodies
    self.entries = entries
  }

  /// The document parsed before from exactly these inputs, if any.
  func document(
    for source: LoadedSource.CollectionFile, schema: KindSchema, keepingBodies: Bool
  ) -> Document? {
    guard keepingBodies == keepsBodies, let entry = entries[source.file.path],
      entry.source.file.path == source.file.path, entry.source.digest == source.digest,
      entry.source.file.problem == source.file.problem,
      entry.source.collection == source.collection,
      entry.schema == schema
    else { return nil }
    return entry.document
  }
}
