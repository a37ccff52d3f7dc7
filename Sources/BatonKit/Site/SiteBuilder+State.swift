import BatonGit

extension SiteBuilder {
  /// What `update(from:…)` did: built the site, or left it to a full build, saying why.
  enum StateOutcome {
    case built(Result)
    case declined(String)
    /// The state is damaged or not this state's (a file it names cannot be read or has other
    /// bytes): declined, and the user is told (`Result.notes`).
    case discarded(String)
  }

  /// Builds from the state the last build kept (`BuildState`) when only documents' own pages,
  /// search entries and records can have changed; otherwise declines, saying why, and the
  /// caller builds the whole site.
  ///
  /// Loads without the history (the state has each document's, and the history's key says it
  /// is the same), and takes every input but the documents as the state's when their digest is
  /// the same. Documents whose stamps did not move are not read, and those whose bytes are the
  /// same are not parsed. The others (a tenth of the documents at most) must keep their
  /// collection and their outward digest (`SiteIndex.outward`), and parse; for each, its
  /// page is rendered from its context and history as the state kept them (the history marked a
  /// draft anew), its record is put in `documents.json` in place of the old one, and the search
  /// index is patched (`SearchState.patch`). Every other file of the output is kept as written.
  /// The site is the one a full build gives; the tests compare the two byte for byte.
  ///
  /// - Parameters:
  ///   - record: the output's record, being read; it must be complete and the one the state
  ///     was kept with.
  ///   - racyAfter: stamps taken from now on are not trusted by the next build (see
  ///     `BuildState.racyAfter`).
  static func update(
    from state: BuildState, folder: String, record reading: Background<SiteManifest?>,
    source: SourceOptions, writer: SiteWriter, options: SiteOptions, racyAfter: Int64,
    timer: inout StageTimer
  ) throws -> StateOutcome {
    var light = source
    light.includeHistory = false
    // Documents whose stamps say they are as the last build read them are not read again.
    let loaded = try Loader.load(
      light, historyKey: source.includeHistory, unchanged: state.trustedStamps,
      documentsRead: nil)
    guard let record = reading.value, record.isComplete, record.digest == state.record else {
      return .declined("the output is not the one the state was kept with")
    }
    guard loaded.files.count == state.documents.count else {
      return .declined("documents were added or removed")
    }
    let inputs = try Loader.siteInputs(source, loaded: loaded, attachments: state.attachments)
    guard
      BuildState.inputs(
        loaded, options: options, includesHistory: source.includeHistory, site: inputs)
        == state.inputs
    else {
      return .declined(
        "the configuration, the people, the paths, the commit, the templates or an attachment "
          + "changed")
    }
    timer.lap("load")

    // The documents whose bytes changed (of those read), and no other change of a draft. More
    // than a tenth of them changed, and a full build is about as quick.
    let limit = max(updateLimit, state.documents.count / 10)
    let digests = loaded.files.parallelMap { $0.file.bytes.map { Digest(of: $0) } }
    var changed: [LoadedSource.CollectionFile] = []
    var changedDigests: [String: Digest] = [:]
    var stamps: [String: FileStamp?] = [:]
    for (entry, digest) in zip(loaded.files, digests) {
      guard let kept = state.documents[entry.file.path], kept.collection == entry.collection.name
      else { return .declined("documents were added, removed or moved") }
      if entry.isUnread { continue }
      stamps[entry.file.path] = entry.stamp
      // A file that cannot be read is never taken as unchanged.
      guard let digest else { return .declined("\(entry.file.path) cannot be read") }
      if digest == kept.digest { continue }
      changed.append(entry)
      changedDigests[entry.file.path] = digest
      guard changed.count <= limit else {
        return .declined("more than \(limit) documents changed")
      }
    }
    for path in Set(state.drafts.keys).union(loaded.drafts.keys)
    where changedDigests[path] == nil {
      guard state.drafts[path] == loaded.drafts[path] else {
        return .declined("\(path) was committed or staged")
      }
    }
    let parsed = loaded.parse(
      documents: LoadedSource.parseDocuments(
        changed, configuration: loaded.configuration, keepingBodies: true))
    for document in parsed.documents {
      guard document.body != nil else {
        return .declined("\(document.path) could not be parsed")
      }
      guard
        SiteIndex.outward(
          of: document, schema: loaded.configuration.schema(ofKind: document.kind),
          people: parsed.people) == state.documents[document.path]?.outward
      else {
        return .declined(
          "\(document.path) changed what other pages show of it (its title, metadata, summary, "
            + "call to action or links)")
      }
    }
    timer.lap("parse")

    // Each changed document's page, from its context and history as kept.
    let configuration = loaded.configuration
    let renderer = PageRenderer(
      theme: try Theme(overrides: inputs.templateOverrides), site: state.site,
      pages: state.pages, attachments: Set(state.attachments),
      unsafeHTML: configuration.unsafeHTML, repositoryURL: configuration.repositoryURL,
      trees: state.trees, documentDigests: changedDigests)
    guard let tables = state.tables(in: folder) else {
      return .discarded("its tables could not be read or were not the ones it wrote")
    }
    // Buckets of pages as read, each read once.
    var buckets: [Int: [String: BuildState.Page]] = [:]
    var files: [String: SiteFile] = [:]
    var records: [(path: String, object: [UInt8])] = []
    for document in parsed.documents {
      let bucket = BuildState.bucket(of: document.path)
      if buckets[bucket] == nil {
        buckets[bucket] = state.pages(inBucket: bucket, folder: folder, tables: tables)
      }
      guard var page = buckets[bucket]?[document.path] else {
        return .declined("the state's pages cannot be read")
      }
      // A history is kept as its commits made it; whether it is a draft is the working tree's.
      page.history?.setDraft(
        loaded.drafts[document.path], userName: loaded.userName, email: loaded.userEmail)
      let file = try renderer.file(
        renderer.documentSpec(document, context: page.context, history: page.history),
        cache: RenderCache())
      files[file.path] = file
      records.append(
        (
          document.path,
          DocumentRecord(
            document, schema: configuration.schema(ofKind: document.kind),
            history: page.history
          ).object
        ))
    }

    // `documents.json` with the changed records replaced, and where every record now is; left
    // as it is when they are the same.
    var next = state
    let replaced = records.filter {
      Digest(of: $0.object) != state.documents[$0.path]?.recordDigest
    }
    if !replaced.isEmpty {
      guard let listed = CacheFile.read(writer.folder + "/documents.json"),
        let json = BuildState.replacing(replaced, in: listed, documents: &next.documents)
      else { return .declined("documents.json is not as the state says") }
      files["documents.json"] = SiteFile(path: "documents.json", bytes: json)
    }

    // The search index.
    var changes: [SearchState.Change] = []
    for document in parsed.documents {
      guard let change = state.search.change(document) else {
        return .declined("the search index does not hold \(document.path)")
      }
      changes.append(change)
    }
    guard
      let search = state.search.patch(
        changes, blob: { state.blob($0, in: folder) },
        file: { CacheFile.read(writer.folder + "/" + $0) })
    else {
      return .discarded(
        "its search index files could not be read or were not the ones it wrote")
    }
    for file in search.files { files[file.path] = SiteFile(path: file.path, bytes: file.bytes) }
    let removed = Set(search.removed)

    // Every other file as the output has it.
    var site = Array(files.values)
    site.reserveCapacity(record.entries.count + files.count)
    for (path, entry) in record.entries where files[path] == nil && !removed.contains(path) {
      site.append(.kept(path: path, key: entry.key))
    }
    let rendered = RenderedSite(files: site)
    timer.lap("render")
    BuildState.remove(folder)
    let summary = try writer.write(rendered, previous: record)
    timer.lap("write")

    // The state after this build: the documents' digests and drafts, and the index (contexts
    // and histories are as they were).
    if let recordDigest = summary.record,
      BuildState.writeFiles(to: folder, files: [:], blobs: search.blobs)
    {
      next.record = recordDigest
      next.drafts = loaded.drafts
      next.racyAfter = racyAfter
      for (path, digest) in changedDigests { next.documents[path]?.digest = digest }
      for (path, stamp) in stamps { next.documents[path]?.stamp = stamp }
      next.search = search.state
      let shards = Set(search.state.shards.map(\.hash))
      next.blobs = next.blobs.filter { shards.contains($0.key) }
      for (hash, blob) in search.blobs { next.blobs[hash] = Digest(of: blob) }
      _ = next.write(to: folder)
      timer.lap("state")
    }
    return .built(
      Result(
        documents: state.documents.count, site: rendered, summary: summary,
        output: writer.folder,
        cachedPages: rendered.files.lazy.filter { $0.isKept && $0.key != nil }.count,
        updatedPages: parsed.documents.count, documentsRead: stamps.count,
        timings: timer.laps))
  }
}

extension BuildState {
  /// `documents.json` with records replaced (each by its path), and every document's record
  /// range moved to where it now is; nil when a record is not where the state says.
  static func replacing(
    _ records: [(path: String, object: [UInt8])], in listed: [UInt8],
    documents: inout [String: Document]
  ) -> [UInt8]? {
    var replacements: [(range: Range<Int>, object: [UInt8])] = []
    for (path, object) in records {
      guard let range = documents[path]?.record, range.upperBound <= listed.count,
        listed[range.lowerBound] == UInt8(ascii: "{"),
        listed[range.upperBound - 1] == UInt8(ascii: "}")
      else { return nil }
      replacements.append((range, object))
    }
    replacements.sort { $0.range.lowerBound < $1.range.lowerBound }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(listed.count + 4_096)
    var position = 0
    /// Starts of the replaced records (old offsets) and the shift after each.
    var shifts: [(start: Int, shift: Int)] = []
    var shift = 0
    for (range, object) in replacements {
      guard range.lowerBound >= position else { return nil }
      bytes.append(contentsOf: listed[position..<range.lowerBound])
      bytes.append(contentsOf: object)
      position = range.upperBound
      shift += object.count - range.count
      shifts.append((range.lowerBound, shift))
    }
    bytes.append(contentsOf: listed[position...])
    let lengths = Dictionary(
      records.map { ($0.path, $0.object.count) }, uniquingKeysWith: { a, _ in a })
    for (path, document) in documents {
      let start = document.record.lowerBound
      // The shift of the last replacement starting before this record.
      var low = 0
      var high = shifts.count
      while low < high {
        let middle = (low + high) / 2
        if shifts[middle].start < start { low = middle + 1 } else { high = middle }
      }
      let moved = low > 0 ? shifts[low - 1].shift : 0
      let length = lengths[path] ?? document.record.count
      documents[path]?.record = (start + moved)..<(start + moved + length)
    }
    for (path, object) in records { documents[path]?.recordDigest = Digest(of: object) }
    return bytes
  }
}
