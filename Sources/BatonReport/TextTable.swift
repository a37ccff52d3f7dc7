import BatonSupport

/// Columns of text aligned for a terminal: each column as wide as its widest cell.
struct TextTable {
  var headers: [String]
  var rows: [[String]] = []

  /// The table, indented by two spaces, a line per row, header first.
  func text() -> String {
    let escaped = ([headers] + rows).map { $0.map(TerminalText.escaped) }
    var widths = Array(repeating: 0, count: headers.count)
    for row in escaped {
      for (index, cell) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], cell.count)
      }
    }
    return escaped.map { row in
      let cells = row.enumerated().map { index, cell in
        index == row.count - 1
          ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
      }
      return "  " + cells.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
  }
}

/// Comma-separated values (RFC 4180): fields quoted when they hold a comma, a quote or a line
/// break.
enum CSV {
  static func line(_ fields: [String]) -> String {
    fields.map { field in
      guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
        return field
      }
      return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }.joined(separator: ",") + "\r\n"
  }
}
