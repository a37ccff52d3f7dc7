import BatonCorpus
import BatonDocuments
import BatonGit
import BatonSearch
import BatonSource
import BatonSupport
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one build state: what a site build keeps so that the next, after edits to documents'
/// bodies, renders only their pages instead of the whole site (`SiteBuilder.update(from:…)`).
/// `baton build` keeps it on disk between runs, `baton serve` in memory between rebuilds
/// (`StateStore`); both update from it the same way.
///
/// A document's page is a function of the document, its history and its context
/// (`DocumentContext`), rendered with what every page shares (`PageRenderer`); an edit that
/// leaves its face (`SiteIndex.Face`) alone changes no other page, no feed, and no context. So
/// the state keeps, for every document, the digest Load took of it, its file stamp, its face,
/// where its record sits in `documents.json` (a copy of which it keeps), in files of runs of
/// documents of which an update writes only those it changed (`documentChunks`), and (in
/// buckets, read only for the documents that changed) its context and history, which refer to
/// tables of rows and commits; for the site, the layout, the handbook trees and the
/// navigation; and the search index's state (`SearchState`) with its shards' blobs.
///
/// On disk it lives in `.baton/cache/build-v1/<output>/` beside the output's record
/// (`SiteManifest`, see `SiteOutput`), and is trusted only while everything else the site is
/// made of is the same (`inputs`: the options, `baton.yml`, the people file, every path, the
/// commit, the history's inputs, the templates, the attachments) and the output is the one it
/// was written with (the record's digest). Files are written under names of their content,
/// then `state.bin` is renamed over the old one, and files no state names are removed: a build
/// killed at any point leaves a state that is whole or none, and a state that does not match
/// its output is not used, so the next build renders everything.
struct BuildState: Sendable {
  static let magic = Array("BATONBS".utf8)
  static let version: UInt8 = 14
  /// Documents' pages are kept in this many buckets, by a hash of their path.
  static let bucketCount = 64
  /// How long before a load its stamps are not trusted (nanoseconds): file times are coarse,
  /// and a network file system's clock may lag the machine's.
  static let racySlack: Int64 = 2_000_000_000

  /// The stamps of documents a load need not read again: those taken before `racyAfter`.
  var trustedStamps: [String: FileStamp] {
    var stamps: [String: FileStamp] = [:]
    stamps.reserveCapacity(documents.count)
    for (path, document) in documents {
      if let stamp = trustedStamp(document) { stamps[path] = stamp }
    }
    return stamps
  }

  /// Those of `trustedStamps` that may hold responses (`CollectionFile.mayHoldResponses`): a
  /// load that does not read them still knows it, so the history's key is the one a load of
  /// every file works out.
  var trustedWithResponses: Set<String> {
    Set(
      documents.lazy.filter { $0.value.mayHoldResponses && trustedStamp($0.value) != nil }
        .map(\.key))
  }

  private func trustedStamp(_ document: Document) -> FileStamp? {
    guard let stamp = document.stamp, stamp.modified < racyAfter, stamp.changed < racyAfter
    else { return nil }
    return stamp
  }

  /// The drafts as the state knows them, for a load to ask git only about the documents it
  /// reads again (`KnownDrafts`); nil unless the index and the documents' order are known. The
  /// index file's stamp is left out unless older than `racyAfter`: the load then goes through
  /// the documents' entries instead of trusting it.
  var knownDrafts: KnownDrafts? {
    guard let tip, var index, let order else { return nil }
    if let stamp = index.stamp, stamp.modified >= racyAfter || stamp.changed >= racyAfter {
      index.stamp = nil
    }
    return KnownDrafts(head: ObjectID(hex: tip), index: index, paths: order, drafts: drafts)
  }

  /// The site, the pages, the attachments and the handbook trees of a state (`frame`).
  struct Frame: Sendable {
    var site: SiteInfo
    var pages: PageAddresses
    var attachments: [String]
    var trees: [String: HandbookTree]
    /// The digest of the layout the pages and attachments make (`PageRenderer.layoutDigest`),
    /// as the whole render worked it out: an update does not hash every page's path again.
    var layoutDigest: Digest
  }

  /// What the state keeps of one document.
  struct Document: Sendable, Hashable {
    var collection: String
    /// A hash of the file's bytes; nil when it could not be read, and then the document is never
    /// taken as unchanged.
    var digest: Digest?
    /// The digest of its face (`SiteIndex.Face`): what other pages read of it.
    var face: Digest
    /// The file's stamp when it was read (working tree only): a later build does not read a
    /// file whose stamp is still this one, unless it was taken within `racyAfter`.
    var stamp: FileStamp?
    /// Whether it may hold responses when it was read (`CollectionFile.mayHoldResponses`).
    var mayHoldResponses = false
    /// Where its record is in `documents.json` (bytes), and a digest of the record.
    var record: Range<Int>
    var recordDigest: Digest
  }

  /// What a document's page is rendered with besides the document.
  struct Page: Sendable, Hashable {
    var context: DocumentContext
    var history: DocumentHistory?
  }

  /// A digest of everything but the documents that the site is made of (see `inputs(…)`).
  var inputs: Digest
  /// The commit read (the revision's, or HEAD's), checked before anything is loaded.
  var tip: String?
  /// Stamps whose modification time is this or later (nanoseconds since 1970) are not trusted:
  /// the file may have changed within the clock's tick of being read. A little before the
  /// start of the load that took them (`racySlack`).
  var racyAfter: Int64
  /// The digest of the output's record, as written with this state.
  var record: Digest
  /// What every page is rendered with and an update leaves alone, kept in a file of its own
  /// (`frameFile`).
  let frame: Frame
  var site: SiteInfo { frame.site }
  /// Document path → page path.
  var pages: PageAddresses { frame.pages }
  var attachments: [String] { frame.attachments }
  var trees: [String: HandbookTree] { frame.trees }
  /// The file of `frame` (`frame-` and a hash of its bytes): an update, which changes none of
  /// it, neither encodes nor writes it again, and a read decodes it on another core while it
  /// decodes the rest of the state.
  var frameFile: String
  var documents: [String: Document]
  /// Uncommitted documents, as the build saw them.
  var drafts: [String: WorkingTreeStatus]
  /// The repository's index as the drafts were found from it (`KnownDrafts.Index`).
  var index: KnownDrafts.Index?
  /// The file of each bucket of pages, by bucket number.
  var buckets: [String]
  /// The files of the rows and commits tables (see `Table`), without `.bin`.
  var rows: String
  var commits: String
  /// The file of the state's copy of `documents.json` (`listing-` and a hash of its bytes):
  /// an update patches it, and nothing is read back from the output.
  var listing: String
  /// The file of what each page read when the site was last rendered whole (`records-` and a
  /// hash of its bytes), the render cache of the next whole render. An update from the state
  /// leaves it: a page it rendered again was written under another key, so the output's record
  /// no longer matches the old record, and the page is not taken from it.
  var records: String
  /// The files of the documents' search excerpt payloads, by chunk (`excerptChunk(of:)`): a
  /// patch of the search index makes a changed document's excerpt group again from them.
  var excerpts: [String]
  var search: SearchState
  /// The seal of each search blob the state keeps, by its shard's hash, as for the state's other
  /// files (`seals`): a blob file is used only if it carries the seal this state wrote
  /// (`blob(_:in:)`), so a valid blob of another state (another repository's, a copy) is never
  /// taken for it; the search state checks the seal against the bytes as it reads the records
  /// (`SearchState.records`).
  var blobs: [String: UInt64] = [:]
  /// The documents' paths sorted, as a state is written and read (`read(_:)`, `make`): a state
  /// written again after an update, which adds and removes no document, writes them in this
  /// order instead of sorting them.
  var order: [String]?
  /// The size of the state's file as read (`read(_:)`), to encode the next one into a buffer
  /// of about its size rather than one doubled up to it (tens of megabytes copied).
  var bodySize = 0
  /// The files of the documents' table as read (`documentChunks`), by chunk; nil for a state
  /// not read from files, or whose records were not in path order: every chunk is then encoded.
  var documentFiles: [String]?
  /// The seal (`CacheFile.sealed`) of each sealed file the state names, by name: a file is
  /// taken only when its seal is this one (`sealedFile`), so a file of another state is not
  /// taken for it, without hashing its bytes again to check its name.
  var seals: [String: UInt64] = [:]
  /// The documents whose entries changed since the state was read (`touch(_:)`): only their
  /// chunks of the documents' table are encoded again.
  var touched: Set<String> = []

  /// The bucket a document's page is kept in.
  static func bucket(of path: String) -> Int {
    Int(Digest(of: path).low % UInt64(bucketCount))
  }

  // MARK: - Inputs

  /// A digest of everything a site is made of but the documents and the output: the options,
  /// Baton's formats, the configuration's bytes and what was found (root, collections), the
  /// people file, every path under the root, the commit and what the history is computed from,
  /// the git user (drafts' author), the built-in theme, and the templates and attachments.
  static func inputs(
    _ loaded: LoadedSource, options: SiteOptions, includesHistory: Bool,
    site: Loader.SiteInputs
  ) -> Digest {
    var hasher = StableHasher()
    hasher.combine(Int(version))
    hasher.combine(SiteRenderer.cacheVersion)
    hasher.combine(DefaultTheme.digest)
    hasher.combine(options.baseURL ?? "\u{0}")
    hasher.combine(options.generator)
    hasher.combine(includesHistory)
    hasher.combine(loaded.configurationBytes != nil)
    hasher.combine(bytes: loaded.configurationBytes ?? [])
    let configuration = loaded.configuration
    hasher.combine(configuration.root)
    for collection in configuration.collections {
      hasher.combine(collection.name)
      hasher.combine(collection.path)
      hasher.combine(collection.kind)
    }
    hasher.combine(loaded.peopleFile?.path ?? "\u{0}")
    hasher.combine(bytes: loaded.peopleFile?.bytes ?? [])
    hasher.combine(loaded.peopleFile?.problem == nil)
    let paths =
      loaded.sortedFilePaths.count == loaded.filePaths.count
      ? loaded.sortedFilePaths : loaded.filePaths.sorted()
    hasher.combine(paths.count)
    for path in paths { hasher.combine(path) }
    hasher.combine((loaded.commit ?? loaded.head)?.hex ?? "\u{0}")
    hasher.combine(loaded.commit == nil)
    hasher.combine(loaded.isShallow)
    if let key = loaded.historyKey {
      hasher.combine(key.head.hex)
      hasher.combine(key.configuration)
      hasher.combine(key.paths.count)
      for path in key.paths { hasher.combine(path) }
      hasher.combine(key.maxFileBytes)
      for part in key.mailmap {
        hasher.combine(part != nil)
        hasher.combine(bytes: part ?? [])
      }
    } else {
      hasher.combine("\u{0}no history key")
    }
    hasher.combine(loaded.userName ?? "\u{0}")
    hasher.combine(loaded.userEmail ?? "\u{0}")
    for (name, bytes) in site.templateOverrides.sorted(by: { $0.key < $1.key }) {
      hasher.combine(name)
      hasher.combine(bytes: bytes)
    }
    hasher.combine("\u{0}attachments")
    for (path, bytes) in site.attachments.sorted(by: { $0.key < $1.key }) {
      hasher.combine(path)
      hasher.combine(bytes: bytes)
    }
    return hasher.finalize()
  }

  // MARK: - Files

  /// The store's name of a search shard's blob.
  static func blobName(_ hash: String) -> String {
    "shards/" + hash
  }

  /// The state kept in `store`, or nil when there is none or it cannot be used.
  static func read(_ store: StateStore) -> BuildState? {
    guard let file = store.read("state"), let bytes = CacheFile.unsealed(file),
      bytes.starts(with: magic), bytes.count > magic.count, bytes[magic.count] == version
    else { return nil }
    var reader = ByteReader(bytes: bytes, position: magic.count + 1)
    guard let header = Header(&reader), let frameFile = reader.string(),
      let seals = reader.list({ reader -> (String, UInt64)? in
        guard let name = reader.string(), let seal = reader.uint64() else { return nil }
        return (name, seal)
      }).map({ Dictionary($0, uniquingKeysWith: { a, _ in a }) })
    else { return nil }
    let frame = Background { readFrame(store, frameFile, seal: seals[frameFile]) }
    guard
      var state = decode(
        &reader, header: header, frame: frame, frameFile: frameFile, seals: seals,
        store: store)
    else { return nil }
    state.seals = seals
    state.bodySize = bytes.count
    return state
  }

  /// The frame a state names (`frameFile`), its file sealed with `seal`; nil when its file
  /// cannot be read or is not the one the state names.
  static func readFrame(_ store: StateStore, _ name: String, seal: UInt64?) -> Frame? {
    guard let bytes = sealedFile(store, name, seal: seal) else { return nil }
    var reader = ByteReader(bytes: bytes)
    guard let site = reader.site(), let pages = framePages(&reader),
      let attachments = reader.strings(),
      let trees = reader.list({ reader -> (String, HandbookTree)? in
        guard let name = reader.string(), let tree = reader.tree() else { return nil }
        return (name, tree)
      }), let layoutDigest = reader.digest(), reader.isAtEnd
    else { return nil }
    return Frame(
      site: site, pages: pages, attachments: attachments,
      trees: Dictionary(trees, uniquingKeysWith: { a, _ in a }),
      layoutDigest: layoutDigest)
  }

  /// The pages of a frame's file, left in its bytes (`PageAddresses`); decoded into a table
  /// when their paths are not in order of their bytes (sorted as strings, they may not be).
  private static func framePages(_ reader: inout ByteReader) -> PageAddresses? {
    guard let count = reader.natural(), count <= reader.bytes.count - reader.position else {
      return nil
    }
    let start = reader.position
    if let pages = PageAddresses(entries: count, in: &reader) { return pages }
    reader.position = start
    var table: [String: String] = [:]
    for _ in 0..<count {
      guard let path = reader.string(), let page = reader.string() else { return nil }
      table[path] = page
    }
    return PageAddresses(table)
  }

  /// A frame's file, sealed: the site, the pages and the trees sorted by path, the
  /// attachments, the layout's digest; `paths` are the pages' keys sorted, when known.
  static func encodeFrame(_ frame: Frame, paths: [String]?) -> [UInt8] {
    let pages = frame.pages.table
    var writer = ByteWriter(capacity: pages.count * 256)
    writer.site(frame.site)
    writeSorted(pages, paths: paths, to: &writer) { writer, path, page in
      writer.string(path)
      writer.string(page)
    }
    writer.strings(frame.attachments)
    writer.list(frame.trees.sorted { $0.key < $1.key }) { writer, tree in
      writer.string(tree.key)
      writer.tree(tree.value)
    }
    writer.digest(frame.layoutDigest)
    return CacheFile.sealed(writer.bytes)
  }

  /// What the state's file holds before its frame's name and its body.
  struct Header {
    var inputs: Digest
    var tip: String?
    var racyAfter: Int64
    var record: Digest

    init?(_ reader: inout ByteReader) {
      guard let inputs = reader.digest(), let tip = reader.optionalString(),
        let racyAfter = reader.uint64().map(Int64.init(bitPattern:)),
        let record = reader.digest()
      else { return nil }
      (self.inputs, self.tip, self.racyAfter, self.record) = (inputs, tip, racyAfter, record)
    }
  }

  /// The search blob of a shard, when its file carries the seal this state names. Only the
  /// seal is compared here: every blob is read through `SearchState.records`, which checks it
  /// against the bytes, so hashing them here too was the same check twice.
  func blob(_ hash: String, in store: StateStore) -> [UInt8]? {
    guard let seal = blobs[hash], let bytes = store.read(BuildState.blobName(hash)),
      BuildState.seal(of: bytes) == seal
    else { return nil }
    return bytes
  }

  /// The bytes of a sealed file of the state (a bucket, a table, the frame), unsealed, when its
  /// seal is `seal` (`seals`) and its bytes match it: a damaged file, or a file of another
  /// state, is not taken for it.
  static func sealedFile(_ store: StateStore, _ name: String, seal: UInt64?) -> [UInt8]? {
    guard let seal, let file = store.read(name), self.seal(of: file) == seal else { return nil }
    return CacheFile.unsealed(file)
  }

  /// The bytes of a sealed file the state names (`sealedFile`), unsealed.
  func sealedFile(_ name: String, in store: StateStore) -> [UInt8]? {
    BuildState.sealedFile(store, name, seal: seals[name])
  }

  /// The seal of a sealed file (`CacheFile.sealed`): its last eight bytes.
  static func seal(of file: [UInt8]) -> UInt64 {
    guard file.count >= 8 else { return 0 }
    return file.withUnsafeBytes {
      UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: file.count - 8, as: UInt64.self))
    }
  }

  /// The pages of the documents in a bucket, by path, their rows and events looked up in
  /// `tables`; nil when the bucket cannot be read.
  func pages(inBucket bucket: Int, store: StateStore, tables: Tables) -> [String: Page]? {
    guard bucket < buckets.count, let bytes = sealedFile(buckets[bucket], in: store) else {
      return nil
    }
    var reader = ByteReader(bytes: bytes)
    guard
      let entries = reader.list({ reader -> (String, Page)? in
        guard let path = reader.string(), let context = reader.context(row: tables.row),
          let history = reader.optional({ $0.history(event: tables.event) })
        else { return nil }
        return (path, Page(context: context, history: history))
      }), reader.isAtEnd
    else { return nil }
    return Dictionary(entries, uniquingKeysWith: { a, _ in a })
  }

  /// The name a bucket's file is kept under: `pages-` and a hash of its bytes.
  static func bucketName(_ bytes: [UInt8]) -> String {
    tableName("pages", bytes)
  }

  /// Writes the state over the old one, then removes every file the state no longer names.
  ///
  /// - Returns: false when it could not be written; the old state is then left, and it no
  ///   longer matches the output, so it is not used.
  func write(to store: inout StateStore) -> Bool {
    let file = encodedFile()
    guard write(file, to: &store) else { return false }
    store.keep(only: file.names.union(["state"]))
    return true
  }

  /// The state's file but its seal, its record's digest (`record`) left to be set when it is
  /// written (`write(_:to:)`): an update encodes it while the output is written, before the
  /// output's record, and so its digest, is made.
  struct File: Sendable {
    var bytes: [UInt8]
    /// Where the record's digest is in `bytes`.
    var recordAt: Int
    /// The files of the documents' table encoded anew (`documentChunks`), written before the
    /// state.
    var chunks: [String: [UInt8]]
    /// The names of the files the state names (`names`), its documents' table's as written.
    var names: Set<String>
  }

  /// The state's file (`File`), in a buffer with room for its seal.
  func encodedFile() -> File {
    let (documents, chunks) = documentChunks()
    var state = self
    state.documentFiles = documents
    for (name, bytes) in chunks { state.seals[name] = BuildState.seal(of: bytes) }
    let names = state.names
    var writer = ByteWriter(capacity: max(1 << 20, bodySize + bodySize / 8))
    writer.bytes.append(contentsOf: BuildState.magic)
    writer.byte(BuildState.version)
    writer.digest(inputs)
    writer.optionalString(tip)
    writer.uint64(UInt64(bitPattern: racyAfter))
    let recordAt = writer.bytes.count
    writer.digest(record)
    writer.string(frameFile)
    writer.list(names.sorted().compactMap { name in state.seals[name].map { (name, $0) } }) {
      writer, seal in
      writer.string(seal.0)
      writer.uint64(seal.1)
    }
    encodeBody(&writer, documents: documents)
    return File(bytes: writer.bytes, recordAt: recordAt, chunks: chunks, names: names)
  }

  /// Writes a file of `encodedFile()` over the state's, with this state's record digest in it;
  /// leaves the store's other files (see `StateStore.startSweeping(keeping:)`).
  ///
  /// The file is taken, not copied: its buffer, tens of megabytes, is changed in place.
  func write(_ file: consuming File, to store: inout StateStore) -> Bool {
    var digest = ByteWriter()
    digest.digest(record)
    file.bytes.replaceSubrange(
      file.recordAt..<(file.recordAt + digest.bytes.count), with: digest.bytes)
    CacheFile.seal(&file.bytes)
    return store.write(file.chunks) && store.write(["state": file.bytes])
  }

  /// The names of the files in its store that the state reads.
  var names: Set<String> {
    var names = Set(buckets + excerpts + [rows, commits, listing, records, frameFile])
    names.formUnion(documentFiles ?? [])
    for shard in search.shards { names.insert(BuildState.blobName(shard.hash)) }
    return names
  }

  /// Removes the state, when a build could not write a new one.
  static func remove(_ store: inout StateStore) {
    store.remove("state")
  }

  /// Puts the state out of the way, before an update changes the output it describes: as
  /// `remove`, but the file is renamed, and removed by the next build (`StateStore.retire`).
  static func retire(_ store: inout StateStore) {
    store.retire("state")
  }

  // MARK: - Encoding

  /// The state's body after its header, frame's name and seals: the documents' table by its
  /// files (`documents`), then the rest.
  private func encodeBody(_ writer: inout ByteWriter, documents: [String]) {
    writer.strings(documents)
    writer.list(drafts.sorted { $0.key < $1.key }) { writer, draft in
      writer.string(draft.key)
      writer.status(draft.value)
    }
    writer.bool(index != nil)
    if let index {
      writer.bool(index.stamp != nil)
      if let stamp = index.stamp { writer.stamp(stamp) }
      writer.digest(index.entries)
    }
    writer.strings(buckets)
    writer.string(rows)
    writer.string(commits)
    writer.string(listing)
    writer.string(records)
    writer.strings(excerpts)
    search.write(to: &writer)
    writer.list(blobs.sorted { $0.key < $1.key }) { writer, blob in
      writer.string(blob.key)
      writer.uint64(blob.value)
    }
  }

  /// Writes a table by document path as a list (`ByteWriter.list`) of its entries sorted by
  /// path: in the order of `paths` while they are its keys sorted, each entry looked up as it
  /// is written instead of copied into an array of them first (tens of thousands, megabytes of
  /// fresh pages); else the table sorted anew.
  ///
  /// Whether `paths` names every key is found out as each is looked up: on the first missing,
  /// what was written is dropped and the table sorted.
  private static func writeSorted<Value>(
    _ table: [String: Value], paths: [String]?, to writer: inout ByteWriter,
    _ write: (inout ByteWriter, String, Value) -> Void
  ) {
    let start = writer.bytes.count
    if let paths, paths.count == table.count {
      writer.natural(paths.count)
      var whole = true
      for path in paths {
        guard let value = table[path] else {
          whole = false
          break
        }
        write(&writer, path, value)
      }
      if whole { return }
      writer.bytes.removeSubrange(start...)
    }
    writer.list(table.sorted { $0.key < $1.key }) { write(&$0, $1.key, $1.value) }
  }

  /// The state's body after its header and frame's name, with the frame being read.
  private static func decode(
    _ reader: inout ByteReader, header: Header, frame: Background<Frame?>, frameFile: String,
    seals: [String: UInt64], store: StateStore
  ) -> BuildState? {
    guard
      let files = reader.strings(), files.count == documentChunkCount,
      let (documents, order, inOrder) = readDocuments(store, files, seals: seals),
      let drafts = reader.list({ reader -> (String, WorkingTreeStatus)? in
        guard let path = reader.string(), let status = reader.status(), let status else {
          return nil
        }
        return (path, status)
      }),
      let index = reader.optional({ reader -> KnownDrafts.Index? in
        guard let stamp = reader.optional({ $0.stamp() }), let entries = reader.digest() else {
          return nil
        }
        return KnownDrafts.Index(stamp: stamp, entries: entries)
      }),
      let buckets = reader.strings(), buckets.count == bucketCount,
      let rows = reader.string(), let commits = reader.string(),
      let listing = reader.string(), let records = reader.string(),
      let excerpts = reader.strings(),
      excerpts.count == excerptChunkCount, let search = SearchState.read(from: &reader),
      let blobs = reader.list({ reader -> (String, UInt64)? in
        guard let hash = reader.string(), let seal = reader.uint64() else { return nil }
        return (hash, seal)
      }), reader.isAtEnd, let frame = frame.value
    else { return nil }
    func dictionary<Value>(_ pairs: [(String, Value)]) -> [String: Value] {
      Dictionary(pairs, uniquingKeysWith: { a, _ in a })
    }
    return BuildState(
      inputs: header.inputs, tip: header.tip, racyAfter: header.racyAfter,
      record: header.record, frame: frame, frameFile: frameFile,
      documents: documents, drafts: dictionary(drafts), index: index,
      buckets: buckets, rows: rows, commits: commits, listing: listing, records: records,
      excerpts: excerpts, search: search, blobs: dictionary(blobs), order: order,
      documentFiles: inOrder ? files : nil)
  }
}
