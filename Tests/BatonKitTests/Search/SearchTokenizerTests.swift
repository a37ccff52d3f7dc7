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
