/// Writes a JSON array by hand, as UTF-8 bytes, so they are the same on every run and platform.
package struct JSONArrayWriter {
  private(set) var bytes: [UInt8] = [0x5B]
  package private(set) var isEmpty = true

  package init() {}

  package var byteCount: Int { bytes.count }

  private mutating func separate() {
    if !isEmpty { bytes.append(0x2C) }
    isEmpty = false
  }

  package mutating func append(raw: String) {
    separate()
    bytes.append(contentsOf: raw.utf8)
  }

  package mutating func append(raw: [UInt8]) {
    separate()
    bytes.append(contentsOf: raw)
  }

  package mutating func append(string: String) {
    separate()
    JSONArrayWriter.appendQuoted(string, to: &bytes)
  }

  package mutating func append(number: Int) {
    append(raw: String(number))
  }

  /// The array's bytes, closed.
  package func finishBytes() -> [UInt8] {
    var result = bytes
    result.append(0x5D)
    return result
  }

  /// The array as text, closed.
  package func finish() -> String {
    String(decoding: finishBytes(), as: UTF8.self)
  }

  /// A JSON string literal that is also safe JavaScript (U+2028 and U+2029 escaped).
  package static func quote(_ string: String) -> String {
    var output: [UInt8] = []
    appendQuoted(string, to: &output)
    return String(decoding: output, as: UTF8.self)
  }

  static let hexDigits = Array("0123456789abcdef".utf8)

  /// Appends a string as a JSON string literal: `"`, `\`, controls, U+2028 and U+2029 escaped.
  ///
  /// Runs of bytes that need no escape (most of any text) are copied whole.
  static func appendQuoted(_ string: String, to output: inout [UInt8]) {
    var string = string
    output.append(0x22)
    string.withUTF8 { source in
      output.reserveCapacity(output.count + source.count + 2)
      var index = 0
      var run = 0
      while index < source.count {
        let byte = source[index]
        let isSeparator =
          byte == 0xE2 && index + 2 < source.count && source[index + 1] == 0x80
          && (source[index + 2] == 0xA8 || source[index + 2] == 0xA9)
        guard byte < 0x20 || byte == 0x22 || byte == 0x5C || isSeparator else {
          index += 1
          continue
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: source[run..<index]))
        output.append(0x5C)
        switch byte {
        case 0x22, 0x5C: output.append(byte)
        case 0x0A: output.append(0x6E)
        case 0x09: output.append(0x74)
        case 0x0D: output.append(0x72)
        case 0xE2:
          // U+2028 or U+2029: `\u2028`, `\u2029`.
          output.append(contentsOf: [
            0x75, 0x32, 0x30, 0x32, source[index + 2] == 0xA8 ? 0x38 : 0x39,
          ])
          index += 2
        default:
          output.append(contentsOf: [
            0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)],
          ])
        }
        index += 1
        run = index
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: source[run..<source.count]))
    }
    output.append(0x22)
  }
}
