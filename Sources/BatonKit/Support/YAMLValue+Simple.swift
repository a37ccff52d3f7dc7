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
  static func parseSimpleMapping(_ text: String) -> YAMLValue? {
    var entries: [YAMLEntry] = []
    var keys = Set<String>()
    // Split the UTF-8 view: splitting the string itself walks grapheme clusters, which was
    // most of this function's time. A newline byte is always a line boundary in UTF-8.
    var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      .map { Substring($0) }[...]
    // YAML also breaks lines at a carriage return; leave those to Yams.
    if text.utf8.contains(UInt8(ascii: "\r")) { return nil }
    var number = 0
    while let line = lines.popFirst() {
      number += 1
      if line.allSatisfy({ $0 == " " }) { continue }
      guard let colon = line.firstIndex(of: ":"), colon > line.startIndex,
        line[..<colon].utf8.allSatisfy(isKeyByte), line.first != "-"
      else { return nil }
      let key = String(line[..<colon])
      let keyLine = number
      guard keys.insert(key).inserted else { return nil }
      var rest = line[line.index(after: colon)...]
      guard rest.isEmpty || rest.first == " " else { return nil }
      rest = rest.drop { $0 == " " }
      while rest.last == " " { rest = rest.dropLast() }
      let valueColumn = column(of: rest.startIndex, in: line)
      let value: YAMLValue
      if rest.isEmpty {
        // A block sequence below the key, or a null.
        var items: [YAMLValue] = []
        var sequenceStart: (line: Int, column: Int)?
        while let next = lines.first, next.first == " " || next.first == "-" {
          let trimmed = next.drop { $0 == " " }
          if trimmed.isEmpty {
            lines.removeFirst()
            number += 1
            continue
          }
          guard trimmed.hasPrefix("- ") else { return nil }
          lines.removeFirst()
          number += 1
          var item = trimmed.dropFirst(2).drop { $0 == " " }
          while item.last == " " { item = item.dropLast() }
          let itemColumn = column(of: item.startIndex, in: next)
          guard !item.isEmpty, let scalar = scalar(item, inFlow: false) else { return nil }
          if sequenceStart == nil {
            sequenceStart = (number, column(of: trimmed.startIndex, in: next))
          }
          items.append(.scalar(scalar, line: number, column: itemColumn))
        }
        if let start = sequenceStart {
          value = .sequence(items, line: start.line, column: start.column)
        } else {
          // libyaml places an empty value where the next token starts; nothing reads it.
          value = .scalar("", line: number, column: valueColumn)
        }
      } else if rest.first == "[" {
        guard let items = flowItems(rest, line: number, in: line) else { return nil }
        value = .sequence(items, line: number, column: valueColumn)
      } else {
        guard let scalar = scalar(rest, inFlow: false) else { return nil }
        value = .scalar(scalar, line: number, column: valueColumn)
      }
      // A more-indented line after a scalar would continue it over several lines.
      if case .scalar = value, let next = lines.first, next.first == " ",
        !next.allSatisfy({ $0 == " " })
      {
        return nil
      }
      entries.append(YAMLEntry(key: key, keyLine: keyLine, keyColumn: 1, value: value))
    }
    guard let first = entries.first else { return nil }
    return .mapping(entries, line: first.keyLine, column: 1)
  }

  private static func isKeyByte(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
      || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
  }

  /// libyaml counts columns in characters (Unicode scalars), from 1.
  private static func column(of index: Substring.Index, in line: Substring) -> Int {
    line.unicodeScalars[line.startIndex..<index].count + 1
  }

  /// The text of a plain or quoted scalar, or nil when it is not plainly one.
  private static func scalar(_ text: Substring, inFlow: Bool) -> String? {
    guard let first = text.first else { return nil }
    if text.contains("\t" as Character) { return nil }
    switch first {
    case "\"", "'":
      guard text.count >= 2, text.last == first else { return nil }
      let inner = text.dropFirst().dropLast()
      guard !inner.contains(first), !(first == "\"" && inner.contains("\\" as Character)) else {
        return nil
      }
      return String(inner)
    default:
      guard !reservedFirst.contains(first), text.firstRange(of: ": ") == nil,
        text.firstRange(of: " #") == nil, text.last != ":"
      else { return nil }
      if inFlow, text.contains(where: { "[]{},:".contains($0) }) { return nil }
      let value = String(text)
      return nulls.contains(value) ? "" : value
    }
  }

  private static let reservedFirst: Set<Character> = [
    "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "%", "@", "`", " ",
  ]
  private static let nulls: Set<String> = ["~", "null", "Null", "NULL"]

  /// The items of `[a, "b c", d]`, with their positions; nil unless every item is a scalar.
  private static func flowItems(_ text: Substring, line: Int, in full: Substring) -> [YAMLValue]? {
    guard text.last == "]" else { return nil }
    let inner = text.dropFirst().dropLast()
    if inner.allSatisfy({ $0 == " " }) { return [] }
    var items: [YAMLValue] = []
    var index = inner.startIndex
    while true {
      while index < inner.endIndex, inner[index] == " " { index = inner.index(after: index) }
      guard index < inner.endIndex else { return nil }
      var end: Substring.Index
      if inner[index] == "\"" || inner[index] == "'" {
        guard let close = inner[inner.index(after: index)...].firstIndex(of: inner[index]) else {
          return nil
        }
        end = inner.index(after: close)
      } else {
        end = inner[index...].firstIndex(of: ",") ?? inner.endIndex
      }
      var item = inner[index..<end]
      while item.last == " " { item = item.dropLast() }
      guard !item.isEmpty, let value = scalar(item, inFlow: true) else { return nil }
      items.append(.scalar(value, line: line, column: column(of: index, in: full)))
      while end < inner.endIndex, inner[end] == " " { end = inner.index(after: end) }
      if end == inner.endIndex { return items }
      guard inner[end] == "," else { return nil }
      index = inner.index(after: end)
    }
  }
}
