import BatonConfig
import BatonDocuments
import BatonGit

extension Loader {
  /// The paths of the loaded documents that may hold responses now
  /// (`CollectionFile.mayHoldResponses`).
  static func pathsWithResponses(_ files: [LoadedSource.CollectionFile]) -> [String] {
    files.compactMap { $0.mayHoldResponses ? $0.file.path : nil }
  }

  /// Whether a document read may hold responses (see `DocumentParser.mayHoldResponses`).
  static func mayHoldResponses(
    _ entry: LoadedSource.CollectionFile, configuration: Configuration
  ) -> Bool {
    let schema = configuration.schema(ofKind: entry.collection.kind)
    guard schema.hasResponses, let bytes = entry.file.bytes else { return false }
    let parser = DocumentParser(collection: entry.collection, schema: schema, keepsBody: false)
    return parser.mayHoldResponses(bytes)
  }

  /// Every version of the documents that hold responses now, parsed, so that the Corpus can
  /// tell which commit added each answer and which named each responder.
  ///
  /// Only those documents' versions are read (few, in practice); blobs are read one by one
  /// from the repository and parsed in parallel.
  static func versionDocuments(
    _ repository: Repository, files: [String: FileHistory], loaded: LoadedSource,
    options: SourceOptions
  ) -> [ObjectID: Document] {
    var jobs: [(blob: ObjectID, path: String, parser: DocumentParser, bytes: [UInt8])] = []
    var seen = Set<ObjectID>()
    let byPath = Dictionary(
      loaded.files.map { ($0.file.path, $0.collection) }, uniquingKeysWith: { a, _ in a })
    for path in pathsWithResponses(loaded.files) {
      guard let history = files[path], let collection = byPath[path] else { continue }
      let schema = loaded.configuration.schema(ofKind: collection.kind)
      let parser = DocumentParser(collection: collection, schema: schema, keepsBody: false)
      for version in history.entries {
        guard let blob = version.blob, seen.insert(blob).inserted,
          let bytes = try? repository.blob(blob, maxBytes: options.maxFileBytes)
        else { continue }
        jobs.append((blob, path, parser, bytes))
      }
    }
    let parsed = jobs.parallelMap { job in
      (job.blob, job.parser.parse(SourceFile(path: job.path, bytes: job.bytes)))
    }
    return Dictionary(parsed, uniquingKeysWith: { a, _ in a })
  }
}
