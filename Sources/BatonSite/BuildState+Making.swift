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
  ///   - listed: the bytes of `documents.json`, kept in the store for the next update to patch.
  ///   - pages: the site's files, whose records (what each page read) are kept for the next
  ///     whole render.
  ///   - racyAfter: stamps from this time on are not trusted by the next build.
  static func make(
    corpus: Corpus, loaded: LoadedSource, renderer: SiteRenderer, kept: SiteRenderer.Kept,
    search: SearchState.Built, listed: [UInt8], pages: [SiteFile], inputs: Digest,
    racyAfter: Int64, store: inout StateStore
  ) -> BuildState? {
    let count = corpus.documents.count
    guard kept.contexts.count == count, kept.faces.count == count else { return nil }
    var loadedFiles: [String: LoadedSource.CollectionFile] = [:]
    for entry in loaded.files { loadedFiles[entry.file.path] = entry }
    var tables = Numbering()
    var documents: [String: BuildState.Document] = [:]
    documents.reserveCapacity(count)
    // Documents by bucket, as offsets: a page's context is a kilobyte or more, so each bucket's
    // pages are gathered only while its file is made.
    var buckets = [[Int]](repeating: [], count: BuildState.bucketCount)
    for (offset, document) in corpus.documents.enumerated() {
      guard let range = kept.records[document.path], range.upperBound <= listed.count,
        let row = renderer.index.rows[document.path]
      else { return nil }
      tables.add(row, history: corpus.history[document.path])
      let entry = loadedFiles[document.path]
      documents[document.path] = BuildState.Document(
        collection: document.collection, digest: entry?.digest, face: kept.faces[offset],
        stamp: entry?.stamp, mayHoldResponses: entry?.mayHoldResponses ?? false, record: range,
        recordDigest: Digest(of: Array(listed[range])))
      buckets[BuildState.bucket(of: document.path)].append(offset)
    }
    let files = tables.files(buckets: buckets) { offset in
      let path = corpus.documents[offset].path
      return (path, BuildState.Page(context: kept.contexts[offset], history: corpus.history[path]))
    }
    let frame = Frame(
      site: renderer.site, pages: PageAddresses(renderer.layout.pages),
      attachments: renderer.layout.attachments.sorted(), trees: renderer.index.trees,
      layoutDigest: renderer.pageRenderer.layoutDigest)
    // The order a state read back has: its documents' paths sorted.
    let order = documents.keys.sorted()
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
  /// records, the excerpts by name, the search shards' blobs by hash. A state written later
  /// (`write(to:)`) names them; until then nothing reads them. Each kind of file is made as the
  /// one before is written, so that they are not all held at once.
  ///
  /// - Returns: the names of the frame, listing, records and excerpts, and the seals of the
  ///   sealed files by name (`BuildState.seals`); nil when something could not be written.
  static func writeFiles(
    _ tables: (files: [String: [UInt8]], buckets: [String], rows: String, commits: String),
    frame: (Frame, paths: [String]), listed: [UInt8], pages: [SiteFile],
    search: SearchState.Built, to store: inout StateStore
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
    let listing = BuildState.tableName("listing", listed)
    guard store.write([listing: listed]) else { return nil }
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

    /// Numbers a document's row and its history's events.
    mutating func add(_ row: DocumentRow, history: DocumentHistory?) {
      rowNumbers[row.path] = rows.count
      rows.append(row)
      guard let history else { return }
      for event in [history.created, history.updated].compactMap({ $0 }) { number(event) }
      for event in history.commits { number(event) }
      for change in history.statusTimeline { number(change.event) }
    }

    private mutating func number(_ event: DocumentHistory.Event) {
      guard let known = eventNumbers[event.commit] else {
        eventNumbers[event.commit] = events.count
        events.append(event)
        return
      }
      if events[known] != event, otherEvents[event] == nil {
        otherEvents[event] = events.count
        events.append(event)
      }
    }

    /// The files of the buckets and the tables, by name, with the names the state keeps.
    ///
    /// - Parameters:
    ///   - buckets: each bucket's documents, by number.
    ///   - page: a document's path and page, by number.
    func files(
      buckets: [[Int]], page: @Sendable (Int) -> (path: String, page: BuildState.Page)
    ) -> (files: [String: [UInt8]], buckets: [String], rows: String, commits: String) {
      let numbering = self
      let pages = buckets.parallelMap { bucket in
        BuildState.encodeBucket(
          bucket.map(page),
          row: { row in
            numbering.rowNumbers[row.path].flatMap { numbering.rows[$0] == row ? $0 : nil }
          },
          event: { event in
            numbering.eventNumbers[event.commit].flatMap {
              numbering.events[$0] == event ? $0 : nil
            } ?? numbering.otherEvents[event] ?? 0
          })
      }
      let rowsFile = BuildState.Table.make(count: rows.count) { $0.row(numbering.rows[$1]) }
      let commitsFile = BuildState.Table.make(count: events.count) {
        $0.event(numbering.events[$1])
      }
      var files: [String: [UInt8]] = [:]
      for bucket in pages { files[BuildState.bucketName(bucket)] = bucket }
      let rowsName = BuildState.tableName("rows", rowsFile)
      let commitsName = BuildState.tableName("commits", commitsFile)
      files[rowsName] = rowsFile
      files[commitsName] = commitsFile
      return (files, pages.map(BuildState.bucketName), rowsName, commitsName)
    }
  }
}
