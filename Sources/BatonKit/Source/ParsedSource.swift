import BatonGit

/// The Parse stage's output: documents and people, parsed in parallel from the loaded bytes.
public struct ParsedSource: Sendable {
  public var loaded: LoadedSource
  public var documents: [Document]
  public var people: People?
  public var diagnostics: [Diagnostic]
  /// The status each older version of a decision had, by blob id, read with the same parser as
  /// the current version; versions without a status are absent.
  public var versionStatuses: [ObjectID: String] = [:]

  /// Assembles the corpus: indexes, link graph, people, history and facts about the repository.
  public func assemble() -> Corpus {
    let history = loaded.history.map { history in
      DocumentHistory.assemble(
        documents: documents, history: history, statuses: versionStatuses, loaded: loaded)
    }
    let facts = RepositoryFacts(
      commit: (loaded.commit ?? loaded.head)?.hex, isWorkingTree: loaded.commit == nil,
      isShallow: loaded.isShallow, notes: loaded.notes, hasHistory: loaded.history != nil,
      walkedCommits: loaded.history?.walkedCommits ?? 0, scope: loaded.scope)
    return Corpus(
      configuration: loaded.configuration, documents: documents, people: people,
      filePaths: loaded.filePaths, sourceDiagnostics: diagnostics, history: history ?? [:],
      repository: facts)
  }
}

extension LoadedSource {
  /// Parses every document in parallel, the people file, and the older versions of decisions.
  ///
  /// - Parameter keepingBodies: whether documents keep their Markdown tree (`Document.body`)
  ///   for rendering; checking and listing do without, and parse in about half the time.
  public func parse(keepingBodies: Bool = true) -> ParsedSource {
    parse(
      documents: LoadedSource.parseDocuments(
        files, configuration: configuration, keepingBodies: keepingBodies))
  }

  /// Parses documents on every core.
  static func parseDocuments(
    _ files: [CollectionFile], configuration: Configuration, keepingBodies: Bool
  ) -> [Document] {
    files.parallelMap { entry in
      let schema = configuration.kinds[entry.collection.kind] ?? .page
      return DocumentParser(collection: entry.collection, schema: schema, keepsBody: keepingBodies)
        .parse(entry.file)
    }
  }

  /// The rest of `parse(keepingBodies:)`, given this source's documents already parsed.
  func parse(documents: [Document]) -> ParsedSource {
    var diagnostics = configurationDiagnostics
    var people: People?
    if let file = peopleFile {
      if let bytes = file.bytes, let text = String(validating: bytes, as: UTF8.self) {
        let (parsed, problems) = People.parse(text, path: file.path)
        people = parsed
        diagnostics += problems
      } else {
        diagnostics.append(
          Diagnostic(
            .error, "people-file", "people file cannot be read as UTF-8 text: re-save it as UTF-8",
            at: SourceLocation(path: file.path, line: 1, column: 1)))
      }
    }
    var parsed = ParsedSource(
      loaded: self, documents: documents, people: people, diagnostics: diagnostics)
    if let history { parsed.versionStatuses = versionStatuses(history) }
    return parsed
  }

  /// Parses each older version once (by blob id) with its document's parser, keeping the status.
  private func versionStatuses(_ history: LoadedHistory) -> [ObjectID: String] {
    var jobs: [(blob: ObjectID, path: String, parser: DocumentParser)] = []
    var seen = Set<ObjectID>()
    for entry in files {
      let schema = configuration.kinds[entry.collection.kind] ?? .page
      guard LoadedHistory.tracksStatus(schema), let versions = history.files[entry.file.path]
      else { continue }
      let parser = DocumentParser(collection: entry.collection, schema: schema, keepsBody: false)
      for version in versions.entries {
        guard let blob = version.blob, history.versions[blob] != nil, seen.insert(blob).inserted
        else { continue }
        jobs.append((blob, entry.file.path, parser))
      }
    }
    let versions = history.versions
    let statuses = jobs.parallelMap { job -> (ObjectID, String?) in
      let file = SourceFile(path: job.path, bytes: versions[job.blob])
      return (job.blob, job.parser.status(of: file))
    }
    var result: [ObjectID: String] = [:]
    for case (let blob, let status?) in statuses { result[blob] = status }
    return result
  }
}
