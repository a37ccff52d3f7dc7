import Foundation

/// Splits text into search terms: the one set of rules the index and every query follow.
///
/// `templates/search/search.js` mirrors these rules line for line, so a query typed in the
/// browser finds what `baton search` finds; change both together (a test compares them).
///
/// - A *word* is a run of letters, marks and numbers (any script but CJK). It is folded: lower
///   case, compatibility-decomposed, Latin combining marks dropped, recomposed, and a few
///   letters spelled out (`ß` → `ss`, `æ` → `ae`, `ø` → `o`, final `ς` → `σ`).
/// - camelCase and PascalCase words also give their parts: `parseHeaders` → `parseheaders`,
///   `parse`, `headers`.
/// - Words joined by one `_ . - '` or `’` form a compound, which gives the words and their
///   concatenation: `snake_case` → `snake`, `case`, `snakecase`; `v1.2` → `v1`, `2`, `v12`.
/// - CJK text (Han, kana, Hangul) has no spaces: a run gives its overlapping bigrams and its last
///   character alone, so any one or two characters of it match.
/// - A light English stemmer drops plural endings from lower-case ASCII terms longer than three
///   letters (`policies` → `policy`, `deployments` → `deployment`); prefix matching at query time
///   does the rest (`deploy` finds `deployment`).
public enum SearchTokenizer {
  /// What a term is to the text it came from.
  public enum Role: Sendable, Hashable {
    /// A word or a CJK bigram (or a lone CJK character): a query requires these.
    case base
    /// A part of a camelCase word, or the trailing character of a CJK run: optional in a query.
    case part
    /// The concatenation of a compound: optional in a query.
    case compound
  }

  /// One term and its role.
  public struct Token: Sendable, Hashable {
    public var term: String
    public var role: Role
  }

  /// The terms of a text, in order of appearance.
  public static func tokens(_ text: String) -> [Token] {
    var result: [Token] = []
    scan(text) { bytes, role in
      result.append(Token(term: String(decoding: bytes, as: UTF8.self), role: role))
    }
    return result
  }

  /// Calls `emit` with the UTF-8 bytes and role of each term of a text, in order of appearance.
  ///
  /// The bytes are only valid during the call. Words of ASCII letters and digits (nearly all
  /// text) are folded and stemmed in place on the text's bytes, without allocating; other words
  /// and CJK runs take the Unicode path.
  static func scan(_ text: String, _ emit: (UnsafeBufferPointer<UInt8>, Role) -> Void) {
    var memo = FoldMemo.empty
    scan(text, memo: &memo, emit)
  }

  /// `scan(_:_:)` with the folded words of earlier scans, to which it adds its own.
  static func scan(
    _ text: String, memo: inout FoldMemo, _ emit: (UnsafeBufferPointer<UInt8>, Role) -> Void
  ) {
    var text = text
    text.withUTF8 { ByteScanner(text: $0).run(memo: &memo, emit) }
  }

  /// `scan(_:_:)` over valid UTF-8.
  static func scan(
    bytes: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>, Role) -> Void
  ) {
    var memo = FoldMemo.empty
    ByteScanner(text: bytes).run(memo: &memo, emit)
  }

  /// The terms of a text, without roles.
  public static func terms(_ text: String) -> [String] {
    tokens(text).map(\.term)
  }

  // MARK: - Characters

  enum CharacterClass {
    case word, cjk, joiner, other
  }

  /// The class of a scalar: from `classes` below U+3000 (nearly every letter of alphabetic
  /// scripts), from its Unicode properties above.
  @inline(__always)
  static func classify(_ scalar: Unicode.Scalar) -> CharacterClass {
    let value = Int(scalar.value)
    return value < classes.count ? classes[value] : lookUpClass(scalar)
  }

  /// The class of every scalar below U+3000, worked out once: a general category costs a
  /// lookup in the standard library's tables, hundreds of instructions, for each character of
  /// every non-Latin word.
  static let classes: [CharacterClass] = (0..<UInt32(0x3000)).map {
    Unicode.Scalar($0).map(lookUpClass) ?? .other  // no surrogates below U+3000
  }

  /// The class of a scalar by the rules of `SearchTokenizer`.
  static func lookUpClass(_ scalar: Unicode.Scalar) -> CharacterClass {
    let value = scalar.value
    if value < 0x80 {
      switch value {
      case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .word
      case 0x5F, 0x2E, 0x2D, 0x27: return .joiner
      default: return .other
      }
    }
    if value == 0x2019 { return .joiner }
    if isCJK(value) { return .cjk }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
      return .word
    default:
      return .other
    }
  }

  /// Han, kana and Hangul: scripts written without spaces between words.
  static func isCJK(_ value: UInt32) -> Bool {
    switch value {
    case 0x30FB: false  // katakana middle dot: punctuation
    case 0x1100...0x11FF, 0x3040...0x30FF, 0x3130...0x318F, 0x31F0...0x31FF, 0x3400...0x4DBF,
      0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x2FFFF:
      true
    default: false
    }
  }

  /// Whether a term is one CJK character (a query may match it as a prefix).
  static func isSingleCJK(_ term: String) -> Bool {
    let scalars = term.unicodeScalars
    guard let first = scalars.first, scalars.count == 1 else { return false }
    return isCJK(first.value)
  }

  // MARK: - Folding

  /// Letters that decomposition leaves alone but readers treat as spellings of others.
  static let spelledOut: [Unicode.Scalar: String] = [
    "ß": "ss", "ς": "σ", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i",
  ]

  /// Whether folding leaves a CJK scalar as it is, alone and next to any other such scalar:
  /// Han ideographs (no case, no decomposition), Hangul syllables (decomposed to their letters
  /// and composed again, each syllable alone), and the kana that neither decompose by
  /// compatibility (`ゟ`, `ヿ`, half-width katakana) nor combine with the character before them
  /// (the voiced sound marks U+3099 to U+309C). A run of them folds to itself.
  static func keepsItself(_ value: UInt32) -> Bool {
    switch value {
    case 0x3041...0x3096, 0x309D...0x309E, 0x30A0...0x30FE, 0x31F0...0x31FF, 0x3400...0x4DBF,
      0x4E00...0x9FFF, 0xAC00...0xD7A3:
      true
    default: false
    }
  }

  /// Whether a scalar is a combining mark that folding drops (Latin diacritics).
  static func isDroppedMark(_ value: UInt32) -> Bool {
    switch value {
    case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F:
      true
    default: false
    }
  }

  /// Folds a word: lower case, diacritics dropped, compatibility forms unified.
  public static func fold(_ word: String) -> String {
    fold(word.unicodeScalars[...])
  }

  static func fold(_ word: Substring.UnicodeScalarView) -> String {
    fold(ArraySlice(word))
  }

  static func fold(_ word: ArraySlice<Unicode.Scalar>) -> String {
    if word.allSatisfy({ $0.isASCII }) {
      var view = String.UnicodeScalarView()
      for scalar in word {
        let value = scalar.value
        view.append((0x41...0x5A).contains(value) ? Unicode.Scalar(value + 32) ?? scalar : scalar)
      }
      return String(view)
    }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: word)
    let decomposed = String(view).lowercased().decomposedStringWithCompatibilityMapping
    var kept = String.UnicodeScalarView()
    for scalar in decomposed.unicodeScalars where !isDroppedMark(scalar.value) {
      kept.append(scalar)
    }
    var output = String.UnicodeScalarView()
    for scalar in String(kept).precomposedStringWithCanonicalMapping.unicodeScalars {
      if let replacement = spelledOut[scalar] {
        output.append(contentsOf: replacement.unicodeScalars)
      } else {
        output.append(scalar)
      }
    }
    return String(output)
  }

  /// The parts of a camelCase or PascalCase word (`parseHTTPHeaders` → parse, HTTP, Headers).
  static func camelParts(_ word: ArraySlice<Unicode.Scalar>) -> [ArraySlice<Unicode.Scalar>] {
    let scalars = Array(word)
    guard scalars.count > 1 else { return [word] }
    func isUpper(_ index: Int) -> Bool {
      scalars[index].properties.generalCategory == .uppercaseLetter
    }
    func isLower(_ index: Int) -> Bool {
      scalars[index].properties.generalCategory == .lowercaseLetter
    }
    var parts: [ArraySlice<Unicode.Scalar>] = []
    var start = 0
    for index in 1..<scalars.count {
      let split =
        (isLower(index - 1) && isUpper(index))
        || (isUpper(index - 1) && isUpper(index) && index + 1 < scalars.count
          && isLower(index + 1))
      if split {
        parts.append(scalars[start..<index])
        start = index
      }
    }
    parts.append(scalars[start..<scalars.count])
    return parts
  }

  // MARK: - Stemming

  /// How much of a term its stem keeps, and whether a `y` follows (`policies` → 5, true).
  static func stemmed(_ term: UnsafeBufferPointer<UInt8>) -> (keep: Int, y: Bool) {
    let count = term.count
    guard count > 3 else { return (count, false) }
    for byte in term where byte &- 0x61 > 25 { return (count, false) }
    let last = term[count - 1]
    guard last == 0x73 else { return (count, false) }  // s
    let second = term[count - 2]
    let third = term[count - 3]
    if third == 0x69, second == 0x65, count > 4 { return (count - 3, true) }  // ies
    if count > 3, term[count - 4] == 0x73, third == 0x73, second == 0x65 {
      return (count - 2, false)
    }
    if second == 0x73 || second == 0x75 || second == 0x69 { return (count, false) }  // ss us is
    return (count - 1, false)
  }

  /// Drops an English plural ending from a lower-case ASCII term longer than three letters.
  public static func stem(_ term: String) -> String {
    let bytes = Array(term.utf8)
    guard bytes.count > 3, bytes.allSatisfy({ (0x61...0x7A).contains($0) }) else { return term }
    func ends(_ suffix: String) -> Bool { term.hasSuffix(suffix) }
    if ends("ies"), bytes.count > 4 { return String(term.dropLast(3)) + "y" }
    if ends("sses") { return String(term.dropLast(2)) }
    if ends("s"), !ends("ss"), !ends("us"), !ends("is") { return String(term.dropLast()) }
    return term
  }
}
