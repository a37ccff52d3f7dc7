/// Reads a status as real decision logs write it.
///
/// `Accepted`, `**accepted**`, `Accepted ✅`, `✅ Accepted`, `Proposed (2024-01-01)`,
/// `superseded by [ADR-0012](0012-x.md)`, the common misspelling `Superceded`, and two-word
/// statuses such as `on track` all normalise to a kind's lower-case status. A text of several
/// words whose first is not a status stays whole (`for prototyping only`).
enum StatusNormalizer {
  /// The normalised status and, for `superseded by X`, the reference X.
  static func normalize(_ raw: String, known: [String]) -> (status: String, supersededBy: String?)?
  {
    let words = raw.lowercased()
      .split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") || $0.isEmoji })
      .map(String.init)
      .filter { !$0.isEmpty && $0 != "-" }
    guard var first = words.first else { return nil }
    first = synonyms[first] ?? first
    if words.count > 1 {
      let joined = "\(first)-\(words[1])"
      if known.contains(joined) { return (joined, nil) }
    }
    if first == "superseded" {
      return ("superseded", supersedingReference(in: raw))
    }
    // `for prototyping only`: a sentence whose first word is no status is not the status
    // "for"; the whole text stands, and `unknown-status` quotes it.
    if words.count > 1, !known.isEmpty, !known.contains(first) {
      return (raw.trimmingWhitespace().lowercased(), nil)
    }
    return (first, nil)
  }

  static let synonyms = [
    "superceded": "superseded", "supersceded": "superseded", "approved": "accepted",
    "obsolete": "deprecated", "declined": "rejected",
  ]

  /// The reference after `superseded by` / `superceded by`: a link's target, else the next word.
  static func supersedingReference(in raw: String) -> String? {
    let lower = raw.lowercased()
    guard let by = lower.range(of: " by ") else { return nil }
    let rest = String(raw[by.upperBound...]).trimmingWhitespace()
    if let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")"),
      rest[..<open].hasSuffix("]")
    {
      return String(rest[rest.index(after: open)..<close])
    }
    let word = rest.split(whereSeparator: { $0 == " " || $0 == "," }).first.map(String.init)
    return word?.trimming(["[", "]", "."])
  }
}

extension Character {
  /// Whether the character is an emoji picture (not a digit or `#`, which are emoji-capable).
  var isEmoji: Bool {
    unicodeScalars.contains { $0.properties.isEmojiPresentation || $0.value == 0xFE0F }
      || (unicodeScalars.first.map { $0.properties.isEmoji && $0.value > 0x2000 } ?? false)
  }
}
