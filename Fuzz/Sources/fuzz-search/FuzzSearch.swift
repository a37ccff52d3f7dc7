@testable import BatonSearch
@testable import BatonSource

/// The search tokenizer (tokens, terms, folding, stemming) and the query parser, run against a
/// small engine.
func fuzzSearch(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let data else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
  for token in SearchTokenizer.tokens(text) { _ = token }
  for term in SearchTokenizer.terms(text) {
    _ = SearchTokenizer.stem(SearchTokenizer.fold(term))
  }
  _ = SearchEngine.queryTerms(text)
  _ = engine.search(SearchQuery(text, limit: 5))
  return 0
}

/// A two-document engine, made once.
nonisolated(unsafe) let engine: SearchEngine = {
  let files = [
    (
      path: "decisions/0001-use-postgres.md",
      text: "---\nstatus: accepted\ntags: [db]\n---\n# Use Postgres\n\n## Context\n\nRows.\n"
    ),
    (path: "handbook/on-call.md", text: "# On call\n\n## Summary\n\nPager duty for @ada.\n"),
  ]
  let corpus = (try? LoadedSource.inMemory(files: files).parse().assemble())
  guard let corpus else { fatalError("the fuzz corpus does not load") }
  return SearchEngine(corpus: corpus, pageURL: { $0.path })
}()
