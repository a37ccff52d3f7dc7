import Testing

@testable import BatonDocuments
@testable import BatonSearch

/// `baton serve` reads into the search index again only the runs of documents that changed
/// (`SearchMemo`), and the index is the same as one built from nothing.
@Suite struct SearchMemoTests {
  /// 1,500 documents, in the engine's order (newest first).
  static let documents: [Document] = {
    let parsed = SearchFixtures.synthetic(count: 1500).map { SearchFixtures.document($0.0, $0.1) }
    return ordered(parsed)
  }()

  static func ordered(_ documents: [Document]) -> [Document] {
    documents.sorted { ($0.date?.ordinal ?? 0, $1.path) > ($1.date?.ordinal ?? 0, $0.path) }
  }

  static func paths(_ runs: [Range<Int>], _ documents: [Document]) -> [[String]] {
    runs.map { documents[$0].map(\.path) }
  }

  @Test func runsEndWhereTheDocumentsSayNotEveryNDocuments() throws {
    let documents = SearchMemoTests.documents
    let runs = SearchEngine.runs(documents)
    #expect(runs.count >= 4)
    #expect(runs.first?.lowerBound == 0 && runs.last?.upperBound == documents.count)
    #expect(zip(runs, runs.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
    #expect(runs.allSatisfy { !$0.isEmpty && $0.count <= SearchEngine.maximumRun })

    // A document added near the front (the newest) and one removed change one run each; the
    // others hold the same documents as before.
    let before = Set(SearchMemoTests.paths(runs, documents))
    var changed = documents
    changed.insert(SearchFixtures.document("decisions/9999-new.md", "# New\n"), at: 1)
    changed.remove(at: documents.count / 2)
    let after = Set(SearchMemoTests.paths(SearchEngine.runs(changed), changed))
    #expect(before.subtracting(after).count <= 2)
    #expect(after.subtracting(before).count <= 3)
    #expect(before.intersection(after).count >= runs.count - 2)
  }

  @Test func onlyTheRunOfAChangedDocumentIsReadAgain() throws {
    let documents = SearchMemoTests.documents
    let first = SearchEngine(
      documents: documents, pageURL: SearchFixtures.pageURL, memo: SearchMemo())
    #expect(!first.memo.chunks.isEmpty)
    // Marks every entry the memo holds, to tell a run taken from it from a run read again.
    var marked = Array(first.memo.chunks.values)
    for chunk in marked.indices {
      for entry in marked[chunk].entries.indices { marked[chunk].entries[entry].title = "memo" }
    }
    let memo = SearchMemo(marked)

    // The same documents: every run is taken.
    let again = SearchEngine.collect(documents, memo: memo)
    #expect(again.allSatisfy { $0.entries.allSatisfy { $0.title == "memo" } })

    // One document parsed again (same path, same text, a new body): its run alone is read.
    var edited = documents
    let position = documents.count / 3
    edited[position] = SearchFixtures.document(
      documents[position].path,
      SearchFixtures.synthetic(count: 1500).first { $0.0 == documents[position].path }!.1)
    let chunks = SearchEngine.collect(edited, memo: memo)
    #expect(chunks.count == SearchEngine.runs(edited).count)
    let read = chunks.filter { $0.entries.contains { $0.title != "memo" } }
    #expect(read.count == 1)
    #expect(read.first?.sources.contains { $0.path == documents[position].path } == true)
    #expect(read.first?.entries.allSatisfy { $0.title != "memo" } == true)
  }

  @Test func theIndexBuiltWithTheMemoIsTheIndexBuiltWithout() throws {
    let documents = SearchMemoTests.documents
    let first = SearchEngine(
      documents: documents, pageURL: SearchFixtures.pageURL, memo: SearchMemo())
    #expect(!first.memo.chunks.isEmpty)
    var edited = documents
    let position = documents.count / 2
    // The same date, so the document stays in its run; and a document added.
    let text = SearchFixtures.synthetic(count: 1500).first { $0.0 == documents[position].path }!.1
    edited[position] = SearchFixtures.document(
      documents[position].path, text + "\n## Edited\n\nquorum zeppelin\n")
    edited.append(SearchFixtures.document("handbook/added.md", "# Added\n\nA new zeppelin page.\n"))

    let memoized = SearchIndex.build(
      documents: edited, pageURL: SearchFixtures.pageURL, memo: first.memo)
    let fresh = SearchIndex.build(documents: edited, pageURL: SearchFixtures.pageURL, memo: nil)
      .files

    let expected = Dictionary(uniqueKeysWithValues: fresh.map { ($0.path, $0.bytes) })
    #expect(memoized.files.count == fresh.count)
    for file in memoized.files where expected[file.path] != file.bytes {
      Issue.record("\(file.path) differs or is missing when built without the memo")
    }
    let engine = SearchEngine(documents: edited, pageURL: SearchFixtures.pageURL, memo: first.memo)
    #expect(
      engine.search(SearchQuery("zeppelin")).map(\.path).sorted()
        == [documents[position].path, "handbook/added.md"].sorted())
  }

  @Test func aDocumentWithoutABodyIsNeverTakenFromTheMemo() throws {
    var document = SearchFixtures.document("handbook/a.md", "# A\n")
    document.body = nil
    let chunks = SearchEngine.collect([document])
    #expect(SearchMemo(chunks).chunk(for: [document][...]) == nil)
    let withBody = SearchFixtures.document("handbook/a.md", "# A\n")
    #expect(SearchMemo(SearchEngine.collect([withBody])).chunk(for: [withBody][...]) != nil)
  }
}
