import BatonConfig
import BatonDocuments
import BatonSupport
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
    try loadAndParse(options, keepingBodies: keepingBodies, timer: &timer) { _, _ in () }.parsed
  }

  /// Loads and parses as `loadAndParse(_:keepingBodies:timer:)` does, and hands the parsed
  /// documents to `alongside` on the parsing thread as soon as they are parsed.
  ///
  /// For later work that needs nothing but the documents and the configuration (the search
  /// index): it then runs while Load is still reading the history, which on a repository
  /// without a history cache takes seconds and keeps one core busy at most.
  ///
  /// Documents `memo` holds from the same inputs are not parsed again (see `ParseMemo`), nor is
  /// the history `history` holds read again (see `HistoryMemo`; nil when the caller keeps none).
  package static func loadAndParse<Extra: Sendable>(
    _ options: SourceOptions, keepingBodies: Bool = true, memo: ParseMemo = ParseMemo(),
    history: HistoryMemo? = nil, historyKey: Bool = false, timer: inout StageTimer,
    alongside: @escaping @Sendable (Configuration, [Document]) -> Extra
  ) throws -> (parsed: ParsedSource, extra: Extra) {
    var inFlight: Background<([Document], String?, Extra)>?
    var loaded = try load(
      options, memo: history, historyKey: historyKey, parseCache: !keepingBodies
    ) { configuration, files, cache in
      inFlight = Background {
        let (documents, note) = parseDocuments(
          files, configuration: configuration, keepingBodies: keepingBodies, memo: memo,
          cache: cache)
        return (documents, note, alongside(configuration, documents))
      }
    }
    timer.lap("load")
    guard let (documents, note, extra) = inFlight?.value else {
      preconditionFailure("Loader.load returned without handing over the documents")
    }
    if let note { loaded.notes.append(note) }
    let parsed = loaded.parse(documents: documents)
    timer.lap("parse")
    return (parsed, extra)
  }
}

extension Loader {
  /// Parses the documents, taking those `memo` holds from the same inputs, else (when the memo
  /// is empty) those the parse cache holds; rewrites the cache when a document was parsed.
  ///
  /// - Returns: the documents, and a note when the cache was damaged or could not be written.
  static func parseDocuments(
    _ files: [LoadedSource.CollectionFile], configuration: Configuration, keepingBodies: Bool,
    memo: ParseMemo, cache: ParseCache?
  ) -> ([Document], String?) {
    guard let cache, !keepingBodies, memo.isEmpty else {
      let (documents, _) = LoadedSource.parseDocuments(
        files, configuration: configuration, keepingBodies: keepingBodies, memo: memo)
      return (documents, nil)
    }
    let (kept, damage) = cache.read(configuration)
    let (documents, reused) = LoadedSource.parseDocuments(
      files, configuration: configuration, keepingBodies: false, memo: kept ?? ParseMemo())
    // Rewritten when a document it can hold was parsed, or one it holds is gone.
    let cacheable = files.count { $0.digest != nil && $0.file.problem == nil }
    guard reused != cacheable || kept?.count != reused else { return (documents, damage) }
    let failure = cache.write(files, documents: documents)
    return (documents, [damage, failure].compactMap { $0 }.joined(separator: "; ").nonEmpty)
  }
}

extension String {
  fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
