import BatonDocuments
import BatonGit
import BatonReport
import BatonSearch
import BatonSource
import BatonSupport

extension SiteBuilder {
  /// Why the state was not used: the site is then rendered whole.
  struct Declined: Error {
    var reason: String
    /// The state is damaged or not this state's (a file it names cannot be read or has other
    /// bytes): the user is told (`Result.notes`).
    var discarded = false

    init(_ reason: String, discarded: Bool = false) {
      self.reason = reason
      self.discarded = discarded
    }
  }

  /// What an update from the state changes, and the state after it.
  struct StateUpdate: Sendable {
    /// The files rendered anew, by path.
    var files: [String: SiteFile]
    /// Paths of files the site no longer has (search files the patch replaced).
    var removed: Set<String>
    /// The state after the update; `record` is still the old one's.
    var next: BuildState
    /// Files the next state names that its store does not hold yet (search blobs, and in memory
    /// its listing).
    var storeFiles: [String: [UInt8]]
    /// Digests of files of `files` taken already (`documents.json`'s names its copy).
    var digests: [String: Digest] = [:]
    /// Files of the site written already, by path, each to a file of the store (in a folder,
    /// `documents.json` patched), with their digest: linked into the output, not written
    /// again (`SiteWriter.writeChanges`).
    var linked: [String: (source: String, digest: Digest)] = [:]
    /// The state's copy of `documents.json` as read, when the update patched it: the caller
    /// checks it against the output's record (`BuildState.trusts`) before writing.
    var listing: BuildState.Listing?
    /// How many documents' pages were rendered, and how many documents' files read.
    var updatedPages: Int
    var documentsRead: Int
    /// What the update loaded and is done with, kept for `Result.retired`.
    var retired: [any Sendable] = []

    /// The update with the files it linked (`linked`) read into `files`, for a write of the
    /// whole site (an update that changed too many files to write them in place).
    func readingLinked() throws(OutputError) -> StateUpdate {
      var update = self
      for (path, linked) in self.linked {
        guard let bytes = CacheFile.read(linked.source) else {
          throw OutputError(path: linked.source, message: "cannot read the file back")
        }
        update.files[path] = SiteFile(path: path, bytes: bytes)
        update.digests[path] = linked.digest
      }
      update.linked = [:]
      return update
    }
  }

  /// The most documents an update renders; more changed than this (or than a tenth of the
  /// documents), and the whole site is about as quick.
  static let updateLimit = 64

  /// Updates the site the state describes when only documents' own pages, search entries and
  /// records can have changed; otherwise throws `Declined`, saying why. `baton build` (the
  /// state in a folder) and `baton serve` (the state in memory) both come here.
  ///
  /// Loads without the history (the state has each document's, and the history's key says it
  /// is the same), and takes every input but the documents as the state's when their digest
  /// (`BuildState.inputs`) is the same. Documents whose stamps did not move are not read, and
  /// those whose digest (`CollectionFile.digest`, taken at Load) is the state's are not parsed.
  /// The others must keep their collection and their face (`SiteIndex.Face`), and
  /// parse; for each, its page is rendered from its context and history as the state kept them
  /// (the history marked a draft anew), its record is put in the state's copy of
  /// `documents.json` in place of the old one, and the search index is patched
  /// (`SearchState.patch`). The site is the one a full render gives; the tests compare the two
  /// byte for byte.
  ///
  /// Nothing is read from the site the state describes: what the update needs of it (the
  /// records, the search excerpts) the state keeps. The state's copy of `documents.json` read
  /// from a folder is not hashed here: the caller checks it (`StateUpdate.listing`) once the
  /// output's record is read.
  ///
  /// - Parameter racyAfter: stamps taken from now on are not trusted by the next update (see
  ///   `BuildState.racyAfter`).
  /// - Parameter reading: the state, and what is read of its store (`StateReading`), asked for
  ///   once the working tree is walked (`Loader.load(_:…known:…)`): a state still being read
  ///   is waited for only then. What it throws (`Declined`) ends the update.
  static func update(
    from reading: @escaping () throws -> StateReading, store: StateStore, source: SourceOptions,
    options: SiteOptions, racyAfter: Int64, timer: inout StageTimer
  ) throws -> StateUpdate {
    let (loaded, inputs, read) = try loadForUpdate(reading, source: source, options: options)
    let (state, listed, tables) = (read.state, read.listed, read.tables)
    timer.lap("load")
    let changed = try changedDocuments(state, loaded: loaded)
    let parsed = try parseChanged(changed.files, state: state, loaded: loaded)
    timer.lap("parse")
    let (files, records) = try renderChanged(
      parsed, digests: changed.digests, state: state, store: store, tables: tables.value,
      inputs: inputs)
    var update = StateUpdate(
      files: files, removed: [], next: state, storeFiles: [:],
      updatedPages: parsed.documents.count, documentsRead: changed.read.count,
      retired: [loaded, inputs, read, parsed])
    // `documents.json` (tens of megabytes at 40,000 documents) is patched on another core
    // while the search index is.
    let listing = Background {
      Swift.Result {
        try patchedListing(records, listed: listed.value?.bytes, state: state, store: store)
      }
    }
    try patchSearch(parsed.documents, state: state, store: store, update: &update)
    if let patched = try listing.value.get() {
      apply(patched, to: &update)
      update.listing = listed.value
    }
    update.next.drafts = loaded.drafts
    update.next.index = loaded.index
    update.next.racyAfter = racyAfter
    for (path, digest) in changed.digests { update.next.documents[path]?.digest = digest }
    for (path, read) in changed.read {
      update.next.documents[path]?.stamp = read.stamp
      update.next.documents[path]?.mayHoldResponses = read.mayHoldResponses
    }
    // The documents read (those changed among them) are the only ones whose entries change:
    // a record that moved keeps its distance from the one before it (`documentChunks`).
    update.next.touch(changed.read.keys)
    timer.lap("render")
    return update
  }

  /// A kept state, and what an update takes from it besides, each started on the thread that
  /// read it, as soon as it is read: its copy of `documents.json` (tens of megabytes at 40,000
  /// documents) and its tables, read and checked on other cores while the documents load, and
  /// what the load is told of the documents (`Loader.Known`: a table of 40,000 stamps).
  struct StateReading: Sendable {
    var state: BuildState
    var listed: Background<BuildState.Listing?>
    var tables: Background<BuildState.Tables?>
    var known: Loader.Known

    /// Starts reading what an update takes from `store` besides the state.
    init(_ state: BuildState, store: StateStore) {
      self.state = state
      listed = Background { state.readListing(in: store) }
      tables = Background { state.tables(in: store) }
      known = Loader.Known(
        stamps: state.trustedStamps, withResponses: state.trustedWithResponses,
        drafts: state.knownDrafts)
    }
  }

  /// Loads the documents (not those whose stamps say they are as the state read them) and what
  /// else the site is made of; declines unless everything but the documents is the state's.
  ///
  /// The working tree is walked, and its documents stamped, before the state is asked for
  /// (`reading`): a caller reading it on another thread does so meanwhile.
  ///
  /// - Returns: also the state as read, for the update and, once done, for the caller to
  ///   retire.
  static func loadForUpdate(
    _ reading: @escaping () throws -> StateReading, source: SourceOptions, options: SiteOptions
  ) throws -> (LoadedSource, Loader.SiteInputs, StateReading) {
    var light = source
    light.includeHistory = false
    var asked: StateReading?
    let loaded = try Loader.load(
      light, historyKey: source.includeHistory,
      known: {
        let read = try reading()
        asked = read
        return read.known
      }, documentsRead: nil)
    let read = try asked ?? reading()
    let state = read.state
    guard loaded.files.count == state.documents.count else {
      throw Declined("documents were added or removed")
    }
    let inputs = try Loader.siteInputs(source, loaded: loaded, attachments: state.attachments)
    guard
      BuildState.inputs(
        loaded, options: options, includesHistory: source.includeHistory, site: inputs)
        == state.inputs
    else {
      throw Declined(
        "the configuration, the people, the paths, the commit, the templates or an attachment "
          + "changed")
    }
    return (loaded, inputs, read)
  }

  /// The documents a load found changed, by the digest Load took.
  struct Changed {
    var files: [LoadedSource.CollectionFile] = []
    var digests: [String: Digest] = [:]
    /// What the state keeps of each document read besides its digest: its stamp, and whether
    /// it may hold responses.
    var read: [String: (stamp: FileStamp?, mayHoldResponses: Bool)] = [:]
  }

  /// The documents whose digest is not the state's; declines when one moved, cannot be read,
  /// too many changed, or another document's draft changed (committed or staged).
  static func changedDocuments(_ state: BuildState, loaded: LoadedSource) throws -> Changed {
    let limit = max(updateLimit, state.documents.count / 10)
    var changed = Changed()
    for entry in loaded.files {
      // A file not read is one the state has (its stamp is the state's), in the collection it
      // had: the paths and the configuration are the state's (`BuildState.inputs`).
      if entry.isUnread { continue }
      let path = entry.file.path
      guard let kept = state.documents[path], kept.collection == entry.collection.name else {
        throw Declined("documents were added, removed or moved")
      }
      changed.read[path] = (entry.stamp, entry.mayHoldResponses)
      // A file that cannot be read is never taken as unchanged.
      guard let digest = entry.digest else { throw Declined("\(path) cannot be read") }
      if digest == kept.digest { continue }
      changed.files.append(entry)
      changed.digests[path] = digest
      guard changed.files.count <= limit else {
        throw Declined("more than \(limit) documents changed")
      }
    }
    for path in Set(state.drafts.keys).union(loaded.drafts.keys)
    where changed.digests[path] == nil {
      guard state.drafts[path] == loaded.drafts[path] else {
        throw Declined("\(path) was committed or staged")
      }
    }
    return changed
  }

  /// The changed documents parsed; declines when one does not parse or changed what other
  /// pages show of it.
  static func parseChanged(
    _ files: [LoadedSource.CollectionFile], state: BuildState, loaded: LoadedSource
  ) throws -> ParsedSource {
    let parsed = loaded.parse(
      documents: LoadedSource.parseDocuments(
        files, configuration: loaded.configuration, keepingBodies: true
      ).documents)
    var directory = SiteIndex.Directory(people: parsed.people)
    let inputs = SiteIndex.Face.Inputs(
      configuration: loaded.configuration, people: parsed.people, pages: state.pages)
    for document in parsed.documents {
      guard document.body != nil else { throw Declined("\(document.path) could not be parsed") }
      let face = SiteIndex.Face(
        of: document, schema: loaded.configuration.schema(ofKind: document.kind),
        summary: SiteIndex.summary(of: document), corpus: inputs, directory: &directory)
      guard face.digest == state.documents[document.path]?.face else {
        throw Declined(
          "\(document.path) changed what other pages show of it (its title, metadata, summary, "
            + "call to action, responses or links)")
      }
    }
    return parsed
  }

  /// Each changed document's page, from its context and history as kept, and its record.
  ///
  /// - Parameter tables: the state's tables as read (`BuildState.tables(in:)`).
  static func renderChanged(
    _ parsed: ParsedSource, digests: [String: Digest], state: BuildState, store: StateStore,
    tables: BuildState.Tables?, inputs: Loader.SiteInputs
  ) throws -> (files: [String: SiteFile], records: [(path: String, object: [UInt8])]) {
    let loaded = parsed.loaded
    let configuration = loaded.configuration
    let renderer = PageRenderer(
      theme: try Theme(overrides: inputs.templateOverrides), site: state.site,
      pages: state.pages, attachments: Set(state.attachments),
      unsafeHTML: configuration.unsafeHTML, repositoryURL: configuration.repositoryURL,
      trees: state.trees, documentDigests: digests,
      configuration: SiteBuilder.configurationDigest(loaded),
      layoutDigest: state.frame.layoutDigest)
    guard let tables else {
      throw Declined("its tables could not be read or were not the ones it wrote", discarded: true)
    }
    // Buckets of pages as read, each read once.
    var buckets: [Int: [String: BuildState.Page]] = [:]
    var files: [String: SiteFile] = [:]
    var records: [(path: String, object: [UInt8])] = []
    for document in parsed.documents {
      let bucket = BuildState.bucket(of: document.path)
      if buckets[bucket] == nil {
        buckets[bucket] = state.pages(inBucket: bucket, store: store, tables: tables)
      }
      guard var page = buckets[bucket]?[document.path] else {
        throw Declined("the state's pages cannot be read", discarded: true)
      }
      // A history is kept as its commits made it; whether it is a draft is the working tree's.
      page.history?.setDraft(
        loaded.drafts[document.path], userName: loaded.userName, email: loaded.userEmail)
      let file = try renderer.file(
        renderer.documentSpec(document, context: page.context, history: page.history),
        reads: DependencyRecorder(table: nil), cache: RenderCache())
      files[file.path] = file
      let record = DocumentRecord(
        document, schema: configuration.schema(ofKind: document.kind), history: page.history)
      records.append((document.path, record.object))
    }
    return (files, records)
  }

  /// `documents.json` with changed records in place (`patchedListing`).
  struct PatchedListing: Sendable {
    var content: Content
    var digest: Digest
    /// Where the records now are, for the state's documents (`BuildState.Moves`).
    var moves: BuildState.Moves

    /// Where a patched listing's bytes are.
    enum Content: Sendable {
      /// In the store's file at this path (a store in a folder), for the output to link.
      case written(String)
      /// In memory (a store in memory).
      case bytes([UInt8])
    }
  }

  /// The state's copy of `documents.json` with the changed records replaced, and where every
  /// record now is; nil when they are the same.
  ///
  /// For a store in a folder, the copy is written to the store's file of its name as the
  /// pieces of the old one and the new records (`BuildState.ListingPieces`), hashed as they
  /// are and never put together: tens of megabytes are neither copied into a buffer nor copied
  /// again into the output, which links the file (`StateUpdate.linked`).
  ///
  /// - Parameter listed: the state's copy as read (`BuildState.readListing`), nil when it could
  ///   not be read or was not the one it wrote.
  static func patchedListing(
    _ records: [(path: String, object: [UInt8])], listed: HeldBytes?, state: BuildState,
    store: StateStore
  ) throws -> PatchedListing? {
    let replaced = records.filter {
      Digest(of: $0.object) != state.documents[$0.path]?.recordDigest
    }
    guard !replaced.isEmpty else { return nil }
    guard let listed,
      let (pieces, moves) = BuildState.replacing(replaced, in: listed, documents: state.documents)
    else {
      throw Declined(
        "its copy of documents.json could not be read or was not the one it wrote",
        discarded: true)
    }
    let digest = pieces.digest
    guard store.folder != nil else {
      return PatchedListing(content: .bytes(pieces.joined), digest: digest, moves: moves)
    }
    guard
      let path = store.write(
        BuildState.tableName("listing", digest: digest), by: { pieces.write(to: $0) })
    else { throw Declined("its copy of documents.json could not be written") }
    return PatchedListing(content: .written(path), digest: digest, moves: moves)
  }

  /// Puts a patched listing in the update: the output's file, the state's copy, the records.
  ///
  /// The next state's documents are changed in place: copied once from the state's, which the
  /// caller still holds, and not again (tens of thousands of entries).
  static func apply(_ patched: PatchedListing, to update: inout StateUpdate) {
    patched.moves.apply(to: &update.next.documents)
    update.next.touch(patched.moves.records.map(\.path))
    update.next.listing = BuildState.tableName("listing", digest: patched.digest)
    switch patched.content {
    case .written(let path):
      update.linked["documents.json"] = (path, patched.digest)
    case .bytes(let json):
      update.files["documents.json"] = SiteFile(path: "documents.json", bytes: json)
      update.digests["documents.json"] = patched.digest
      update.storeFiles[update.next.listing] = json
    }
  }

  /// The search index patched with the changed documents' entries.
  static func patchSearch(
    _ documents: [Document], state: BuildState, store: StateStore, update: inout StateUpdate
  ) throws {
    guard let changes = state.search.changes(documents) else {
      throw Declined("the search index does not hold one of the documents")
    }
    // The excerpt payloads of the changed documents' groups, a chunk read once.
    var chunks: [Int: [Int: [[UInt8]]]] = [:]
    func chunk(_ number: Int) -> Int {
      let chunk = BuildState.excerptChunk(of: number)
      if chunks[chunk] == nil { chunks[chunk] = state.excerpts(inChunk: chunk, store: store) }
      return chunk
    }
    guard
      let search = state.search.patch(
        changes, blob: { state.blob($0, in: store) }, payloads: { chunks[chunk($0)]?[$0] })
    else {
      throw Declined(
        "its search index files could not be read or were not the ones it wrote",
        discarded: true)
    }
    for file in search.files {
      update.files[file.path] = SiteFile(path: file.path, bytes: file.bytes)
    }
    update.removed = Set(search.removed)
    update.next.search = search.state
    for number in search.payloads.keys { _ = chunk(number) }
    keep(search, chunks: chunks, update: &update)
  }

  /// Puts a patch's blobs and the changed documents' payloads in the next state, given the
  /// chunks of excerpts that hold them as kept.
  static func keep(
    _ search: SearchState.Patched, chunks: [Int: [Int: [[UInt8]]]], update: inout StateUpdate
  ) {
    var chunks = chunks
    let shards = Set(search.state.shards.map(\.hash))
    update.next.blobs = update.next.blobs.filter { shards.contains($0.key) }
    for (hash, blob) in search.blobs {
      update.next.blobs[hash] = BuildState.seal(of: blob)
      update.storeFiles[BuildState.blobName(hash)] = blob
    }
    var touched: Set<Int> = []
    for (number, payloads) in search.payloads {
      let index = BuildState.excerptChunk(of: number)
      chunks[index]?[number] = payloads
      touched.insert(index)
    }
    for index in touched {
      guard let members = chunks[index] else { continue }
      let bytes = BuildState.encodeExcerpts(members)
      let name = BuildState.tableName("excerpts", bytes)
      update.next.excerpts[index] = name
      update.next.seals[name] = BuildState.seal(of: bytes)
      update.storeFiles[name] = bytes
    }
  }
}

extension BuildState {
  /// Where the records of `documents.json` are after some were replaced (`replacing`).
  struct Moves: Sendable {
    /// The start (as it was) of each replaced record, in order, with how far every record from
    /// there on moved.
    var shifts: [(start: Int, shift: Int)]
    /// The replaced records: their document's path, their length and digest.
    var records: [(path: String, count: Int, digest: Digest)]

    /// Moves every document's record range where it now is, each in place without looking its
    /// path up, and sets the replaced records' lengths and digests.
    func apply(to documents: inout [String: Document]) {
      for index in documents.indices {
        let record = documents.values[index].record
        // The shift of the last replacement starting before this record.
        var low = 0
        var high = shifts.count
        while low < high {
          let middle = (low + high) / 2
          if shifts[middle].start < record.lowerBound { low = middle + 1 } else { high = middle }
        }
        guard low > 0, shifts[low - 1].shift != 0 else { continue }
        let shift = shifts[low - 1].shift
        documents.values[index].record =
          record.lowerBound.advanced(by: shift)..<record.upperBound.advanced(by: shift)
      }
      for (path, count, digest) in records {
        guard let start = documents[path]?.record.lowerBound else { continue }
        documents[path]?.record = start..<(start + count)
        documents[path]?.recordDigest = digest
      }
    }
  }

  /// `documents.json` with records replaced (each by its path), as pieces of the old one and
  /// the new records, and where every document's record now is (`Moves`); nil when a record
  /// is not where the state says.
  static func replacing(
    _ records: [(path: String, object: [UInt8])], in listed: HeldBytes,
    documents: [String: Document]
  ) -> (ListingPieces, Moves)? {
    var replacements: [(range: Range<Int>, object: [UInt8])] = []
    let found = listed.withUnsafeBytes { bytes in
      records.allSatisfy { path, object in
        guard let range = documents[path]?.record, !range.isEmpty, range.upperBound <= bytes.count,
          bytes[range.lowerBound] == UInt8(ascii: "{"),
          bytes[range.upperBound - 1] == UInt8(ascii: "}")
        else { return false }
        replacements.append((range, object))
        return true
      }
    }
    guard found else { return nil }
    replacements.sort { $0.range.lowerBound < $1.range.lowerBound }
    var pieces = ListingPieces(listed: listed)
    var moves = Moves(
      shifts: [], records: records.map { ($0.path, $0.object.count, Digest(of: $0.object)) })
    var position = 0
    var shift = 0
    for (range, object) in replacements {
      guard range.lowerBound >= position else { return nil }
      pieces.runs.append((true, position..<range.lowerBound))
      pieces.runs.append((false, pieces.records.count..<(pieces.records.count + object.count)))
      pieces.records.append(contentsOf: object)
      position = range.upperBound
      shift += object.count - range.count
      moves.shifts.append((range.lowerBound, shift))
    }
    pieces.runs.append((true, position..<listed.count))
    return (pieces, moves)
  }

  /// `documents.json` patched (`replacing`), as pieces: the runs of the state's copy between
  /// the replaced records, and the new records. Tens of megabytes at 40,000 documents, of
  /// which an edit changes a few hundred bytes: hashed and written piece by piece, and put
  /// together (`joined`) only for a state in memory.
  struct ListingPieces: Sendable {
    /// The state's copy as read.
    var listed: HeldBytes
    /// The new records, one after another.
    var records: [UInt8] = []
    /// The pieces in order: each a range of `listed`, or (`fromListed` false) of `records`.
    var runs: [(fromListed: Bool, range: Range<Int>)] = []

    /// Calls `body` with the pieces' bytes, valid only during the call.
    func withBuffers<Result>(_ body: ([UnsafeRawBufferPointer]) -> Result) -> Result {
      listed.withUnsafeBytes { old in
        records.withUnsafeBytes { new in
          body(runs.map { UnsafeRawBufferPointer(rebasing: ($0.fromListed ? old : new)[$0.range]) })
        }
      }
    }

    /// The digest of the pieces joined (`Digest(ofJoined:)`).
    var digest: Digest { withBuffers { Digest(ofJoined: $0) } }

    /// The pieces joined in one buffer.
    var joined: [UInt8] {
      withBuffers { buffers in
        let count = buffers.reduce(0) { $0 + $1.count }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
          let target = UnsafeMutableRawBufferPointer(buffer)
          for piece in buffers where !piece.isEmpty {
            UnsafeMutableRawBufferPointer(rebasing: target[initialized...]).copyMemory(from: piece)
            initialized += piece.count
          }
        }
      }
    }

    /// Writes the pieces, in order, to the open file `descriptor`; false when a write fails.
    func write(to descriptor: Int32) -> Bool {
      withBuffers { $0.allSatisfy { FileBytes.write($0, descriptor: descriptor) } }
    }
  }
}
