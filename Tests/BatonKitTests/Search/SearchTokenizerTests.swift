import Testing

@testable import BatonKit

@Suite struct SearchTokenizerTests {
  @Test func foldsCaseAndDiacritics() {
    #expect(SearchTokenizer.terms("Café NAÏVE Ångström") == ["cafe", "naive", "angstrom"])
    #expect(SearchTokenizer.terms("Straße") == ["strasse"])
    #expect(SearchTokenizer.terms("ＦＵＬＬ") == ["full"])
    #expect(SearchTokenizer.terms("ΟΔΟΣ οδος") == ["οδοσ", "οδοσ"])
    #expect(SearchTokenizer.terms("İstanbul") == ["istanbul"])
  }

  @Test func keepsOtherScripts() {
    #expect(SearchTokenizer.terms("Привет, мир") == ["привет", "мир"])
    #expect(SearchTokenizer.terms("हिन्दी") == ["हिन्दी"])
  }

  @Test func splitsCJKIntoBigrams() {
    let tokens = SearchTokenizer.tokens("数据库")
    #expect(tokens.map(\.term) == ["数据", "据库", "库"])
    #expect(tokens.map(\.role) == [.base, .base, .part])
    #expect(SearchTokenizer.tokens("数").map(\.role) == [.base])
    #expect(SearchTokenizer.terms("東京タワー。") == ["東京", "京タ", "タワ", "ワー", "ー"])
    #expect(SearchTokenizer.terms("한국어 검색") == ["한국", "국어", "어", "검색", "색"])
    #expect(SearchTokenizer.terms("Postgres数据") == ["postgre", "数据", "据"])
  }

  @Test func splitsCodeIdentifiers() {
    let camel = SearchTokenizer.tokens("parseHeaders")
    #expect(camel.map(\.term) == ["parseheader", "parse", "header"])
    #expect(camel.map(\.role) == [.base, .part, .part])
    #expect(SearchTokenizer.terms("HTTPServer") == ["httpserver", "http", "server"])
    let snake = SearchTokenizer.tokens("snake_case")
    #expect(snake.map(\.term) == ["snake", "case", "snakecase"])
    #expect(snake.map(\.role) == [.base, .base, .compound])
    #expect(SearchTokenizer.terms("v1.2") == ["v1", "2", "v12"])
    #expect(SearchTokenizer.terms("ADR-0042") == ["adr", "0042", "adr0042"])
    #expect(SearchTokenizer.terms("end. Next") == ["end", "next"])
  }

  @Test func dropsPunctuation() {
    #expect(SearchTokenizer.terms("(hello), world! — «quoted» …") == ["hello", "world", "quoted"])
    #expect(SearchTokenizer.terms("a/b c:d") == ["a", "b", "c", "d"])
    #expect(SearchTokenizer.terms("🚀 launch") == ["launch"])
    #expect(SearchTokenizer.terms("") == [])
  }

  @Test func stemsPlurals() {
    #expect(SearchTokenizer.stem("policies") == "policy")
    #expect(SearchTokenizer.stem("deployments") == "deployment")
    #expect(SearchTokenizer.stem("classes") == "class")
    #expect(SearchTokenizer.stem("uses") == "use")
    #expect(SearchTokenizer.stem("process") == "process")
    #expect(SearchTokenizer.stem("status") == "status")
    #expect(SearchTokenizer.stem("analysis") == "analysis")
    #expect(SearchTokenizer.stem("bus") == "bus")
    #expect(SearchTokenizer.stem("café") == "café")
  }
}

/// The byte tokeniser against the first, scalar-array one (`ReferenceTokenizer`).
@Suite struct SearchTokenizerOracleTests {
  static let samples = [
    "parseHTTPHeaders and XMLHttpRequest2Go", "ABC", "aB", "Ab", "ABc", "a1B2", "HTTP2Server",
    "snake_case.file-name's v1.2.3", "end.", ".start", "a..b", "a._b", "it’s", "x'", "'y",
    "Policies deployments classes bus this ties ies sses kisses passes", "CAFÉ Café cafés",
    "naïveCamelCase ÉcoleNormale", "Straße ŒUVRE Æsir ǅemal", "ΟΔΟΣ οδος", "İstanbul",
    "東京タワー。 Postgres数据库迁移 한국어 ﾀﾜｰ", "𠀀𠀁 𝒜𝒷𝒸 😀 🚀 launch", "ＦＵＬＬ ｗｉｄｔｈ",
    "tab\tnew\nline\r\ncr", "a\u{301}b e\u{0301}cole", "\u{0600}x", "\u{2028}x\u{2029}y",
    String(repeating: "verylongword", count: 5) + " short",
    "ADR-0042 adr42 0042 #42 @bob team-1", "a-", "-", "", "   ", "ǈx Ǉ", "ﬁle ﬂow",
  ]

  @Test(arguments: samples)
  func agreesWithTheReference(_ text: String) {
    #expect(SearchTokenizer.tokens(text) == ReferenceTokenizer.tokens(text))
  }

  @Test func agreesOnGeneratedText() {
    var random = SearchFixtures.Generator(state: 7)
    let pieces = [
      "a", "Z", "0", "9", "_", ".", "-", "'", "’", " ", "\n", "é", "É", "ß", "数", "京", "한",
      "ﾀ", "😀", "𝒜", "\u{301}", "Σ", "ς", "İ", "x", "Q", "s", "ies", "ss", ",", "ǅ",
    ]
    for _ in 0..<2000 {
      let text = (0..<(1 + random.next(24))).map { _ in pieces[random.next(pieces.count)] }
        .joined()
      #expect(
        SearchTokenizer.tokens(text) == ReferenceTokenizer.tokens(text), "\(text.debugDescription)")
    }
  }
}
