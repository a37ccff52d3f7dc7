/// What `{{ }}` does to text: `&`, `<`, `>`, `"` and `'` become entities, written straight into
/// the output bytes; text with none of them (most of it) is copied as it is.
public enum HTMLEscaping {
  /// Appends `text`, escaped, to `output`.
  public static func append(_ text: String, to output: inout [UInt8]) {
    var text = text
    text.withUTF8 { bytes in
      escape(bytes) { output.append(contentsOf: $0) }
    }
  }

  /// `text`, escaped.
  public static func escape(_ text: String) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(text.utf8.count)
    append(text, to: &output)
    return String(decoding: output, as: UTF8.self)
  }

  /// Hands `emit` the runs of `bytes` between the characters escaped, and each one's entity.
  @inline(__always)
  static func escape(
    _ bytes: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    var start = 0
    for index in bytes.indices {
      let byte = bytes[index]
      // Every byte escaped is at most `>`: letters and most text pass at one test.
      if byte > UInt8(ascii: ">") { continue }
      let entity: StaticString
      switch byte {
      case UInt8(ascii: "&"): entity = "&amp;"
      case UInt8(ascii: "<"): entity = "&lt;"
      case UInt8(ascii: ">"): entity = "&gt;"
      case UInt8(ascii: "\""): entity = "&quot;"
      case UInt8(ascii: "'"): entity = "&#39;"
      default: continue
      }
      emit(UnsafeBufferPointer(rebasing: bytes[start..<index]))
      entity.withUTF8Buffer { emit($0) }
      start = index + 1
    }
    emit(UnsafeBufferPointer(rebasing: bytes[start...]))
  }
}
