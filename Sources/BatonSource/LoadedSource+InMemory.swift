import BatonConfig
import BatonDocuments
import BatonSupport

extension LoadedSource {
  /// A source made from files in memory instead of a repository: for rule examples, tests and
  /// tools that already have the bytes.
  ///
  /// Collections are found as in a repository without `baton.yml` (or as `baton.yml` in
  /// `files` declares them), so an example behaves exactly as the same files would in git.
  ///
  /// - Throws: `ConfigurationError` when a `baton.yml` among the files cannot be used.
  /// With `onBase`, the source also carries a change scope as `--since` would: `onBase` are the
  /// document paths on the reference, and the files not among them count as added.
  public static func inMemory(
    files: [(path: String, text: String)], people: String? = nil, onBase: [String]? = nil
  ) throws(ConfigurationError) -> LoadedSource {
    var configuration = Configuration()
    var diagnostics: [Diagnostic] = []
    if let config = files.first(where: { $0.path == "baton.yml" }) {
      (configuration, diagnostics) = try Configuration.parse(config.text, path: config.path)
    }
    let paths = Set(files.map(\.path))
    if !configuration.collectionsDeclared {
      configuration.collections = Loader.deduplicatedNames(
        configuration.collections.filter { collection in
          paths.contains { collection.contains($0) }
        })
    }
    var documents: [CollectionFile] = []
    for file in files.sorted(by: { $0.path < $1.path }) {
      guard let collection = configuration.collection(containing: file.path),
        !KindSchema.isNotADocument(file.path, kind: configuration.kinds[collection.kind])
      else { continue }
      var entry = CollectionFile(
        file: SourceFile(path: file.path, bytes: Array(file.text.utf8)), collection: collection)
      entry.mayHoldResponses = Loader.mayHoldResponses(entry, configuration: configuration)
      documents.append(entry)
    }
    var peopleFile: SourceFile?
    if let people, let path = configuration.peoplePath {
      peopleFile = SourceFile(path: path, bytes: Array(people.utf8))
    }
    var source = LoadedSource(
      configuration: configuration, configurationDiagnostics: diagnostics, files: documents,
      peopleFile: peopleFile, filePaths: paths, workingDirectory: nil, commit: nil, head: nil,
      drafts: [:], userName: nil, userEmail: nil, isShallow: false)
    if let onBase {
      let added = paths.subtracting(onBase)
      source.scope = ChangeScope(
        reference: "main", referenceCommit: "", mergeBase: "", changedPaths: added,
        addedPaths: added, removedPaths: [], pathsOnReference: Set(onBase))
    }
    return source
  }
}
