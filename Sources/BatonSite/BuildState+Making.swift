import BatonCorpus
import BatonDocuments
import BatonGit
import BatonSearch
import BatonSource
import BatonSupport

extension BuildState {
  /// The state a full build leaves for the next, made from what it rendered, its files
  /// (tables, buckets, the listing, blobs) written; the caller writes the state itself once the
  /// output's record is known (`record` is a placeholder until then). Nil when the files cannot
  /// be written: the next build is then a full one.
  ///
  /// - Parameters:
  ///   - kept: what the render worked out for the state (`SiteRenderer.Kept`).
  ///   - listed: the bytes of `documents.json`, kept in the store for the next update to patch
  ///     (in a folder, by the caller: see `writeFiles`), with their digest when it was taken
  ///     already (the writer's, for the output's record).
  ///   - pages: the site's files, whose records (what each page read) are kept for the next
  ///     whole render.
  ///   - racyAfter: stamps from this time on are not trusted by the next build.
  static func make(
    corpus: Corpus, loaded: LoadedSource, renderer: SiteRenderer, kept: SiteRenderer.Kept,
    search: SearchState.Built, listed: (bytes: [UInt8], digest: Digest?), pages: [SiteFile],
    inputs: Digest, racyAfter: Int64, store: inout StateStore
  ) -> BuildState? {
    let count = corpus.documents.count
    guard kept.contexts.count == count, kept.faces.count == count else { return nil }
    var loadedFiles: [String: LoadedSource.CollectionFile] = [:]
    for entry in loaded.files { loadedFiles[entry.file.path] = entry }
    var tables = Numbering()
    var documents: [String: BuildState.Document] = [:]
    documents.reserveCapacity(count)
    // Each document's path and history by its offset, looked up once: the buckets' files are
    // made from them and the contexts, which are not copied into pages.
    var paths: [String] = []
    var histories: [DocumentHistory?] = []
    paths.reserveCapacity(count)
    histories.reserveCapacity(count)
    var buckets = [[Int]](repeating: [], count: BuildState.bucketCount)
    for (offset, document) in corpus.documents.enumerated() {
      let path = document.path
      guard let range = kept.records[path], range.upperBound <= listed.bytes.count,
        let row = renderer.index.rows[path]
      else { return nil }
      let history = corpus.history[path]
      tables.add(row, history: history)
      let entry = loadedFiles[path]
      let recordDigest = listed.bytes.withUnsafeBytes {
        Digest(of: UnsafeRawBufferPointer(rebasing: $0[range]))
      }
      documents[path] = BuildState.Document(
        collection: document.collection, digest: entry?.digest, face: kept.faces[offset],
        stamp: entry?.stamp, mayHoldResponses: entry?.mayHoldResponses ?? false, record: range,
        recordDigest: recordDigest)
      buckets[BuildState.bucket(of: path)].append(offset)
      paths.append(path)
      histories.append(history)
    }
    let files = tables.files(
      buckets: buckets, pages: (paths: paths, contexts: kept.contexts, histories: histories))
    let frame = Frame(
      site: renderer.site, pages: PageAddresses(renderer.layout.pages),
      attachments: renderer.layout.attachments.sorted(), trees: renderer.index.trees,
      layoutDigest: renderer.pageRenderer.layoutDigest)
    // The order a state read back has: its documents' paths sorted (the corpus's order, when
    // its paths are in order and distinct).
    let order =
      zip(paths, paths.dropFirst()).allSatisfy({ $0 < $1 }) && documents.count == paths.count
      ? paths : documents.keys.sorted()
    guard
      let names = writeFiles(
        files, frame: (frame, order), listed: listed, pages: pages, search: search, to: &store)
    else { return nil }
    var state = BuildState(
      inputs: inputs, tip: (loaded.commit ?? loaded.head)?.hex, racyAfter: racyAfter,
      record: Digest(high: 0, low: 0), frame: frame, frameFile: names.frame,
      documents: documents, drafts: loaded.drafts, buckets: files.buckets,
      rows: files.rows, commits: files.commits, listing: names.listing, records: names.records,
      excerpts: names.excerpts, search: search.state, order: order)
    state.blobs = search.blobs.mapValues(BuildState.seal(of:))
    state.index = loaded.index
    state.seals = names.seals
    return state
  }

  /// Writes the files of a state before the state itself, under names of their content: the
  /// tables and buckets, the frame (given with its pages' paths sorted), the listing, the
  /// records, the excerpts by name, the search shards' blobs by hash. In a folder the listing
  /// is left to the caller, which makes the output's `documents.json` the store's file (a hard
  /// link, `StateStore.hardLink`) and writes it only when that cannot be done: writing it here
  /// too wrote tens of megabytes that the link then replaced. A state written later
  /// (`write(to:)`) names them; until then nothing reads them. Each kind of file is made as the
  /// one before is written, so that they are not all held at once.
  ///
  /// - Returns: the names of the frame, listing, records and excerpts, and the seals of the
  ///   sealed files by name (`BuildState.seals`); nil when something could not be written.
  static func writeFiles(
    _ tables: (files: [String: [UInt8]], buckets: [String], rows: String, commits: String),
    frame: (Frame, paths: [String]), listed: (bytes: [UInt8], digest: Digest?),
    pages: [SiteFile], search: SearchState.Built, to store: inout StateStore
  ) -> (
    frame: String, listing: String, records: String, excerpts: [String],
    seals: [String: UInt64]
  )? {
    var files = tables.files
    let frameFile = BuildState.encodeFrame(frame.0, paths: frame.paths)
    let frameName = BuildState.tableName("frame", frameFile)
    files[frameName] = frameFile
    guard store.write(files) else { return nil }
    var seals = files.mapValues(BuildState.seal(of:))
    let listing = BuildState.tableName(
      "listing", digest: listed.digest ?? Digest(of: listed.bytes))
    if store.folder == nil {
      guard store.write([listing: listed.bytes]) else { return nil }
    }
    let records = BuildState.encodeRecords(pages)
    let recordsName = BuildState.tableName("records", records)
    guard store.write([recordsName: records]) else { return nil }
    seals[recordsName] = BuildState.seal(of: records)
    let excerpts = BuildState.excerptFiles(search.payloads)
    for (name, bytes) in excerpts { seals[name] = BuildState.seal(of: bytes) }
    guard store.write(Dictionary(excerpts, uniquingKeysWith: { a, _ in a })) else { return nil }
    // Blobs are sealed by their writer (`SearchState.BlobWriter`).
    var blobs: [String: [UInt8]] = [:]
    for (hash, blob) in search.blobs { blobs[BuildState.blobName(hash)] = blob }
    guard store.write(blobs) else { return nil }
    return (frameName, listing, recordsName, excerpts.map(\.name), seals)
  }

  /// The records of what each page read, sealed: by path, each dependency's facet, source and
  /// digest.
  static func encodeRecords(_ pages: [SiteFile]) -> [UInt8] {
    let recorded = pages.compactMap { file in file.record.map { (file.path, $0) } }
    var writer = ByteWriter(capacity: recorded.count * 128)
    writer.list(recorded) { writer, page in
      writer.string(page.0)
      writer.list(page.1.entries) { writer, entry in
        writer.byte(entry.dependency.facet.rawValue)
        writer.string(entry.dependency.source)
        writer.digest(entry.digest)
      }
    }
    return CacheFile.sealed(writer.bytes)
  }

  /// What each page read when the state's site was rendered whole, by path; nil when the file
  /// cannot be read or is not the one the state names.
  func records(in store: StateStore) -> [String: DependencyRecord]? {
    guard let bytes = sealedFile(records, in: store) else { return nil }
    var reader = ByteReader(bytes: bytes)
    guard
      let pages = reader.list({ reader -> (String, DependencyRecord)? in
        guard let path = reader.string(),
          let entries = reader.list({ reader -> (Dependency, Digest)? in
            guard let raw = reader.byte(), let facet = Dependency.Facet(rawValue: raw),
              let source = reader.string(), let digest = reader.digest()
            else { return nil }
            return (Dependency(facet, source), digest)
          })
        else { return nil }
        return (path, DependencyRecord(Dictionary(entries, uniquingKeysWith: { a, _ in a })))
      }), reader.isAtEnd
    else { return nil }
    return Dictionary(pages, uniquingKeysWith: { a, _ in a })
  }

  /// The rows and commits tables being made: every document's row, in path order, and every
  /// event of every history once, by number; the buckets refer to them by those numbers.
  struct Numbering {
    var rows: [DocumentRow] = []
    var rowNumbers: [String: Int] = [:]
    var events: [DocumentHistory.Event] = []
    /// Events by commit id (one commit is one event), by the whole event for the odd one out.
    var eventNumbers: [String: Int] = [:]
    var otherEvents: [DocumentHistory.Event: Int] = [:]
    /// The numbers of each document's events, in the order its history refers to them
    /// (`ByteWriter.history`: created, updated, commits, status changes), the document's
    /// from `eventStarts[place]` to `eventStarts[place + 1]`, by its place in the order added:
    /// a bucket's file writes them instead of looking each event up again by its commit.
    var eventReferences: [Int] = []
    var eventStarts: [Int] = [0]

    /// Numbers a document's row and its history's events.
    mutating func add(_ row: DocumentRow, history: DocumentHistory?) {
      rowNumbers[row.path] = rows.count
      rows.append(row)
      defer { eventStarts.append(eventReferences.count) }
      guard let history else { return }
      if let created = history.created { eventReferences.append(number(created)) }
      if let updated = history.updated { eventReferences.append(number(updated)) }
      for event in history.commits { eventReferences.append(number(event)) }
      for change in history.statusTimeline { eventReferences.append(number(change.event)) }
    }

    /// The number of an event, numbered now when it is new.
    private mutating func number(_ event: DocumentHistory.Event) -> Int {
      guard let known = eventNumbers[event.commit] else {
        eventNumbers[event.commit] = events.count
        events.append(event)
        return events.count - 1
      }
      if events[known] == event { return known }
      if let other = otherEvents[event] { return other }
      otherEvents[event] = events.count
      events.append(event)
      return events.count - 1
    }

    /// The number an event was given (`number(_:)`); 0 when it was not numbered.
    func reference(_ event: DocumentHistory.Event) -> Int {
      eventNumbers[event.commit].flatMap { events[$0] == event ? $0 : nil }
        ?? otherEvents[event] ?? 0
    }

    /// The files of the buckets and the tables, by name, with the names the state keeps.
    ///
    /// - Parameters:
    ///   - buckets: each bucket's documents, by their place in the order added.
    ///   - pages: each document's path, context and history, by its place.
    func files(
      buckets: [[Int]],
      pages: (paths: [String], contexts: [DocumentContext], histories: [DocumentHistory?])
    ) -> (files: [String: [UInt8]], buckets: [String], rows: String, commits: String) {
      let numbering = self
      let encoded = buckets.parallelMap { bucket in
        var writer = ByteWriter(capacity: bucket.count * 256)
        let sorted = bucket.sorted { pages.paths[$0] < pages.paths[$1] }
        writer.list(sorted) { writer, place in
          numbering.page(place, of: pages, to: &writer)
        }
        return CacheFile.sealed(writer.bytes)
      }
      let rowsFile = BuildState.Table.make(count: rows.count) { $0.row(numbering.rows[$1]) }
      let commitsFile = BuildState.Table.make(count: events.count) {
        $0.event(numbering.events[$1])
      }
      var files: [String: [UInt8]] = [:]
      for bucket in encoded { files[BuildState.bucketName(bucket)] = bucket }
      let rowsName = BuildState.tableName("rows", rowsFile)
      let commitsName = BuildState.tableName("commits", commitsFile)
      files[rowsName] = rowsFile
      files[commitsName] = commitsFile
      return (files, encoded.map(BuildState.bucketName), rowsName, commitsName)
    }

    /// A document's entry in its bucket's file (as `BuildState.pages(inBucket:…)` reads it):
    /// its path, its context with its rows as numbers in the rows table, its history with its
    /// events as the numbers `add` gave them.
    private func page(
      _ place: Int,
      of pages: (paths: [String], contexts: [DocumentContext], histories: [DocumentHistory?]),
      to writer: inout ByteWriter
    ) {
      writer.string(pages.paths[place])
      writer.context(pages.contexts[place]) { row in
        rowNumbers[row.path].flatMap { rows[$0] == row ? $0 : nil }
      }
      writer.bool(pages.histories[place] != nil)
      guard let history = pages.histories[place] else { return }
      var next = eventStarts[place]
      let end = eventStarts[place + 1]
      writer.history(history) { event in
        guard next < end else { return reference(event) }
        defer { next += 1 }
        return eventReferences[next]
      }
    }
  }
}
