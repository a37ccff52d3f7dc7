import BatonConfig
import BatonDocuments
import BatonGit
import BatonSupport

/// The Parse stage's output: documents and people, parsed in parallel from the loaded bytes.
public struct ParsedSource: Sendable {
  public var loaded: LoadedSource
  public var documents: [Document]
  public var people: People?
  public var diagnostics: [Diagnostic]
}

extension LoadedSource {
  /// Parses every document in parallel, and the people file.
  ///
  /// - Parameter keepingBodies: whether documents keep their Markdown tree (`Document.body`)
  ///   for rendering; checking and listing do without, and parse in about half the time.
  public func parse(keepingBodies: Bool = true) -> ParsedSource {
    parse(
      documents: LoadedSource.parseDocuments(
        files, configuration: configuration, keepingBodies: keepingBodies
      ).documents)
  }

  /// Parses documents on every core; those `memo` holds from the same inputs are reused.
  ///
  /// - Returns: the documents, and how many of them came from `memo`.
  package static func parseDocuments(
    _ files: [CollectionFile], configuration: Configuration, keepingBodies: Bool,
    memo: ParseMemo = ParseMemo()
  ) -> (documents: [Document], reused: Int) {
    let parsed = files.parallelMap { entry in
      let schema = configuration.schema(ofKind: entry.collection.kind)
      if let document = memo.document(for: entry, schema: schema, keepingBodies: keepingBodies) {
        return (document, true)
      }
      return (
        DocumentParser(collection: entry.collection, schema: schema, keepsBody: keepingBodies)
          .parse(entry.file), false
      )
    }
    return (parsed.map(\.0), parsed.reduce(0) { $0 + ($1.1 ? 1 : 0) })
  }

  /// The rest of `parse(keepingBodies:)`, given this source's documents already parsed.
  package func parse(documents: [Document]) -> ParsedSource {
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
            .error, "people-file", LoadedSource.peopleFileProblem(file),
            at: SourceLocation(path: file.path, line: 1, column: 1)))
      }
    }
    return ParsedSource(
      loaded: self, documents: documents, people: people, diagnostics: diagnostics)
  }
}

extension LoadedSource {
  /// Why the people file gives no people, in words, with what to do.
  static func peopleFileProblem(_ file: SourceFile) -> String {
    switch file.problem {
    case .symlinkOutsideRepository(let target)?:
      "people file is a symbolic link to '\(target)', outside the repository, which is never "
        + "followed: keep the file itself in the repository"
    case .tooLarge(let size, let limit)?:
      "people file is \(size) bytes, over the limit of \(limit): split or trim it"
    case .unreadable(let reason)?:
      "people file cannot be read: \(reason)"
    default:
      "people file cannot be read as UTF-8 text: re-save it as UTF-8"
    }
  }
}
