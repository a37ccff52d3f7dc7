import Testing

@testable import BatonSearch

/// `SearchState.replacing` finds the changed documents' postings in a shard's records, splices
/// or encodes again the records they change, and says whether the shard changed: checked
/// against the plain way (every posting looked at, the terms compared whole) on generated
/// shards.
@Suite struct SearchStateReplacingTests {
  typealias Term = SearchState.Term
  typealias Posting = SearchState.Posting

  /// A small deterministic generator (the tests must not depend on the system's random source).
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  static func posting(_ document: Int32, _ generator: inout Generator) -> Posting {
    Posting(
      document: document,
      weight: SearchEngine.Weight(
        short: Int32(generator.next(3)), longTwice: Int32(generator.next(4)),
        named: generator.next(2) == 0),
      passage: Int32(generator.next(3)))
  }

  /// Terms in the index's order, each with postings of a few of `documents` documents, in order.
  static func terms(_ generator: inout Generator, documents: Int) -> [Term] {
    let words = (0..<40).map { "w\($0 % 7)\($0)" } + [":kind:page", ":tag:a"]
    return Set(words).sorted(by: SearchEngine.precedes).map { word in
      let postings = (0..<Int32(documents)).filter { _ in generator.next(3) == 0 }
      // Facet postings have no weights or passages, as the index makes them.
      guard !word.hasPrefix(":") else {
        return Term(
          term: word,
          postings: postings.map {
            Posting(document: $0, weight: SearchEngine.Weight(), passage: 0)
          })
      }
      return Term(term: word, postings: postings.map { posting($0, &generator) })
    }.filter { !$0.postings.isEmpty }
  }

  /// What `replacing` gave before: every posting of every term tested against the numbers.
  static func plain(_ numbers: Set<Int32>, in terms: [Term], with added: [Term]) -> [Term] {
    func insert(_ postings: [Posting], into term: inout Term) {
      for posting in postings {
        let at = term.postings.firstIndex { $0.document > posting.document }
        term.postings.insert(posting, at: at ?? term.postings.endIndex)
      }
    }
    var additions: [Term] = []
    for term in added.sorted(by: { SearchEngine.precedes($0.term, $1.term) }) {
      if let last = additions.last, last.term == term.term {
        insert(term.postings, into: &additions[additions.count - 1])
      } else {
        additions.append(term)
      }
    }
    var result: [Term] = []
    var next = 0
    for var term in terms {
      while next < additions.count, SearchEngine.precedes(additions[next].term, term.term) {
        result.append(additions[next])
        next += 1
      }
      if !term.isFacet { term.postings.removeAll { numbers.contains($0.document) } }
      if next < additions.count, additions[next].term == term.term {
        insert(additions[next].postings, into: &term)
        next += 1
      }
      if !term.postings.isEmpty { result.append(term) }
    }
    return result + additions[next...]
  }

  @Test(arguments: 0..<300)
  func replacingGivesWhatThePlainWayGives(seed: Int) throws {
    var generator = Generator(state: UInt64(seed) &+ 17)
    // Half the shards have terms of more postings than skips are apart.
    let documents = 1 + generator.next(seed % 2 == 0 ? 30 : 400)
    let terms = Self.terms(&generator, documents: documents)
    let numbers = Set((0..<(1 + generator.next(3))).map { _ in Int32(generator.next(documents)) })
    var added: [Term] = []
    for number in numbers {
      // Half the time a document comes back with the very postings it had.
      let same = generator.next(2) == 0
      for term in terms where !term.isFacet {
        if same, let kept = term.postings.first(where: { $0.document == number }) {
          added.append(Term(term: term.term, postings: [kept]))
        } else if !same, generator.next(3) == 0 {
          added.append(Term(term: term.term, postings: [Self.posting(number, &generator)]))
        }
      }
      if !same, generator.next(2) == 0 {
        added.append(
          Term(term: "new\(generator.next(5))", postings: [Self.posting(number, &generator)]))
      }
    }
    let expected = Self.plain(numbers, in: terms, with: added)
    let (replaced, changed) = try #require(
      Self.replacing(numbers.sorted(), in: terms, with: added, documents: documents))
    #expect(replaced.map { SearchState.postings(of: $0) } == expected.map(\.postings))
    #expect(replaced.map(\.term) == expected.map(\.term))
    #expect(changed == (expected != terms))
    // The records spliced or encoded again are the ones made from the terms afresh.
    let coder = Self.coder(documents)
    let fresh = expected.map { coder.record($0, origin: nil, holds: []) }
    #expect(replaced.map { Array($0.text) } == fresh.map { Array($0.text) })
    #expect(replaced.map { Array($0.weights) } == fresh.map { Array($0.weights) })
    #expect(replaced.map { Array($0.skips) } == fresh.map { Array($0.skips) })
    // Each record knows which of the changed documents it holds (a shard's bitmap is made
    // from that), facet terms included.
    for (record, term) in zip(replaced, expected) {
      let holds = term.postings.map(\.document).filter { numbers.contains($0) }
      #expect(record.holds == holds, "\(term.term)")
    }
  }

  /// A coder over `documents` documents of different lengths and priors.
  static func coder(_ documents: Int) -> SearchState.PostingCoder {
    let entries = (0..<documents).map {
      SearchState.Entry(length: 5 + $0 * 7 % 40, prior: 1 + Double($0 % 3) / 4, parts: 1)
    }
    return SearchState.PostingCoder(entries: entries, averageLength: 24)
  }

  /// `SearchState.replacing` over the records of `terms`.
  static func replacing(
    _ numbers: [Int32], in terms: [Term], with added: [Term], documents: Int
  ) -> (records: [SearchState.Record], changed: Bool)? {
    let coder = Self.coder(documents)
    let records = terms.map { coder.record($0, origin: 0, holds: []) }
    return SearchState.replacing(
      numbers, in: records, with: added, coder: coder, recomputing: false)
  }

  @Test func aDocumentGivenItsOwnPostingsBackChangesNothing() throws {
    var generator = Generator(state: 5)
    let terms = Self.terms(&generator, documents: 12)
    let number: Int32 = 4
    let added = terms.compactMap { term -> Term? in
      guard !term.isFacet, let kept = term.postings.first(where: { $0.document == number }) else {
        return nil
      }
      return Term(term: term.term, postings: [kept])
    }
    let (replaced, changed) = try #require(
      Self.replacing([number], in: terms, with: added, documents: 12))
    #expect(replaced.map { SearchState.postings(of: $0) } == terms.map(\.postings))
    #expect(!changed)
    let (_, dropped) = try #require(
      Self.replacing([number], in: terms, with: Array(added.dropFirst()), documents: 12))
    #expect(dropped == !added.isEmpty)
  }
}
