import BatonSupport
import Testing

/// The byte searches for an ASCII character give what the `Character` searches give, also where
/// a scalar beside the byte joins it into a larger character.
@Suite struct ASCIICharacterSearchTests {
  static let texts: [String] = [
    "", "/", "//", "a/b/c", "/a//b/", "pages.pt_PT/cisco-ios/kahize.md", "no separator",
    "Key: value: more", "Könyvtár ou files: nafi", "日本語/中文/한국어", "über/straße/",
    // A combining acute accent after the byte, and a prepended sign (U+0600) before it: the
    // byte is then part of a larger character, and not the character searched for.
    "a/\u{301}b/c", "x:\u{301}y:z", "\u{600}/a/b", "\u{600}:a:b", "a.\u{301}b.c",
    // CR LF is one character: "\n" alone is not in it.
    "one\r\ntwo\nthree", "\r\n\r\n", "a\rb\r\nc",
  ]
  static let characters: [Character] = ["/", ":", ".", "\n", "\r", "#"]

  @Test func firstAndLastIndexAreTheCharacters() {
    for text in ASCIICharacterSearchTests.texts {
      for character in ASCIICharacterSearchTests.characters {
        #expect(
          text.firstIndex(ofASCII: character) == text.firstIndex(of: character),
          "first \(character.debugDescription) in \(text.debugDescription)")
        #expect(
          text.lastIndex(ofASCII: character) == text.lastIndex(of: character),
          "last \(character.debugDescription) in \(text.debugDescription)")
        let tail = text.dropFirst()
        #expect(tail.firstIndex(ofASCII: character) == tail.firstIndex(of: character))
      }
    }
  }

  @Test func splitAndCountAreTheCharacters() {
    for text in ASCIICharacterSearchTests.texts {
      for character in ASCIICharacterSearchTests.characters {
        let expected = text.split(separator: character)
        #expect(
          text.split(onASCII: character) == expected,
          "split on \(character.debugDescription): \(text.debugDescription)")
        #expect(text.countParts(splitOnASCII: character) == expected.count)
      }
    }
  }

  @Test func aJoiningNeighbourIsNotASeparator() {
    #expect("a/\u{301}b/c".split(onASCII: "/") == ["a/\u{301}b", "c"])
    #expect("x:\u{301}y:z".firstIndex(ofASCII: ":") == "x:\u{301}y:z".firstIndex(of: ":"))
    #expect("one\r\ntwo\nthree".split(onASCII: "\n") == ["one\r\ntwo", "three"])
  }
}
