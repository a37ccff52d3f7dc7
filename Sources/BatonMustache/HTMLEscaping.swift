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

  /// `"`, `&`, `'`, `<` and `>`, one bit each.
  private static let escaped: UInt64 = 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E

  /// Hands `emit` the runs of `bytes` between the characters escaped, and each one's entity.
  @inline(__always)
  static func escape(
    _ bytes: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    var start = 0
    for index in bytes.indices {
      let byte = bytes[index]
      // One test for most bytes: the five escaped are below 64, each a bit of `escaped`.
      if byte >= 64 || escaped & (1 << UInt64(byte)) == 0 { continue }
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
