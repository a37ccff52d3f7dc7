/// Writes a JSON array by hand, so bytes are the same on every run and platform.
struct JSONArrayWriter {
  private var text = "["
  private(set) var isEmpty = true

  var byteCount: Int { text.utf8.count }

  mutating func append(raw: String) {
    if !isEmpty { text += "," }
    text += raw
    isEmpty = false
  }

  mutating func append(string: String) {
    append(raw: JSONArrayWriter.quote(string))
  }

  mutating func append(number: Int) {
    append(raw: String(number))
  }

  func finish() -> String {
    text + "]"
  }

  /// A JSON string literal that is also safe JavaScript (U+2028 and U+2029 escaped).
  static func quote(_ string: String) -> String {
    var output = "\""
    for scalar in string.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\t": output += "\\t"
      case "\r": output += "\\r"
      case "\u{2028}": output += "\\u2028"
      case "\u{2029}": output += "\\u2029"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    return output + "\""
  }
}
