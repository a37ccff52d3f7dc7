import Dispatch

extension Loader {
  /// Loads and parses, parsing the documents while the loader reads the rest.
  ///
  /// Once the documents' bytes are read, Load still lists every file, asks git for drafts and
  /// reads history, much of it on one thread; Parse needs only the documents and the
  /// configuration, so it starts on them then, on every core, and Load goes on beside it. The
  /// data still flows one way: Parse gets what Load read, never the reverse. The `load` lap of
  /// `timer` ends when Load is done, the `parse` lap when Parse is.
  public static func loadAndParse(
    _ options: SourceOptions, keepingBodies: Bool = true, timer: inout StageTimer
  ) throws -> ParsedSource {
    var inFlight: Background<[Document]>?
    let loaded = try load(options) { configuration, files in
      inFlight = Background {
        LoadedSource.parseDocuments(
          files, configuration: configuration, keepingBodies: keepingBodies)
      }
    }
    timer.lap("load")
    guard let documents = inFlight?.value else {
      preconditionFailure("Loader.load returned without handing over the documents")
    }
    let parsed = loaded.parse(documents: documents)
    timer.lap("parse")
    return parsed
  }
}
