/// GitHub's alerts: a block quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
/// `[!WARNING]` or `[!CAUTION]` (any case, alone on its line).
///
/// The parsed tree turns such a quote into an `alert` node without the marker, so neither the
/// page nor the search index nor a summary shows it.
public enum Alert {
  /// The alert types, lower case, with the title a page shows.
  public static let titles: [String: String] = [
    "note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning",
    "caution": "Caution",
  ]

  /// The type a marker line names (`[!Warning]` → `warning`), or nil when it is not a marker.
  public static func type(ofMarker line: String) -> String? {
    let text = line.trimmingSpaces
    guard text.hasPrefix("[!"), text.hasSuffix("]"), text.count <= 12 else { return nil }
    let type = text.dropFirst(2).dropLast().lowercased()
    return titles[type] == nil ? nil : type
  }

  /// A block quote's children as an alert: its type and the blocks after the marker line, or
  /// nil when the quote is not an alert (or holds nothing but the marker).
  static func split(_ children: [MarkdownNode]) -> (type: String, blocks: [MarkdownNode])? {
    guard let first = children.first, first.kind == .paragraph else { return nil }
    let inlines = first.children
    var marker = ""
    var index = 0
    while index < inlines.count, inlines[index].kind == .text {
      marker += inlines[index].literal ?? ""
      index += 1
    }
    guard let type = type(ofMarker: marker) else { return nil }
    var blocks = Array(children.dropFirst())
    if index < inlines.count {
      guard inlines[index].kind == .softBreak || inlines[index].kind == .lineBreak else {
        return nil
      }
      let rest = Array(inlines[(index + 1)...])
      if let start = rest.first?.start {
        blocks.insert(
          MarkdownNode(kind: .paragraph, children: rest, start: start, end: first.end), at: 0)
      }
    }
    return blocks.isEmpty ? nil : (type, blocks)
  }
}

extension String {
  /// The text without leading and trailing spaces and tabs.
  fileprivate var trimmingSpaces: Substring {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return self[first...last]
  }
}
