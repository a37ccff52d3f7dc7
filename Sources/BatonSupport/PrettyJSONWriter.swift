/// Writes JSON by hand exactly as `JSONOutput.encode` pretty-prints it (`JSONEncoder` with sorted
/// keys, two-space indents, `" : "`, slashes unescaped, an empty container as `[`, a blank line,
/// `]`), for the outputs large enough that the encoder shows: the 10,000 records of
/// `documents.json` took 0.3 s of CPU through `JSONEncoder` and take a few milliseconds here.
///
/// The caller writes keys in sorted order; a test holds the output to `JSONEncoder`'s.
package struct PrettyJSONWriter {
  package private(set) var bytes: [UInt8] = []
  /// How many members each open container has so far, innermost last.
  private var counts: [Int] = []

  package init(capacity: Int = 0) {
    bytes.reserveCapacity(capacity)
  }

  package var text: String { String(decoding: bytes, as: UTF8.self) }

  // MARK: - Containers

  mutating func openObject() { open(0x7B) }
  mutating func closeObject() { close(0x7D) }
  package mutating func openArray() { open(0x5B) }
  package mutating func closeArray() { close(0x5D) }

  private mutating func open(_ bracket: UInt8) {
    bytes.append(bracket)
    counts.append(0)
  }

  private mutating func close(_ bracket: UInt8) {
    let members = counts.removeLast()
    bytes.append(0x0A)
    if members == 0 { bytes.append(0x0A) }
    indent()
    bytes.append(bracket)
  }

  private mutating func indent() {
    bytes.append(contentsOf: repeatElement(0x20, count: counts.count * 2))
  }

  /// Starts the next member of the innermost container: a comma after the one before, a new
  /// line, the indent.
  private mutating func next() {
    if counts[counts.count - 1] > 0 { bytes.append(0x2C) }
    counts[counts.count - 1] += 1
    bytes.append(0x0A)
    indent()
  }

  /// Starts an array element; write its value next.
  package mutating func element() { next() }

  /// Starts an object member; write its value next.
  package mutating func key(_ name: String) {
    next()
    string(name)
    bytes.append(contentsOf: [0x20, 0x3A, 0x20])
  }

  // MARK: - Values

  package mutating func null() { bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

  package mutating func bool(_ value: Bool?) {
    guard let value else { return null() }
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
  }

  package mutating func int(_ value: Int?) {
    guard let value else { return null() }
    bytes.append(contentsOf: String(value).utf8)
  }

  /// A string as `JSONEncoder` escapes it: `"`, `\`, and the controls (`\b`, `\f`, `\n`, `\r`,
  /// `\t`, the rest as `\u00XX`); everything else, slashes and non-ASCII included, as is.
  /// (`JSONArrayWriter`, for the search index, also escapes U+2028 and U+2029, which older
  /// JavaScript rejects in string literals; this output must stay the encoder's.)
  package mutating func string(_ value: String?) {
    guard var value else { return null() }
    bytes.append(0x22)
    value.withUTF8 { source in
      for byte in source {
        switch byte {
        case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
        case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
        case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
        case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
        case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
        case ..<0x20:
          bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30])
          bytes.append(JSONArrayWriter.hexDigits[Int(byte >> 4)])
          bytes.append(JSONArrayWriter.hexDigits[Int(byte & 15)])
        default: bytes.append(byte)
        }
      }
    }
    bytes.append(0x22)
  }

  /// An array of `values`, each written by `write`; `null` when `values` is nil.
  package mutating func array<Value>(
    _ values: [Value]?, _ write: (inout PrettyJSONWriter, Value) -> Void
  ) {
    guard let values else { return null() }
    openArray()
    for value in values {
      element()
      write(&self, value)
    }
    closeArray()
  }

  /// An object whose members `write` writes, in sorted order.
  package mutating func object(_ write: (inout PrettyJSONWriter) -> Void) {
    openObject()
    write(&self)
    closeObject()
  }
}
