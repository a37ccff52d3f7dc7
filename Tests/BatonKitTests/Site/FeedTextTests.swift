import BatonSupport
import Foundation
import Testing

@testable import BatonSite

/// The text a feed and the sitemap hold: XML's five entities, and none of the characters XML 1.0
/// cannot hold; timestamps in their author's offset.
@Suite struct FeedTextTests {
  @Test func entitiesAndCharactersXMLCannotHold() {
    #expect(XML.escape("a & b <c> \"d\" 'e'") == "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;")
    // Tab, line feed and carriage return stay; other controls, U+FFFE and U+FFFF go.
    #expect(XML.escape("a\tb\nc\rd\u{0}e\u{1B}f\u{1F}g") == "a\tb\nc\rdefg")
    #expect(XML.escape("x\u{FFFE}y\u{FFFF}z\u{FFFD}\u{FFEF}") == "xyz\u{FFFD}\u{FFEF}")
    #expect(XML.escape("Équipe — 日本 😀 \u{7F}") == "Équipe — 日本 😀 \u{7F}")
    #expect(XML.escape("") == "")
  }

  @Test func timestampsInTheirAuthorsOffset() {
    let date = Date(timeIntervalSince1970: 1_764_000_000)  // 2025-11-24T16:00:00Z
    #expect(ISODate.string(date, offsetMinutes: 0) == "2025-11-24T16:00:00+00:00")
    #expect(ISODate.string(date, offsetMinutes: 330) == "2025-11-24T21:30:00+05:30")
    #expect(ISODate.string(date, offsetMinutes: -600) == "2025-11-24T06:00:00-10:00")
    #expect(
      ISODate.string(date.addingTimeInterval(-57_600 + 9), offsetMinutes: -1)
        == "2025-11-23T23:59:09-00:01")
  }
}
