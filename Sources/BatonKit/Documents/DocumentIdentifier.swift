import Foundation

/// A document's identifier, from its file name.
///
/// Numbered decision logs write `0042-slug.md`, `ADR042-slug.md`, `adr-042-slug.md` or
/// `ADR-0042-slug.md`; these all have the number 42, and `key` is `"42"` so that `0042`,
/// `ADR-0042` and `42` all name the same decision. Date-stamped names (`20240301-slug.md`,
/// `2024-03-01-slug.md`) and plain names have no number: their key is the file's stem.
public struct DocumentIdentifier: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The number, for numbered names.
  public var number: Int?
  /// The identifier as written in the file name (`0042`, `ADR042`, or the stem).
  public var text: String
  /// The prefix before the number (`ADR`, `adr-`), kept to number new files the same way.
  public var prefix: String
  /// How many digits the number was written with (`0042` → 4).
  public var width: Int
  /// The file's stem without its identifier: the slug.
  public var slug: String

  /// The key that references match against: the number as decimal, or the stem.
  public var key: String {
    number.map(String.init) ?? text
  }

  public var description: String { text }

  public static func < (lhs: DocumentIdentifier, rhs: DocumentIdentifier) -> Bool {
    switch (lhs.number, rhs.number) {
    case (let l?, let r?): l < r
    case (.some, nil): true
    case (nil, .some): false
    case (nil, nil): lhs.text < rhs.text
    }
  }

  /// Reads the identifier from a file name such as `0042-use-postgres.md`.
  public init(fileName: String) {
    let stem = String(fileName.split(separator: "/").last ?? "")
      .split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: ".")
    let name = stem.isEmpty ? fileName : stem
    self.text = name
    self.prefix = ""
    self.width = 0
    self.slug = name
    self.number = nil
    let chars = Array(name)
    // Date stamps first: 20240301-… and 2024-03-01-… are dates, not numbers.
    if DocumentIdentifier.datePrefixLength(chars) > 0 { return }
    var index = 0
    if chars.count >= 3, String(chars[0..<3]).lowercased() == "adr" {
      index = 3
      if index < chars.count, chars[index] == "-" || chars[index] == "_" { index += 1 }
    }
    let digitsStart = index
    while index < chars.count, chars[index].isASCII, chars[index].isNumber { index += 1 }
    let digits = String(chars[digitsStart..<index])
    guard !digits.isEmpty, digits.count <= 6, let value = Int(digits) else { return }
    guard index == chars.count || "-_. ".contains(chars[index]) else { return }
    self.number = value
    self.prefix = String(chars[0..<digitsStart])
    self.width = digits.count
    self.text = String(chars[0..<index])
    self.slug = index < chars.count ? String(chars[(index + 1)...]) : ""
  }

  /// The length of a leading `YYYYMMDD` or `YYYY-MM-DD` stamp, or 0.
  static func datePrefixLength(_ chars: [Character]) -> Int {
    func digits(_ range: Range<Int>) -> Bool {
      range.upperBound <= chars.count && chars[range].allSatisfy { $0.isASCII && $0.isNumber }
    }
    func boundary(_ at: Int) -> Bool { at == chars.count || !(chars[at].isNumber) }
    if digits(0..<8), boundary(8),
      Day(parsing: "\(String(chars[0..<4]))-\(String(chars[4..<6]))-\(String(chars[6..<8]))")
        != nil
    {
      return 8
    }
    if digits(0..<4), chars.count > 9, chars[4] == "-", digits(5..<7), chars[7] == "-",
      digits(8..<10), boundary(10), Day(parsing: String(chars[0..<10])) != nil
    {
      return 10
    }
    return 0
  }

  /// The key a reference such as `ADR-0042`, `0042`, `42`, or `0042-use-postgres.md` names.
  public static func key(forReference reference: String) -> String {
    var text = reference.trimmingCharacters(in: .whitespaces)
    if let slash = text.lastIndex(of: "/") { text = String(text[text.index(after: slash)...]) }
    if text.hasSuffix(".md") { text = String(text.dropLast(3)) }
    if text.hasPrefix("#") { text.removeFirst() }
    let identifier = DocumentIdentifier(fileName: text + ".md")
    return identifier.key
  }
}
