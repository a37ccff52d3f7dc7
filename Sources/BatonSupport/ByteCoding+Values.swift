import BatonGit

// Values every sealed file of Baton writes (the build state, the search state, the caches):
// written field by field in a fixed order, read back in the same order; a read returns nil on
// anything malformed.

extension ByteWriter {
  package mutating func digest(_ digest: Digest) {
    uint64(digest.high)
    uint64(digest.low)
  }

  package mutating func double(_ value: Double) { uint64(value.bitPattern) }

  @usableFromInline
  package mutating func natural(_ value: Int) { varint(UInt64(max(0, value))) }

  package mutating func optionalNatural(_ value: Int?) {
    bool(value != nil)
    if let value { natural(value) }
  }

  // The generic coders below are `@inlinable`: specialized in the module that calls them, an
  // element costs no metadata lookup (a tenth of reading the parse cache went to those).

  @inlinable
  package mutating func list<Element>(
    _ elements: [Element], _ write: (inout ByteWriter, Element) -> Void
  ) {
    natural(elements.count)
    for element in elements { write(&self, element) }
  }

  /// A flag byte, then the value when there is one.
  @inlinable
  package mutating func optional<Value>(
    _ value: Value?, _ write: (inout ByteWriter, Value) -> Void
  ) {
    bool(value != nil)
    if let value { write(&self, value) }
  }

  /// A table by string key, in the keys' order (so that equal tables are equal bytes).
  @inlinable
  package mutating func table<Value>(
    _ table: [String: Value], _ write: (inout ByteWriter, Value) -> Void
  ) {
    natural(table.count)
    for (key, value) in table.sorted(by: { $0.key < $1.key }) {
      string(key)
      write(&self, value)
    }
  }
}

extension ByteReader {
  package mutating func digest() -> Digest? {
    guard let high = uint64(), let low = uint64() else { return nil }
    return Digest(high: high, low: low)
  }

  package mutating func double() -> Double? { uint64().map(Double.init(bitPattern:)) }

  package mutating func optionalNatural() -> Int?? {
    switch bool() {
    case false?: .some(nil)
    case true?: natural().map { .some($0) }
    case nil: nil
    }
  }

  /// A list written by `ByteWriter.list`; nil when an element does not read.
  @inlinable
  package mutating func list<Element>(_ read: (inout ByteReader) -> Element?) -> [Element]? {
    guard let count = natural(), count <= bytes.count - position else { return nil }
    var elements: [Element] = []
    elements.reserveCapacity(count)
    for _ in 0..<count {
      guard let element = read(&self) else { return nil }
      elements.append(element)
    }
    return elements
  }

  /// A value written after a flag byte, or `.some(nil)` when the flag says there is none.
  @inlinable
  package mutating func optional<Value>(_ read: (inout ByteReader) -> Value?) -> Value?? {
    switch bool() {
    case false?: return .some(nil)
    case true?: return read(&self).map { .some($0) }
    case nil: return nil
    }
  }

  /// A table written by `ByteWriter.table`; nil when a key or a value does not read.
  @inlinable
  package mutating func table<Value>(_ read: (inout ByteReader) -> Value?) -> [String: Value]? {
    guard let count = natural(), count <= bytes.count - position else { return nil }
    var table: [String: Value] = [:]
    table.reserveCapacity(count)
    for _ in 0..<count {
      guard let key = string(), let value = read(&self) else { return nil }
      table[key] = value
    }
    return table
  }
}
