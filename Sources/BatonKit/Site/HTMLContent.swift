import Mustache

/// The theme's content type: HTML escaping as swift-mustache's own (`&`, `<`, `>`, `"`, `'`),
/// done on UTF-8 bytes, and not at all for text that needs none, which is most of it.
///
/// Every template is parsed with a leading `{{% CONTENT_TYPE: BATON_HTML}}` line (standalone, so
/// it renders as nothing); the output is byte for byte what the default escaping gives.
struct HTMLContent: MustacheContentType {
  static let name = "BATON_HTML"

  /// The pragma put before every template; registering the type first is what makes it parse.
  static let pragma: String = {
    MustacheContentTypes.register(HTMLContent(), named: name)
    return "{{% CONTENT_TYPE: \(name)}}\n"
  }()

  func escapeText(_ text: String) -> String {
    HTMLContent.escape(text)
  }

  static func escape(_ text: String) -> String {
    var copy = text
    return copy.withUTF8 { bytes -> String in
      guard
        bytes.contains(where: {
          $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
            || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'")
        })
      else { return text }
      var escaped: [UInt8] = []
      escaped.reserveCapacity(bytes.count + 32)
      for byte in bytes {
        switch byte {
        case UInt8(ascii: "&"): escaped += Array("&amp;".utf8)
        case UInt8(ascii: "<"): escaped += Array("&lt;".utf8)
        case UInt8(ascii: ">"): escaped += Array("&gt;".utf8)
        case UInt8(ascii: "\""): escaped += Array("&quot;".utf8)
        case UInt8(ascii: "'"): escaped += Array("&#39;".utf8)
        default: escaped.append(byte)
        }
      }
      return String(decoding: escaped, as: UTF8.self)
    }
  }
}
