import BatonMustache

/// Byte-level escaping for HTML text, attributes and URLs.
enum HTMLEscaping {
  /// Appends `text` with `&`, `<`, `>`, `"` and `'` escaped; safe in text and in quoted
  /// attributes. The templates' escaper (`{{ }}`), so a page's text and its Markdown are escaped
  /// alike; it appends the runs between those bytes whole.
  static func appendText(_ text: String, to output: inout [UInt8]) {
    BatonMustache.HTMLEscaping.append(text, to: &output)
  }

  /// Appends `url` for a double-quoted `href` or `src`: characters outside a small safe set are
  /// percent-encoded, `&` and `'` become entities, so the value cannot leave its attribute.
  static func appendURL(_ url: String, to output: inout [UInt8]) {
    let hex = Array("0123456789ABCDEF".utf8)
    for byte in url.utf8 {
      if isURLSafe(byte) {
        output.append(byte)
      } else if byte == UInt8(ascii: "&") {
        output.append(contentsOf: "&amp;".utf8)
      } else if byte == UInt8(ascii: "'") {
        output.append(contentsOf: "&#39;".utf8)
      } else {
        output.append(UInt8(ascii: "%"))
        output.append(hex[Int(byte >> 4)])
        output.append(hex[Int(byte & 0x0F)])
      }
    }
  }

  private static func isURLSafe(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      true
    case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "+"),
      UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "("), UInt8(ascii: ")"),
      UInt8(ascii: ","), UInt8(ascii: "%"), UInt8(ascii: "#"), UInt8(ascii: "@"),
      UInt8(ascii: "?"), UInt8(ascii: "="), UInt8(ascii: ";"), UInt8(ascii: ":"),
      UInt8(ascii: "/"), UInt8(ascii: "$"), UInt8(ascii: "~"):
      true
    default:
      false
    }
  }

  /// Tags GFM's tag filter disables even in trusted raw HTML.
  private static let filteredTags: [[UInt8]] = [
    "title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext",
  ].map { Array($0.utf8) }

  /// Appends raw HTML, turning the `<` of each filtered tag (opening or closing) into `&lt;`.
  static func appendFilteredHTML(_ html: String, to output: inout [UInt8]) {
    let bytes = Array(html.utf8)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "<") && startsFilteredTag(bytes, at: index + 1) {
        output.append(contentsOf: "&lt;".utf8)
      } else {
        output.append(byte)
      }
      index += 1
    }
  }

  private static func startsFilteredTag(_ bytes: [UInt8], at position: Int) -> Bool {
    var start = position
    if start < bytes.count && bytes[start] == UInt8(ascii: "/") { start += 1 }
    for tag in filteredTags where start + tag.count <= bytes.count {
      var matches = true
      for offset in 0..<tag.count where bytes[start + offset] | 0x20 != tag[offset] {
        matches = false
        break
      }
      guard matches else { continue }
      let after = start + tag.count
      if after == bytes.count { return true }
      switch bytes[after] {
      case UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: " "), UInt8(ascii: "\t"),
        UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0C:
        return true
      default:
        continue
      }
    }
    return false
  }
}
