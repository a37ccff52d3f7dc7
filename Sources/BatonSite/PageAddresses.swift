import BatonGit
import BatonSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where each document's page is: document path → page path.
///
/// A whole render has the layout's table (`SiteLayout.pages`). An update has the entries of the
/// state's frame as read (`BuildState.readFrame`): sorted by path, each looked up where it is
/// in the frame's bytes, instead of being decoded into a table of tens of thousands of strings
/// for the few links of the pages it renders.
struct PageAddresses: Sendable, Equatable {
  private enum Storage: Sendable {
    case table([String: String])
    /// The frame's bytes, and where each entry (its path, then its page, as
    /// `ByteWriter.string` writes them) starts, in order of their paths' bytes.
    case sorted(bytes: [UInt8], entries: [Int])
  }

  private let storage: Storage

  /// The addresses of a table.
  init(_ table: [String: String]) {
    storage = .table(table)
  }

  /// The addresses in a list of entries (`count` of them, from `reader`'s position), each a
  /// path and its page, left where they are: the reader is moved past them. Nil when they do
  /// not read, or their paths are not in order of their bytes.
  init?(entries count: Int, in reader: inout ByteReader) {
    let bytes = reader.bytes
    var entries: [Int] = []
    entries.reserveCapacity(count)
    var previous: Range<Int>?
    for _ in 0..<count {
      let start = reader.position
      guard let path = PageAddresses.skipString(&reader), PageAddresses.skipString(&reader) != nil
      else { return nil }
      if let previous {
        guard PageAddresses.precedes(bytes, previous, path) else { return nil }
      }
      previous = path
      entries.append(start)
    }
    storage = .sorted(bytes: bytes, entries: entries)
  }

  /// Whether the bytes at `left` come before those at `right` (a shorter run first when one
  /// starts the other).
  private static func precedes(_ bytes: [UInt8], _ left: Range<Int>, _ right: Range<Int>) -> Bool {
    bytes.withUnsafeBytes { raw in
      guard let base = raw.baseAddress else { return false }
      let order = memcmp(
        base + left.lowerBound, base + right.lowerBound, min(left.count, right.count))
      return order < 0 || (order == 0 && left.count < right.count)
    }
  }

  /// Moves past a string written by `ByteWriter.string`; its bytes' range, nil when it does
  /// not read.
  private static func skipString(_ reader: inout ByteReader) -> Range<Int>? {
    guard let length = reader.count(), length <= reader.bytes.count - reader.position else {
      return nil
    }
    defer { reader.position += length }
    return reader.position..<(reader.position + length)
  }

  /// The page of a document's path.
  subscript(path: String) -> String? {
    switch storage {
    case .table(let table): return table[path]
    case .sorted(let bytes, let entries):
      let key = Array(path.utf8)
      var low = 0
      var high = entries.count
      while low < high {
        let middle = (low + high) / 2
        var reader = ByteReader(bytes: bytes, position: entries[middle])
        guard let range = PageAddresses.skipString(&reader) else { return nil }
        let found = bytes[range]
        if found.elementsEqual(key) { return reader.string() }
        if found.lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
      }
      return nil
    }
  }

  /// Every address, in a table.
  var table: [String: String] {
    switch storage {
    case .table(let table): return table
    case .sorted(let bytes, let entries):
      var table: [String: String] = [:]
      table.reserveCapacity(entries.count)
      for start in entries {
        var reader = ByteReader(bytes: bytes, position: start)
        if let path = reader.string(), let page = reader.string() { table[path] = page }
      }
      return table
    }
  }

  static func == (left: PageAddresses, right: PageAddresses) -> Bool {
    left.table == right.table
  }
}
