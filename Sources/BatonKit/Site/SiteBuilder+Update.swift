#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension SiteBuilder {
  /// What a render in memory keeps so that the next render in the same process can update it
  /// instead of rendering every page (see `update`).
  struct LastRender: Sendable {
    var loaded: LoadedSource
    var renderer: SiteRenderer
    var site: RenderedSite
    var inputs: Loader.SiteInputs
    /// Each document's `SiteIndex.outward` digest, by offset in the corpus.
    var outward: [Digest]
    /// The paths of the search index's files in `site`.
    var searchPaths: Set<String>

    init(
      loaded: LoadedSource, renderer: SiteRenderer, site: RenderedSite,
      inputs: Loader.SiteInputs, search: SearchIndex.Built
    ) {
      let corpus = renderer.corpus
      self.loaded = loaded
      self.renderer = renderer
      self.site = site
      self.inputs = inputs
      outward = corpus.documents.parallelMap {
        SiteIndex.outward(of: $0, schema: corpus.schema(of: $0), people: corpus.people)
      }
      searchPaths = Set(search.files.map(\.path))
    }
  }

  /// The most documents an update renders; more changed than this, everything is rendered.
  static let updateLimit = 64

  /// Updates the last render when only documents' own pages can have changed, or returns nil
  /// for a full render.
  ///
  /// The common edit while previewing changes a document's body and nothing any other page
  /// shows of it. Such an edit changes only:
  /// - the document's own page;
  /// - the search index (built from the documents beside this, reusing the runs that did not
  ///   change, see `SearchMemo`);
  /// - its `documents.json` record (its history's `draft` flag can flip), so that file is
  ///   written again when the record changed.
  ///
  /// An update is made only when every other input is the same as the last render's: the
  /// options, the configuration, the people file, every file path (documents and attachments),
  /// the history (the same `HistoryMemo` key), the drafts of the other documents, the templates
  /// and the attachments' bytes; the same documents in the same places; and for each changed document
  /// the same `SiteIndex.outward` digest: its place, title, metadata, summary, call to action
  /// and link targets. Anything else is a full render, so an update is never a guess: the
  /// tests compare every byte of an update with a full render of the same files.
  static func update(
    _ last: LastRender, parsed: ParsedSource, started: Started, source: SourceOptions,
    options: SiteOptions
  ) throws -> Rendered? {
    let old = last.loaded
    let new = parsed.loaded
    let corpus = last.renderer.corpus
    guard options.baseURL == last.renderer.options.baseURL,
      options.generator == last.renderer.options.generator,
      new.configuration == old.configuration, new.peopleFile == old.peopleFile,
      new.configurationDiagnostics == old.configurationDiagnostics,
      new.commit == old.commit, new.head == old.head, new.isShallow == old.isShallow,
      new.userName == old.userName, new.userEmail == old.userEmail,
      new.notes == old.notes, new.scope == old.scope,
      (new.history == nil) == (old.history == nil), new.historyKey == old.historyKey,
      parsed.documents.count == corpus.documents.count, new.filePaths == old.filePaths
    else { return nil }
    // Documents in the same places; changed ones found by their parse (the parse memo hands
    // back the very same body for the same bytes).
    var changed: [Int: Document] = [:]
    for document in parsed.documents {
      guard let offset = corpus.offset(of: document.path) else { return nil }
      let before = corpus.documents[offset]
      if let body = document.body, let previous = before.body, body === previous { continue }
      changed[offset] = document
      guard changed.count <= updateLimit else { return nil }
    }
    var outward = last.outward
    for (offset, document) in changed {
      let digest = SiteIndex.outward(
        of: document, schema: corpus.schema(of: document), people: corpus.people)
      guard digest == last.outward[offset] else { return nil }
      outward[offset] = digest
    }
    // The other documents' drafts are as they were.
    let changedPaths = Set(changed.values.map(\.path))
    for path in Set(old.drafts.keys).union(new.drafts.keys) where !changedPaths.contains(path) {
      guard old.drafts[path] == new.drafts[path] else { return nil }
    }
    let inputs = try Loader.siteInputs(
      source, loaded: new, attachments: last.renderer.attachmentPaths)
    guard inputs == last.inputs else { return nil }

    var history = corpus.history
    if let loadedHistory = new.history {
      for document in changed.values {
        history[document.path] = DocumentHistory.assemble(
          document: document, history: loadedHistory, loaded: new)
      }
    }
    let updatedCorpus = corpus.replacing(changed, history: history)
    var digests: [String: Digest?] = [:]
    for (file, document) in zip(new.files, parsed.documents)
    where changedPaths.contains(document.path) {
      digests[document.path] = file.file.bytes.map { Digest(of: $0) }
    }
    let renderer = last.renderer.replacing(corpus: updatedCorpus, digests: digests)
    var replaced: [String: SiteFile] = [:]
    for offset in changed.keys.sorted() {
      let page = try renderer.page(.document(offset))
      replaced[page.path] = page
    }
    // A record as `documents.json` writes it, alone in an array.
    func json(_ renderer: SiteRenderer, _ offset: Int) -> String {
      DocumentRecord.json([renderer.record(renderer.corpus.documents[offset])])
    }
    let records = changed.keys.map { (json(last.renderer, $0), json(renderer, $0)) }
    if records.contains(where: { $0.0 != $0.1 }) {
      let listed = last.site.files.first { $0.path == "documents.json" }?.bytes ?? []
      let patched = SiteBuilder.patch(listed, records: records)
      replaced["documents.json"] = SiteFile(
        path: "documents.json", bytes: patched ?? Array((renderer.documentsJSON() + "\n").utf8))
    }
    // The search index's files go where the last render had them, as a full render puts them.
    let search = started.search.value
    var files: [SiteFile] = []
    files.reserveCapacity(last.site.files.count + search.files.count)
    var searchPlaced = false
    for file in last.site.files {
      guard last.searchPaths.contains(file.path) else {
        files.append(replaced[file.path] ?? file)
        continue
      }
      guard !searchPlaced else { continue }
      searchPlaced = true
      for file in search.files { files.append(SiteFile(path: file.path, bytes: file.bytes)) }
    }
    if !searchPlaced {
      for file in search.files { files.append(SiteFile(path: file.path, bytes: file.bytes)) }
    }
    let site = RenderedSite(files: files)
    var next = last
    next.loaded = new
    next.renderer = renderer
    next.site = site
    next.outward = outward
    next.searchPaths = Set(search.files.map(\.path))
    return Rendered(
      corpus: updatedCorpus, site: site,
      memo: Memo(parsed: parsed, search: search.memo, last: next),
      updatedPages: changed.count)
  }

  /// `documents.json` with records replaced, each `(old, new)` as `DocumentRecord.json` writes
  /// it alone; nil when an old record is not found once. The file is an array of records at the
  /// same depth, so a record's text in it is its text alone without the array's brackets.
  static func patch(_ listed: [UInt8], records: [(String, String)]) -> [UInt8]? {
    func element(_ json: String) -> [UInt8] {
      Array(json.utf8.dropFirst("[\n".utf8.count).dropLast("\n]\n".utf8.count))
    }
    /// Where `needle` starts in `bytes` from `start` on; over raw bytes, as the file is
    /// megabytes (the generic `firstRange(of:)` took over a second on 10,000 records).
    func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
      let count = needle.count
      guard count > 0, start + count <= bytes.count else { return nil }
      return bytes.withUnsafeBufferPointer { haystack in
        needle.withUnsafeBufferPointer { pattern in
          guard let base = haystack.baseAddress, let wanted = pattern.baseAddress else {
            return nil
          }
          let (first, last) = (pattern[0], pattern[count - 1])
          for at in start...(haystack.count - count)
          where haystack[at] == first && haystack[at + count - 1] == last
            && memcmp(base + at, wanted, count) == 0
          {
            return at
          }
          return nil
        }
      }
    }
    var bytes = listed
    for (old, new) in records where old != new {
      let needle = element(old)
      guard !needle.isEmpty, let at = find(needle, in: bytes, from: 0),
        find(needle, in: bytes, from: at + 1) == nil
      else { return nil }
      bytes.replaceSubrange(at..<(at + needle.count), with: element(new))
    }
    return bytes
  }
}
