import Testing

@testable import BatonSearch

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
    "東京タワー。 Postgres数据库迁移 한국어 ﾀﾜｰ", "ひらがなカタカナ がぎぐ か\u{3099}き ゟヿ ﾀﾞ゛カ゜",
    "ㄱㅏ 가\u{11A8}나 ㇰㇱ ゝゞヽヾ 学校ガッコウ", "𠀀𠀁 𝒜𝒷𝒸 😀 🚀 launch", "ＦＵＬＬ ｗｉｄｔｈ",
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
      "ﾀ", "😀", "𝒜", "\u{301}", "Σ", "ς", "İ", "x", "Q", "s", "ies", "ss", ",", "ǅ", "か",
      "が", "\u{3099}", "゛", "ゟ", "ｶ", "ﾞ", "ー", "ᄀ", "\u{1161}", "\u{11A8}", "ㄱ", "Я", "ж",
      "ק", "ك", "ह", "\u{94D}", "ก", "\u{E33}", "ά",
    ]
    for _ in 0..<2000 {
      let text = (0..<(1 + random.next(24))).map { _ in pieces[random.next(pieces.count)] }
        .joined()
      #expect(
        SearchTokenizer.tokens(text) == ReferenceTokenizer.tokens(text), "\(text.debugDescription)")
    }
  }
}

/// The memo of folded words a collector keeps across the documents it reads.
@Suite struct SearchFoldMemoTests {
  /// Tokens of each text, scanned one after another with one memo.
  static func tokensSharingAMemo(_ texts: [String]) -> [[SearchTokenizer.Token]] {
    var memo = SearchTokenizer.FoldMemo()
    return texts.map { text in
      var tokens: [SearchTokenizer.Token] = []
      SearchTokenizer.scan(text, memo: &memo) { bytes, role in
        tokens.append(
          SearchTokenizer.Token(term: String(decoding: bytes, as: UTF8.self), role: role))
      }
      return tokens
    }
  }

  @Test func aSharedMemoGivesTheTokensOfEachTextAlone() {
    let texts =
      SearchTokenizerOracleTests.samples + SearchTokenizerOracleTests.samples.reversed()
      + ["Ünïcödé wörds ÜNÏCÖDÉ Wörds", "ÉcoleNormale écolenormale Écolenormale", "Straße STRASSE"]
    #expect(SearchFoldMemoTests.tokensSharingAMemo(texts) == texts.map(SearchTokenizer.tokens))
  }

  @Test func aFullMemoStartsAgainAndStillFolds() {
    var memo = SearchTokenizer.FoldMemo()
    let words = (0..<(SearchTokenizer.FoldMemo.capacity + 10)).map { "Wört\($0)" }
    var folded: [String] = []
    for word in words {
      Array(word.utf8).withUnsafeBufferPointer {
        let forms = memo.fold($0)
        folded.append(memo.withForm(forms.lowerBound) { String(decoding: $0, as: UTF8.self) })
      }
    }
    #expect(memo.words.count <= SearchTokenizer.FoldMemo.capacity)
    #expect(folded == words.map { SearchTokenizer.fold($0) })
  }

  /// CJK runs of Han ideographs, Hangul syllables and most kana skip folding: folding leaves
  /// them as they are, scalar for scalar (a String compares by canonical equivalence, which is
  /// not enough), alone and next to each other.
  @Test func hanHangulAndKanaFoldToThemselves() {
    func folded(_ values: [UInt32]) -> [UInt32] {
      var text = String.UnicodeScalarView()
      for value in values { text.append(Unicode.Scalar(value)!) }
      return SearchTokenizer.fold(String(text)).unicodeScalars.map(\.value)
    }
    let ranges: [ClosedRange<UInt32>] = [0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3]
    for range in ranges {
      for value in stride(from: range.lowerBound, through: range.upperBound, by: 7) {
        #expect(SearchTokenizer.keepsItself(value))
        #expect(folded([value]) == [value], "U+\(String(value, radix: 16))")
      }
    }
    let kana = (UInt32(0x3040)...0x31FF).filter(SearchTokenizer.keepsItself)
    #expect(kana.count == 86 + 2 + 95 + 16)
    for first in kana {
      for second in kana {
        #expect(folded([first, second]) == [first, second])
      }
      #expect(folded([0xAC00, first, 0x4E00]) == [0xAC00, first, 0x4E00])
    }
    for other: UInt32 in [0xF900, 0x3099, 0x309B, 0x309F, 0x30FF, 0xFF76, 0x1161, 0x3131] {
      #expect(!SearchTokenizer.keepsItself(other))
    }
    #expect(folded([0xF900]) == [0x8C48])  // a compatibility ideograph decomposes
    #expect(folded([0x304B, 0x3099]) == [0x304C])  // か and a voiced mark compose to が
  }

  /// The table of classes below U+3000 agrees with the Unicode properties it is made from.
  @Test func classesAgreeWithTheProperties() {
    for value in UInt32(0)..<0x3000 {
      let scalar = Unicode.Scalar(value)!
      #expect(SearchTokenizer.classify(scalar) == SearchTokenizer.lookUpClass(scalar))
    }
    #expect(SearchTokenizer.classify("ж") == .word)
    #expect(SearchTokenizer.classify("\u{2019}") == .joiner)
    #expect(SearchTokenizer.classify("\u{2014}") == .other)
    #expect(SearchTokenizer.classify("\u{1100}") == .cjk)
  }
}
