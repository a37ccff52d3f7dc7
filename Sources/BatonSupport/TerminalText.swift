/// Text from documents, file names and git made safe to print on a terminal.
///
/// A file name, title or message may hold control characters: an escape (ESC) that reaches a
/// terminal can recolour it, move the cursor, rewrite the window title or hide what was
/// printed, and a newline in a file name can forge a diagnostic line. Every human-readable
/// output passes such values through `escaped(_:)`; machine formats (JSON, SARIF) escape them
/// their own way.
public enum TerminalText {
  /// `text` with each control character written out: C0 controls, DEL and the C1 range as
  /// `\x1b` or `\u{9b}`, and the bidirectional overrides and isolates (which can reorder what a
  /// reader sees) as `\u{202e}`. Everything else is kept.
  public static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      guard isControl(scalar) else {
        out.unicodeScalars.append(scalar)
        continue
      }
      let hex = String(scalar.value, radix: 16)
      out += scalar.value < 0x80 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{\(hex)}"
    }
    return out
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }
}
