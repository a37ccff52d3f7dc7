import BatonGit

extension BuildState {
  /// The state a full build leaves for the next, made from what it rendered, its files
  /// (tables, buckets, blobs) written; the caller writes the state itself once the output's
  /// record is known (`record` is a placeholder until then). Nil when the files cannot be
  /// written: the next build is then a full one.
  ///
  /// - Parameters:
  ///   - kept: what the render worked out for the state (`SiteRenderer.Kept`).
  ///   - listed: the bytes of `documents.json`, for its records' digests.
  ///   - racyAfter: stamps from this time on are not trusted by the next build.
  static func make(
    corpus: Corpus, loaded: LoadedSource, renderer: SiteRenderer, kept: SiteRenderer.Kept,
    search: SearchState.Built, listed: [UInt8], inputs: Digest, racyAfter: Int64,
    folder: String
  ) -> BuildState? {
    let digests = renderer.pageRenderer.documentDigests
    var stamps: [String: FileStamp] = [:]
    for entry in loaded.files { stamps[entry.file.path] = entry.stamp }
    let count = corpus.documents.count
    guard kept.contexts.count == count, kept.outward.count == count else { return nil }
    // Rows by document, in path order; every event of every history once.
    var rows: [DocumentRow] = []
    rows.reserveCapacity(count)
    var rowNumbers: [String: Int] = [:]
    // Events by commit id (one commit is one event), by the whole event for the odd one out.
    var events: [DocumentHistory.Event] = []
    var eventNumbers: [String: Int] = [:]
    var otherEvents: [DocumentHistory.Event: Int] = [:]
    func number(_ event: DocumentHistory.Event) {
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
    var documents: [String: BuildState.Document] = [:]
    documents.reserveCapacity(count)
    var buckets = [[(path: String, page: BuildState.Page)]](
      repeating: [], count: BuildState.bucketCount)
    for (offset, document) in corpus.documents.enumerated() {
      guard let range = kept.records[document.path], range.upperBound <= listed.count,
        let row = renderer.index.rows[document.path]
      else { return nil }
      rowNumbers[document.path] = rows.count
      rows.append(row)
      documents[document.path] = BuildState.Document(
        collection: document.collection, digest: digests[document.path],
        outward: kept.outward[offset], stamp: stamps[document.path], record: range,
        recordDigest: Digest(of: Array(listed[range])))
      let history = corpus.history[document.path]
      if let history {
        for event in [history.created, history.updated].compactMap({ $0 }) { number(event) }
        for event in history.commits { number(event) }
        for change in history.statusTimeline { number(change.event) }
      }
      buckets[BuildState.bucket(of: document.path)].append(
        (document.path, BuildState.Page(context: kept.contexts[offset], history: history)))
    }
    let (rowTable, commitTable) = (rows, events)
    let (rowReferences, eventReferences, otherReferences) = (rowNumbers, eventNumbers, otherEvents)
    let pages = buckets.parallelMap { bucket in
      BuildState.encodeBucket(
        bucket,
        row: { row in rowReferences[row.path].flatMap { rowTable[$0] == row ? $0 : nil } },
        event: { event in
          eventReferences[event.commit].flatMap { commitTable[$0] == event ? $0 : nil }
            ?? otherReferences[event] ?? 0
        })
    }
    let rowsFile = BuildState.Table.make(count: rowTable.count) { $0.row(rowTable[$1]) }
    let commitsFile = BuildState.Table.make(count: commitTable.count) {
      $0.event(commitTable[$1])
    }
    var files: [String: [UInt8]] = [:]
    for bucket in pages { files[BuildState.bucketName(bucket)] = bucket }
    let rowsName = BuildState.tableName("rows", rowsFile)
    let commitsName = BuildState.tableName("commits", commitsFile)
    files[rowsName] = rowsFile
    files[commitsName] = commitsFile
    guard BuildState.writeFiles(to: folder, files: files, blobs: search.blobs) else { return nil }
    var state = BuildState(
      inputs: inputs, tip: (loaded.commit ?? loaded.head)?.hex, racyAfter: racyAfter,
      record: Digest(high: 0, low: 0),
      site: renderer.site, pages: renderer.layout.pages,
      attachments: renderer.layout.attachments.sorted(), trees: renderer.index.trees,
      documents: documents, drafts: loaded.drafts, buckets: pages.map(BuildState.bucketName),
      rows: rowsName, commits: commitsName, search: search.state)
    state.blobs = search.blobs.mapValues { Digest(of: $0) }
    return state
  }
}
