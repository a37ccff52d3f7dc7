import BatonSupport
import Foundation

/// A document's identifier, from its file name.
///
/// Numbered decision logs write `0042-slug.md`, `ADR042-slug.md`, `adr-042-slug.md` or
/// `ADR-0042-slug.md` (and proposals `pep-0008.md`, `RFC-12-x.md`); these all have the number
/// 42, and `key` is `"42"` so that `0042`, `ADR-0042` and `42` all name the same decision.
/// Date-stamped names (`20240301-slug.md`, `2024-03-01-slug.md`, `2013-10-slug.md`) and plain
/// names have no number: their key is the file's stem.
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
    // Byte offsets into the name: every character this looks at is ASCII, so slicing UTF-8 at
    // those offsets always lands on character boundaries.
    let path = Array(fileName.utf8)
    let nameStart = (path.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
    let dot = path[nameStart...].lastIndex(of: UInt8(ascii: "."))
    let stemEnd = dot ?? path.count
    let name = dot == nil || stemEnd == nameStart ? path : Array(path[nameStart..<stemEnd])
    let text = String(decoding: name, as: UTF8.self)
    self.text = text
    self.prefix = ""
    self.width = 0
    self.slug = text
    self.number = nil
    // Date stamps first: 20240301-… and 2024-03-01-… are dates, not numbers.
    if DocumentIdentifier.datePrefixLength(name) > 0 { return }
    var index = 0
    if name.count >= 3, Self.numberPrefixes.contains(name[0..<3].map { $0 | 0x20 }) {
      index = 3
      if index < name.count, name[index] == UInt8(ascii: "-") || name[index] == UInt8(ascii: "_") {
        index += 1
      }
    }
    let digitsStart = index
    var value = 0
    while index < name.count, name[index].isASCIIDigit, index - digitsStart < 7 {
      value = value * 10 + Int(name[index] - 0x30)
      index += 1
    }
    let width = index - digitsStart
    guard width > 0, width <= 6 else { return }
    guard index == name.count || Self.separators.contains(name[index]) else { return }
    self.number = value
    self.prefix = String(decoding: name[0..<digitsStart], as: UTF8.self)
    self.width = width
    self.text = String(decoding: name[0..<index], as: UTF8.self)
    self.slug = index < name.count ? String(decoding: name[(index + 1)...], as: UTF8.self) : ""
  }

  /// Prefixes logs write before a record's number (`ADR-0042`, `pep-0008`, `RFC1234`), lower case.
  private static let numberPrefixes: [[UInt8]] = ["adr", "rfc", "pep", "kep", "tep"].map {
    Array($0.utf8)
  }

  private static let separators: [UInt8] = [
    UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: " "),
  ]

  /// The length of a leading `YYYYMMDD` or `YYYY-MM-DD` stamp (UTF-8 bytes of a name), or 0.
  package static func datePrefixLength(_ name: [UInt8]) -> Int {
    func digits(_ range: Range<Int>) -> Bool {
      range.upperBound <= name.count && name[range].allSatisfy(\.isASCIIDigit)
    }
    func number(_ range: Range<Int>) -> Int {
      name[range].reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
    func boundary(_ at: Int) -> Bool { at == name.count || !name[at].isASCIIDigit }
    if digits(0..<8), boundary(8),
      Day(year: number(0..<4), month: number(4..<6), day: number(6..<8)) != nil
    {
      return 8
    }
    if digits(0..<4), name.count > 9, name[4] == UInt8(ascii: "-"), digits(5..<7),
      name[7] == UInt8(ascii: "-"), digits(8..<10), boundary(10),
      Day(year: number(0..<4), month: number(5..<7), day: number(8..<10)) != nil
    {
      return 10
    }
    // `2013-10-notes`: a year and a month are a date stamp too, not record 2013.
    if digits(0..<4), name.count > 7, name[4] == UInt8(ascii: "-"), digits(5..<7),
      name[7] == UInt8(ascii: "-"), (1900...2100).contains(number(0..<4)),
      (1...12).contains(number(5..<7))
    {
      return 7
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
