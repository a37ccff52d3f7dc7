import BatonCorpus
import BatonGit
import BatonSupport

extension BuildState {
  /// Values written once and read back one at a time: the state's rows (every document's
  /// `DocumentRow`, by the document's place in path order) and commits (every history event,
  /// once), which the documents' pages refer to by number instead of repeating them.
  ///
  /// The file is sealed: a count, each value's offset from the start of the values, then the
  /// values.
  struct Table: Sendable {
    private let bytes: [UInt8]
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

    /// The table in a file; nil when the file is damaged.
    init?(file: [UInt8]) {
      guard let bytes = CacheFile.unsealed(file) else { return nil }
      var reader = ByteReader(bytes: bytes)
      guard let count = reader.count(), count < bytes.count else { return nil }
      var offsets: [Int] = []
      offsets.reserveCapacity(count + 1)
      for _ in 0...count {
        guard let offset = reader.count() else { return nil }
        offsets.append(offset)
      }
      guard zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }),
        reader.position + (offsets.last ?? 0) == bytes.count
      else { return nil }
      self.bytes = bytes
      self.start = reader.position
      self.offsets = offsets
    }

    var count: Int { offsets.count - 1 }

    /// Value `index`, read by `read`; nil when there is none or it does not read whole.
    func value<Value>(_ index: Int, _ read: (inout ByteReader) -> Value?) -> Value? {
      guard index >= 0, index < count else { return nil }
      var reader = ByteReader(bytes: bytes, position: start + offsets[index])
      let value = read(&reader)
      return reader.position == start + offsets[index + 1] ? value : nil
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
      let rows = BuildState.namedFile(store, self.rows, kind: "rows").flatMap(Table.init(file:)),
      let commits = BuildState.namedFile(store, self.commits, kind: "commits").flatMap(
        Table.init(file:))
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
