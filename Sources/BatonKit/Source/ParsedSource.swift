/// The Parse stage's output: documents and people, parsed in parallel from the loaded bytes.
public struct ParsedSource: Sendable {
  public var loaded: LoadedSource
  public var documents: [Document]
  public var people: People?
  public var diagnostics: [Diagnostic]

  /// Assembles the corpus: indexes, link graph, people.
  public func assemble() -> Corpus {
    Corpus(
      configuration: loaded.configuration, documents: documents, people: people,
      filePaths: loaded.filePaths, sourceDiagnostics: diagnostics)
  }
}

extension LoadedSource {
  /// Parses every document in parallel, and the people file.
  public func parse() -> ParsedSource {
    let configuration = self.configuration
    let documents = files.parallelMap { entry in
      let schema = configuration.kinds[entry.collection.kind] ?? .page
      return DocumentParser(collection: entry.collection, schema: schema).parse(entry.file)
    }
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
    return ParsedSource(
      loaded: self, documents: documents, people: people, diagnostics: diagnostics)
  }
}
