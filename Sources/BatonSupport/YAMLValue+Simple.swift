extension YAMLValue {
  /// Reads the flat front matter nearly every document has, without a YAML parser; nil for
  /// anything else, which `parse(_:)` then reads.
  ///
  /// The shape read here is a mapping of plain keys (letters, digits, `-`, `_`) at the start of
  /// a line to a plain or simply quoted scalar, a flow sequence of such scalars (`[a, "b"]`), or
  /// a block sequence of them (`- a`). Whatever is not plainly that shape returns nil: comments,
  /// tabs, escapes, anchors, tags, nested collections, multi-line scalars, duplicate keys, and
  /// every character YAML reserves at the start of a scalar (so `owner: @ada` still gets Yams'
  /// error). On the shape it accepts it gives what `parse(_:)` gives, positions included; a test
  /// compares the two on many inputs.
  package static func parseSimpleMapping(_ text: String) -> YAMLValue? {
    // Everything here works on UTF-8 bytes: Character operations on the string walk grapheme
    // clusters, which was most of this function's time. Every byte it looks for is ASCII, so a
    // match is always a whole Unicode scalar, and a newline byte is always a line boundary.
    // YAML also breaks lines at a carriage return; leave those to Yams.
    if text.utf8.contains(Byte.carriageReturn) || !isPrintable(text.utf8) { return nil }
    var entries: [YAMLEntry] = []
    var keys = Set<String>()
    var lines = text.utf8.split(separator: Byte.newline, omittingEmptySubsequences: false)[...]
    var number = 0
    while let line = lines.popFirst() {
      number += 1
      if line.allSatisfy({ $0 == Byte.space }) { continue }
      guard let colon = line.firstIndex(of: Byte.colon), colon > line.startIndex,
        line[..<colon].allSatisfy(isKeyByte), line.first != Byte.dash
      else { return nil }
      let key = String(Substring(line[..<colon]))
      let keyLine = number
      guard keys.insert(key).inserted else { return nil }
      var rest = line[line.index(after: colon)...]
      guard rest.isEmpty || rest.first == Byte.space else { return nil }
      rest = trimmed(rest)
      let valueColumn = column(of: rest.startIndex, in: line)
      let value: YAMLValue
      if rest.isEmpty {
        // A block sequence below the key, or a null.
        var items: [YAMLValue] = []
        var sequenceStart: (line: Int, column: Int)?
        while let next = lines.first, next.first == Byte.space || next.first == Byte.dash {
          let indented = next.drop { $0 == Byte.space }
          if indented.isEmpty {
            lines.removeFirst()
            number += 1
            continue
          }
          guard indented.starts(with: [Byte.dash, Byte.space]) else { return nil }
          lines.removeFirst()
          number += 1
          let item = trimmed(indented.dropFirst(2))
          let itemColumn = column(of: item.startIndex, in: next)
          guard !item.isEmpty, let scalar = scalar(item, inFlow: false) else { return nil }
          if sequenceStart == nil {
            sequenceStart = (number, column(of: indented.startIndex, in: next))
          }
          items.append(.scalar(scalar, line: number, column: itemColumn))
        }
        if let start = sequenceStart {
          value = .sequence(items, line: start.line, column: start.column)
        } else {
          // libyaml places an empty value right after the colon, whatever spaces follow it.
          value = .scalar("", line: number, column: column(of: line.index(after: colon), in: line))
        }
      } else if rest.first == Byte.openBracket {
        guard let items = flowItems(rest, line: number, in: line) else { return nil }
        value = .sequence(items, line: number, column: valueColumn)
      } else {
        guard let scalar = scalar(rest, inFlow: false) else { return nil }
        value = .scalar(scalar, line: number, column: valueColumn)
      }
      // A more-indented line after a scalar would continue it over several lines.
      if case .scalar = value, let next = lines.first, next.first == Byte.space,
        !next.allSatisfy({ $0 == Byte.space })
      {
        return nil
      }
      entries.append(YAMLEntry(key: key, keyLine: keyLine, keyColumn: 1, value: value))
    }
    guard let first = entries.first else { return nil }
    return .mapping(entries, line: first.keyLine, column: 1)
  }

  /// Whether the text has none of what libyaml rejects or reads as a line break: C0 controls
  /// but tab and line feed, DEL, C1 controls (U+0085 breaks a line), U+2028 and U+2029, U+FFFE
  /// and U+FFFF. The fast path declines those, so that it never disagrees with libyaml (found by
  /// fuzzing).
  private static func isPrintable(_ bytes: String.UTF8View) -> Bool {
    var previous: UInt8 = 0
    var beforePrevious: UInt8 = 0
    for byte in bytes {
      if byte < 0x20, byte != Byte.newline, byte != Byte.tab { return false }
      if byte == 0x7F { return false }
      if previous == 0xC2, (0x80...0x9F).contains(byte) { return false }
      if beforePrevious == 0xEF, previous == 0xBF, byte == 0xBE || byte == 0xBF { return false }
      if beforePrevious == 0xE2, previous == 0x80, byte == 0xA8 || byte == 0xA9 { return false }
      beforePrevious = previous
      previous = byte
    }
    return true
  }

  /// A line's bytes.
  private typealias Bytes = Substring.UTF8View

  private enum Byte {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let tab = UInt8(ascii: "\t")
    static let space = UInt8(ascii: " ")
    static let colon = UInt8(ascii: ":")
    static let dash = UInt8(ascii: "-")
    static let hash = UInt8(ascii: "#")
    static let comma = UInt8(ascii: ",")
    static let backslash = UInt8(ascii: "\\")
    static let doubleQuote = UInt8(ascii: "\"")
    static let singleQuote = UInt8(ascii: "'")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
  }

  private static func trimmed(_ bytes: Bytes) -> Bytes {
    var bytes = bytes.drop { $0 == Byte.space }
    while bytes.last == Byte.space { bytes = bytes.dropLast() }
    return bytes
  }

  private static func isKeyByte(_ byte: UInt8) -> Bool {
    byte.isASCIIAlphanumeric || byte == Byte.dash || byte == UInt8(ascii: "_")
  }

  /// libyaml counts columns in characters (Unicode scalars), from 1: the bytes before `index`
  /// that start a scalar (anything but a UTF-8 continuation byte).
  private static func column(of index: Bytes.Index, in line: Bytes) -> Int {
    line[line.startIndex..<index].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
  }

  /// The text of a plain or quoted scalar, or nil when it is not plainly one.
  private static func scalar(_ text: Bytes, inFlow: Bool) -> String? {
    guard let first = text.first, !text.contains(Byte.tab) else { return nil }
    switch first {
    case Byte.doubleQuote, Byte.singleQuote:
      guard text.count >= 2, text.last == first else { return nil }
      let inner = text.dropFirst().dropLast()
      guard !inner.contains(first), !(first == Byte.doubleQuote && inner.contains(Byte.backslash))
      else {
        return nil
      }
      return String(Substring(inner))
    default:
      guard !isReservedFirst(first), !contains(text, Byte.colon, Byte.space),
        !contains(text, Byte.space, Byte.hash), text.last != Byte.colon
      else { return nil }
      if inFlow, text.contains(where: isFlowIndicator) { return nil }
      let value = String(Substring(text))
      return nulls.contains(value) ? "" : value
    }
  }

  /// Whether `text` holds `a` followed by `b`.
  private static func contains(_ text: Bytes, _ a: UInt8, _ b: UInt8) -> Bool {
    var previous: UInt8 = 0
    for byte in text {
      if previous == a, byte == b { return true }
      previous = byte
    }
    return false
  }

  private static func isReservedFirst(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","),
      UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
      UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
      UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "@"),
      UInt8(ascii: "`"), UInt8(ascii: " "):
      return true
    default: return false
    }
  }

  private static func isFlowIndicator(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
      UInt8(ascii: ","), UInt8(ascii: ":"):
      return true
    default: return false
    }
  }

  private static let nulls: Set<String> = ["~", "null", "Null", "NULL"]

  /// The items of `[a, "b c", d]`, with their positions; nil unless every item is a scalar.
  private static func flowItems(_ text: Bytes, line: Int, in full: Bytes) -> [YAMLValue]? {
    guard text.last == Byte.closeBracket else { return nil }
    let inner = text.dropFirst().dropLast()
    if inner.allSatisfy({ $0 == Byte.space }) { return [] }
    var items: [YAMLValue] = []
    var index = inner.startIndex
    while true {
      while index < inner.endIndex, inner[index] == Byte.space { index = inner.index(after: index) }
      guard index < inner.endIndex else { return nil }
      var end: Bytes.Index
      let opening = inner[index]
      if opening == Byte.doubleQuote || opening == Byte.singleQuote {
        guard let close = inner[inner.index(after: index)...].firstIndex(of: opening) else {
          return nil
        }
        end = inner.index(after: close)
      } else {
        end = inner[index...].firstIndex(of: Byte.comma) ?? inner.endIndex
      }
      let item = trimmed(inner[index..<end])
      guard !item.isEmpty, let value = scalar(item, inFlow: true) else { return nil }
      items.append(.scalar(value, line: line, column: column(of: index, in: full)))
      while end < inner.endIndex, inner[end] == Byte.space { end = inner.index(after: end) }
      if end == inner.endIndex { return items }
      guard inner[end] == Byte.comma else { return nil }
      index = inner.index(after: end)
    }
  }
}
