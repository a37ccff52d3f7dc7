import BatonCorpus
import BatonGit
import BatonSupport

extension BuildState {
  /// Values written once and read back one at a time: the state's rows (every document's
  /// `DocumentRow`, by the document's place in path order) and commits (every history event,
  /// once), which the documents' pages refer to by number instead of repeating them.
  ///
  /// The file is sealed: a count, each value's offset from the start of the values, then the
  /// values. It is read mapped (`StateStore.map`): an update reads a few dozen of its values,
  /// and megabytes are neither copied nor faulted into fresh memory for them.
  struct Table: Sendable {
    /// The file, its seal included.
    private let bytes: HeldBytes
    private let start: Int
    private let offsets: [Int]

    /// A table's file of `count` values, each written by `write`.
    static func make(count: Int, _ write: (inout ByteWriter, Int) -> Void) -> [UInt8] {
      var values = ByteWriter(capacity: count * 256)
      var offsets: [Int] = []
      offsets.reserveCapacity(count + 1)
      for index in 0..<count {
        offsets.append(values.bytes.count)
        write(&values, index)
      }
      offsets.append(values.bytes.count)
      var writer = ByteWriter(capacity: values.bytes.count + offsets.count * 4 + 4)
      writer.count(count)
      for offset in offsets { writer.count(offset) }
      writer.bytes.append(contentsOf: values.bytes)
      return CacheFile.sealed(writer.bytes)
    }

    /// The table in a file whose seal (`BuildState.seal(of:)`) is `seal` and matches its
    /// bytes; nil when it does not, or they do not read as a table.
    init?(file: HeldBytes, seal: UInt64?) {
      guard let seal,
        let offsets = file.withUnsafeBytes({ raw in Table.offsets(in: raw, seal: seal) })
      else { return nil }
      self.bytes = file
      self.start = 4 * offsets.count + 4
      self.offsets = offsets
    }

    /// The offsets of a table's file, when it is sealed with `seal` and they are in order
    /// within it.
    private static func offsets(in raw: UnsafeRawBufferPointer, seal: UInt64) -> [Int]? {
      guard raw.count >= 12 else { return nil }
      let end = raw.count - 8
      guard UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: end, as: UInt64.self)) == seal,
        ByteCoding.checksum(UnsafeRawBufferPointer(rebasing: raw[..<end])) == seal
      else { return nil }
      func number(_ at: Int) -> Int {
        Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
      }
      let count = number(0)
      let start = 4 * count + 8
      guard start <= end else { return nil }
      var offsets: [Int] = []
      offsets.reserveCapacity(count + 1)
      for index in 0...count { offsets.append(number(4 + 4 * index)) }
      guard zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }),
        start + (offsets.last ?? 0) == end
      else { return nil }
      return offsets
    }

    var count: Int { offsets.count - 1 }

    /// Value `index`, read by `read`; nil when there is none or it does not read whole.
    func value<Value>(_ index: Int, _ read: (inout ByteReader) -> Value?) -> Value? {
      guard index >= 0, index < count else { return nil }
      let range = (start + offsets[index])..<(start + offsets[index + 1])
      var reader = ByteReader(bytes: bytes.withUnsafeBytes { Array($0[range]) })
      let value = read(&reader)
      return reader.isAtEnd ? value : nil
    }
  }

  /// The rows and commits tables of a state.
  struct Tables: Sendable {
    var rows: Table
    var commits: Table

    func row(_ index: Int) -> DocumentRow? { rows.value(index) { $0.row() } }

    func event(_ index: Int) -> DocumentHistory.Event? { commits.value(index) { $0.event() } }
  }

  /// The state's tables, from its store; nil when one is missing or damaged.
  func tables(in store: StateStore) -> Tables? {
    guard
      let rows = store.map(self.rows).flatMap({ Table(file: $0.bytes, seal: seals[self.rows]) }),
      let commits = store.map(self.commits).flatMap({
        Table(file: $0.bytes, seal: seals[self.commits])
      })
    else { return nil }
    return Tables(rows: rows, commits: commits)
  }

  /// The file name of a table whose file is `bytes`: its kind and a hash of its bytes.
  static func tableName(_ kind: String, _ bytes: [UInt8]) -> String {
    tableName(kind, digest: Digest(of: bytes))
  }

  /// The name of a file whose bytes have `digest`.
  static func tableName(_ kind: String, digest: Digest) -> String {
    kind + "-" + digest.description
  }
}

extension BuildState {
  /// The state's copy of `documents.json` as read (`readListing`), before it is trusted.
  struct Listing: Sendable {
    /// Its bytes: in a folder, its file mapped (`StateStore.map`), tens of megabytes not copied.
    var bytes: HeldBytes
    /// Its file's stamp as read; nil in memory.
    var stamp: FileStamp?
    /// Whether its bytes were found to have the hash of its name already.
    var verified: Bool
  }

  /// The state's copy of `documents.json` (`listing`): in memory it is checked at once (its
  /// bytes have the hash of its name); in a folder, where it is the output's own file (one
  /// inode, see `StateStore.hardLink`), the check waits for the output's record (`trusts`).
  func readListing(in store: StateStore) -> Listing? {
    guard let (bytes, stamp) = store.map(listing) else { return nil }
    guard stamp == nil else { return Listing(bytes: bytes, stamp: stamp, verified: false) }
    guard
      BuildState.tableName("listing", digest: bytes.withUnsafeBytes { Digest(of: $0) })
        == listing
    else { return nil }
    return Listing(bytes: bytes, stamp: nil, verified: true)
  }

  /// Whether a listing read (`readListing`) holds the bytes its name says: its file is the
  /// output's `documents.json` as the output's record found it unchanged (the same inode, size
  /// and modification time, the record's digest the one the name holds), which spares hashing
  /// tens of megabytes; else its bytes are hashed. An edit of either name by hand changes the
  /// one file, and the record or the hash notices it.
  func trusts(_ read: Listing, record: SiteManifest) -> Bool {
    if read.verified { return true }
    if let stamp = read.stamp, let entry = record.entries["documents.json"],
      (entry.inode, entry.size, entry.modified) == (stamp.inode, stamp.size, Int(stamp.modified)),
      BuildState.tableName("listing", digest: entry.digest) == listing
    {
      return true
    }
    return BuildState.tableName("listing", digest: read.bytes.withUnsafeBytes { Digest(of: $0) })
      == listing
  }
}
