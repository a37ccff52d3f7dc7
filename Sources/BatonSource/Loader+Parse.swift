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
    var inFlight: Background<([Document], Extra)>?
    let loaded = try load(options, memo: history, historyKey: historyKey) { configuration, files in
      inFlight = Background {
        let documents = LoadedSource.parseDocuments(
          files, configuration: configuration, keepingBodies: keepingBodies, memo: memo)
        return (documents, alongside(configuration, documents))
      }
    }
    timer.lap("load")
    guard let (documents, extra) = inFlight?.value else {
      preconditionFailure("Loader.load returned without handing over the documents")
    }
    let parsed = loaded.parse(documents: documents)
    timer.lap("parse")
    return (parsed, extra)
  }
}
