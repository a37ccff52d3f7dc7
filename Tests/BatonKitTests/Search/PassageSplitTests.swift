import Testing

@testable import BatonSearch

/// A block's words are split on its bytes when that gives the split on characters
/// (`SearchEntry.spacesStandAlone`); these tests hold the two equal.
@Suite struct PassageSplitTests {
  /// The words of `text` split on the bytes 0x20, 0x0A and 0x09.
  static func byteWords(_ text: String) -> [String] {
    text.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 })
      .map { String(decoding: $0, as: UTF8.self) }
  }

  /// The words of `text` split on the characters space, line feed and tab.
  static func characterWords(_ text: String) -> [String] {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
  }

  static func standsAlone(_ text: String) -> Bool {
    var text = text
    var neighbours = SearchEntry.SpaceNeighbours()
    return text.withUTF8 { SearchEntry.spacesStandAlone($0, &neighbours) }
  }

  @Test func textOfEveryScriptSplitsOnBytes() {
    for text in [
      "plain words\tand\nlines", "café au lait à la carte", "আমি তোমাকে ভালোবাসি",
      "مرحبا بالعالم", "Привет мир", "हिन्दी भाषा", "東京 タワー", "ǅ ȁ ʼ", " leading trailing ",
    ] {
      #expect(PassageSplitTests.standsAlone(text), "\(text)")
      #expect(PassageSplitTests.byteWords(text) == PassageSplitTests.characterWords(text))
    }
  }

  @Test func spacesJoinedToAMarkOrAPrependAreNotSplitOnBytes() {
    for text in [
      "a \u{301}b", "x \u{200D}y", "ক \u{9BE}", "\u{600} 12", "line\r\nnext", "e\u{301} \u{903}",
    ] {
      #expect(!PassageSplitTests.standsAlone(text), "\(text.unicodeScalars.map(\.value))")
      #expect(PassageSplitTests.byteWords(text) != PassageSplitTests.characterWords(text))
    }
  }

  /// Generated text from scalars that join and that do not: wherever the byte split is taken,
  /// it is the character split.
  @Test func generatedTextSplitsAlikeWhereverBytesAreUsed() {
    let pool: [Unicode.Scalar] = [
      " ", " ", " ", "\n", "\t", "a", "é", "\u{301}", "\u{200D}", "\u{600}", "\u{9BE}", "\u{903}",
      "ক", "م", "\u{2FF}", "\u{300}", "\u{1F3FB}", "😀", "\u{E33}", "\u{AD}", "\u{85}", "\u{2028}",
    ]
    var generator = SplitMix(seed: 21)
    var neighbours = SearchEntry.SpaceNeighbours()
    var splitOnBytes = 0
    for _ in 0..<4000 {
      var text = String.UnicodeScalarView()
      for _ in 0..<Int(generator.next() % 9) {
        text.append(pool[Int(generator.next() % UInt64(pool.count))])
      }
      var string = String(text)
      // One reader keeps what it learns of scalars next to spaces across every text.
      let learned = string.withUTF8 { SearchEntry.spacesStandAlone($0, &neighbours) }
      #expect(learned == PassageSplitTests.standsAlone(string))
      guard learned else { continue }
      splitOnBytes += 1
      #expect(
        PassageSplitTests.byteWords(string) == PassageSplitTests.characterWords(string),
        "\(string.unicodeScalars.map(\.value))")
    }
    #expect(splitOnBytes > 500)
  }
}

/// A small seeded generator, so the generated cases are the same on every run.
private struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}
