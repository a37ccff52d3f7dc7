import BatonConfig
import BatonDocuments
import BatonGit
import BatonSupport
import Foundation

/// The documents the last run parsed without their Markdown trees, kept beside the history
/// cache, so that `baton check`, `list`, `metrics`, `digest` and the rest parse only the files
/// that changed since (a build, which keeps the trees to render them, parses every file).
///
/// A document is taken from the cache exactly when `ParseMemo` would take it from memory: same
/// path, same content digest (`CollectionFile.digest`, taken once at Load), same collection and
/// schema. The file as a whole is keyed by `key`: this format's version, the Baton executable
/// (a rebuilt or upgraded Baton may parse differently, so it never trusts another's file) and
/// everything the configuration is made from. A file with another key is ignored quietly; a
/// damaged one (bad checksum, malformed) is ignored with a note, and rewritten.
///
/// The file is a sealed cache file (`CacheFile`): the magic `BATONPC`, the version, the key, the
/// number of documents and each one's length, then the documents (`ByteWriter.document`), each
/// after its digest. It holds the last run's documents only, so it does not grow with files
/// deleted since.
package struct ParseCache: Sendable {
  static let fileName = "documents-v1.bin"
  /// Bump with any change to what `DocumentParser.parse` makes of the same bytes, or to
  /// `ByteWriter.document`.
  static let version: UInt8 = 1
  private static let magic = Array("BATONPC".utf8)

  /// The file's path.
  let path: String
  /// What the documents were parsed with (see `key`).
  let key: Digest
  /// The file being read on another thread (`reading`), if it is.
  private var kept: Background<(memo: ParseMemo?, note: String?)>?

  init(path: String, key: Digest) {
    self.path = path
    self.key = key
  }

  /// The cache, its file read on another thread from now on: `read` then waits for it.
  func reading(_ configuration: Configuration) -> ParseCache {
    var copy = self
    copy.kept = Background { self.read(configuration) }
    return copy
  }

  /// The cache for a load, or nil when there is no cache folder or the configuration is a
  /// proposal (`baton init`) rather than a file.
  static func place(
    directory: String?, configuration: Configuration, configurationBytes: [UInt8]?,
    options: SourceOptions
  ) -> ParseCache? {
    guard let directory, options.configurationText == nil else { return nil }
    return ParseCache(
      path: directory + "/" + fileName,
      key: key(configuration, configurationBytes: configurationBytes))
  }

  /// The executable's size and modification time, worked out once.
  private static let executable: FileStamp? = Bundle.main.executablePath.flatMap {
    FileStamp.of(path: URL(fileURLWithPath: $0).resolvingSymlinksInPath().path)
  }

  /// What the documents are parsed with: the format, the executable, and what the
  /// configuration is made from (`Loader.configure`): `baton.yml`'s bytes, the handbook root,
  /// the collections it found, and the kinds' `templates/new/` overrides.
  static func key(_ configuration: Configuration, configurationBytes: [UInt8]?) -> Digest {
    var hasher = StableHasher()
    hasher.combine(Int(version))
    hasher.combine(executable?.size ?? -1)
    hasher.combine(Int(executable?.modified ?? -1))
    hasher.combine(configurationBytes != nil)
    hasher.combine(bytes: configurationBytes ?? [])
    hasher.combine(configuration.root)
    hasher.combine(configuration.collections.count)
    for collection in configuration.collections {
      for part in [
        collection.name, collection.path, collection.kind, collection.defaultStatus ?? "\0",
        collection.layout.rawValue, collection.metaFile ?? "\0",
      ] {
        hasher.combine(part)
      }
      hasher.combine(collection.excludes.count)
      for exclude in collection.excludes { hasher.combine(exclude) }
    }
    for name in configuration.kinds.keys.sorted() {
      guard let schema = configuration.kinds[name] else { continue }
      hasher.combine(name)
      for section in schema.sections {
        hasher.combine(section.templateLines.count)
        for line in section.templateLines { hasher.combine(line) }
      }
    }
    return hasher.finalize()
  }

  /// What the file holds, as a memo for `configuration`; nil, with a note when it is damaged,
  /// when it cannot be used. After `reading`, what that read for its configuration.
  func read(_ configuration: Configuration) -> (memo: ParseMemo?, note: String?) {
    if let kept { return kept.value }
    guard FileSystem.kind(atPath: path) != .missing else { return (nil, nil) }
    guard let file = CacheFile.read(path) else { return (nil, damaged("it could not be read")) }
    guard let bytes = CacheFile.unsealed(file), bytes.starts(with: Self.magic),
      bytes.count > Self.magic.count
    else { return (nil, damaged("it could not be read (checksum mismatch)")) }
    var reader = ByteReader(bytes: bytes, position: Self.magic.count)
    // Another version or another key: written by another Baton or for another configuration.
    guard reader.byte() == Self.version, reader.digest() == key else { return (nil, nil) }
    guard let lengths = reader.list({ $0.natural() }) else {
      return (nil, damaged("it could not be read (malformed)"))
    }
    var starts: [Int] = []
    starts.reserveCapacity(lengths.count)
    var position = reader.position
    for length in lengths {
      starts.append(position)
      position += length
    }
    guard position == bytes.count else { return (nil, damaged("it could not be read (malformed)")) }
    let entries = zip(starts, lengths).map { ($0, $1) }.parallelMap { start, length in
      var reader = ByteReader(bytes: bytes, position: start)
      guard let digest = reader.digest(), let document = reader.document(),
        reader.position == start + length
      else { return (Digest?.none, Document?.none) }
      return (digest, document)
    }
    var memo: [String: ParseMemo.Entry] = [:]
    memo.reserveCapacity(entries.count)
    for case (let digest?, let document?) in entries {
      guard
        let collection = configuration.collections.first(where: { $0.name == document.collection })
      else { continue }
      memo[document.path] = ParseMemo.Entry(
        digest: digest, problem: nil, collection: collection,
        schema: configuration.schema(ofKind: collection.kind), document: document)
    }
    guard memo.count == entries.count else {
      return (nil, damaged("it could not be read (malformed)"))
    }
    return (ParseMemo(keepingBodies: false, entries: memo), nil)
  }

  private func damaged(_ reason: String) -> String {
    "ignored the parse cache '\(path)' because \(reason); parsed every document again and "
      + "rewrote it"
  }

  /// Writes the documents parsed from `files` (without bodies); returns a note when it could
  /// not. Documents without bytes, or read with a problem, are parsed again next time.
  func write(_ files: [LoadedSource.CollectionFile], documents: [Document]) -> String? {
    var lengths: [Int] = []
    var body = ByteWriter()
    for (source, document) in zip(files, documents) {
      guard let digest = source.digest, source.file.problem == nil, document.body == nil else {
        continue
      }
      let start = body.bytes.count
      body.digest(digest)
      body.document(document)
      lengths.append(body.bytes.count - start)
    }
    var writer = ByteWriter(capacity: body.bytes.count + lengths.count * 3 + 64)
    writer.bytes.append(contentsOf: Self.magic)
    writer.byte(Self.version)
    writer.digest(key)
    writer.list(lengths) { $0.natural($1) }
    writer.bytes.append(contentsOf: body.bytes)
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    guard CacheFile.writeAtomically(CacheFile.sealed(writer.bytes), to: path) else {
      return "could not write the parse cache '\(path)': the next run parses every document again"
    }
    return nil
  }
}
