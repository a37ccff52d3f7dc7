import BatonGit
import BatonSupport
import Testing

@testable import BatonDocuments
@testable import BatonSearch

/// A build keeps the search index's state (`SearchState`) and patches the index when only
/// documents' bodies changed: the files after a patch are, byte for byte and file for file, the
/// ones a build from nothing gives.
@Suite struct SearchStateTests {
  /// 1,500 documents, in the engine's order.
  static let documents = SearchMemoTests.documents

  static func build(_ documents: [Document]) -> SearchIndex.Built {
    SearchIndex.build(
      documents: documents, pageURL: SearchFixtures.pageURL, memo: nil, keepingState: true)
  }

  /// The index of all 1,500 documents, built once for the tests that edit them.
  static let built = build(documents)

  /// Patches the index of `documents` with the documents at `positions` replaced, and compares
  /// it with the index built from the edited documents; returns the patch.
  @discardableResult
  static func patchAndCompare(
    _ documents: [Document], editing positions: [Int], _ edit: (Document) -> String,
    _ what: String
  ) throws -> SearchState.Patched? {
    let before =
      documents.map(\.path) == SearchStateTests.documents.map(\.path) ? built : build(documents)
    let state = try #require(before.state)
    var edited = documents
    for position in positions {
      edited[position] = SearchFixtures.document(
        documents[position].path, edit(documents[position]))
    }
    let changes = try positions.map { try #require(state.state.change(edited[$0]), "\(what)") }
    let old = Dictionary(uniqueKeysWithValues: before.files.map { ($0.path, $0.bytes) })
    guard
      let patched = state.state.patch(
        changes, blob: { state.blobs[$0] }, payloads: { state.payloads[$0] })
    else { return nil }
    var files = old
    for path in patched.removed { files[path] = nil }
    for file in patched.files { files[file.path] = file.bytes }
    let fresh = build(edited)
    let expected = Dictionary(uniqueKeysWithValues: fresh.files.map { ($0.path, $0.bytes) })
    let missing = Set(expected.keys).subtracting(files.keys)
    let extra = Set(files.keys).subtracting(expected.keys)
    #expect(
      missing.isEmpty, "\(what): \(missing.count) files missing, \(missing.sorted().prefix(3))")
    #expect(extra.isEmpty, "\(what): \(extra.count) files too many, \(extra.sorted().prefix(3))")
    for (path, bytes) in expected where files[path] != bytes {
      Issue.record("\(what): \(path) differs from a build from nothing")
    }
    // The next state is the one a build from nothing keeps, and its blobs are too.
    let freshState = try #require(fresh.state)
    #expect(patched.state.shards == freshState.state.shards, "\(what): the shards")
    #expect(patched.state.entries == freshState.state.entries, "\(what): the entries")
    #expect(patched.state.names == freshState.state.names, "\(what): the names")
    #expect(patched.state.groups == freshState.state.groups, "\(what): the groups")
    for shard in patched.state.shards {
      let blob = patched.blobs[shard.hash] ?? state.blobs[shard.hash]
      #expect(blob == freshState.blobs[shard.hash], "\(what): the blob of \(shard.hash)")
    }
    // And so are the payloads of the documents it changed.
    for (number, payloads) in patched.payloads {
      #expect(payloads == freshState.payloads[number], "\(what): the payloads of \(number)")
    }
    #expect(patched.payloads.count == positions.count, "\(what): payloads")
    return patched
  }

  static func text(of document: Document) -> String {
    SearchFixtures.synthetic(count: 1500).first { $0.0 == document.path }?.1 ?? ""
  }

  @Test func aBodyEditIsPatchedIntoTheIndexAsABuildWouldMakeIt() throws {
    let documents = SearchStateTests.documents
    let middle = documents.count / 2
    // A paragraph with words no other document has, and with common ones.
    let patched = try SearchStateTests.patchAndCompare(
      documents, editing: [middle],
      { SearchStateTests.text(of: $0) + "\n## Later\n\nquokka wombat the and of\n" },
      "a new paragraph")
    #expect(patched?.files.contains { $0.path == SearchIndex.manifestPath } == true)

    // A word replaced by another leaves the document's length and its other words' impacts as
    // they were: only the shards of the two words, one excerpt group and the manifest change.
    let replaced = try #require(
      try SearchStateTests.patchAndCompare(
        documents, editing: [middle],
        { document in
          var words = SearchStateTests.text(of: document).split(separator: " ").map(String.init)
          words[words.count - 2] = "zyzzyva"
          return words.joined(separator: " ")
        }, "a word replaced"))
    let shards = replaced.files.filter { $0.path.hasPrefix("search/t/") }.count
    let excerpts = Set(
      replaced.files.filter { $0.path.hasPrefix("search/x/") }.map {
        $0.path.split(separator: "-").first ?? ""
      })
    #expect((1...3).contains(shards), "\(shards) of \(replaced.state.shards.count) shards")
    #expect(excerpts.count == 1)
    #expect(replaced.files.count == shards + SearchStateTests.excerptFiles(replaced) + 1)
  }

  static func excerptFiles(_ patch: SearchState.Patched) -> Int {
    patch.files.filter { $0.path.hasPrefix("search/x/") }.count
  }

  @Test(arguments: [0, 1, 700, 1499])
  func editsAnywhereArePatched(position: Int) throws {
    let documents = SearchStateTests.documents
    try SearchStateTests.patchAndCompare(
      documents, editing: [position],
      { SearchStateTests.text(of: $0).replacingOccurrences(of: " ", with: "  ") + "\nzyzzyva\n" },
      "an edit of document \(position)")
  }

  @Test func removedWordsLeaveTheIndexAndSeveralDocumentsAtOnce() throws {
    let documents = SearchStateTests.documents
    // The last section dropped: words only it held leave the index.
    try SearchStateTests.patchAndCompare(
      documents, editing: [3],
      { document in
        let text = SearchStateTests.text(of: document)
        guard let cut = text.range(of: "\n## ", options: .backwards) else { return text }
        return String(text[..<cut.lowerBound]) + "\n"
      }, "a section removed")
    // Two documents gain the same new word.
    try SearchStateTests.patchAndCompare(
      documents, editing: [10, 11, 900],
      { SearchStateTests.text(of: $0) + "\nbrandnewword shared\n" }, "three documents")
  }

  /// Each patch starts from the last one's state and blobs, as `baton build` does edit after
  /// edit: a word appears in one document and then leaves it again, a section leaves two
  /// documents at once, a common word is added to many; after each, every file, the shards
  /// and every blob are what a build from nothing gives. The index's common words have more
  /// postings than a record's skips are apart (`SearchState.skipEvery`), so postings are
  /// found and spliced past skips, which move when a spliced posting's length changes.
  @Test func patchesOverSeveralEditsGiveWhatABuildGives() throws {
    let original = SearchStateTests.documents
    func text(_ position: Int) -> String { SearchStateTests.text(of: original[position]) }
    func cut(_ position: Int) -> String {
      let text = text(position)
      guard let cut = text.range(of: "\n## ", options: .backwards) else { return text }
      return String(text[..<cut.lowerBound]) + "\n"
    }
    let steps: [(String, [Int: String])] = [
      ("a word appears", [700: text(700) + "\nquokka\n"]),
      ("the word leaves", [700: text(700)]),
      ("sections leave two documents", [3: cut(3), 1200: cut(1200)]),
      ("a common word added to many", [5: text(5) + " the", 600: text(600) + " the the the"]),
      ("all back", [3: text(3), 1200: text(1200), 5: text(5), 600: text(600)]),
    ]
    var documents = original
    var built = try #require(SearchStateTests.built.state)
    var files = Dictionary(
      uniqueKeysWithValues: SearchStateTests.built.files.map { ($0.path, $0.bytes) })
    for (what, edits) in steps {
      for (position, text) in edits {
        documents[position] = SearchFixtures.document(original[position].path, text)
      }
      let positions = edits.keys.sorted()
      let changes = try positions.map { try #require(built.state.change(documents[$0])) }
      let patched = try #require(
        built.state.patch(
          changes, blob: { built.blobs[$0] }, payloads: { built.payloads[$0] }),
        "\(what)")
      for path in patched.removed { files[path] = nil }
      for file in patched.files { files[file.path] = file.bytes }
      let shards = Set(patched.state.shards.map(\.hash))
      built.blobs = built.blobs.filter { shards.contains($0.key) }
      built.blobs.merge(patched.blobs) { $1 }
      for (number, payloads) in patched.payloads { built.payloads[number] = payloads }
      built.state = patched.state

      let fresh = SearchStateTests.build(documents)
      let expected = Dictionary(uniqueKeysWithValues: fresh.files.map { ($0.path, $0.bytes) })
      #expect(Set(files.keys) == Set(expected.keys), "\(what): the files")
      for (path, bytes) in expected where files[path] != bytes {
        Issue.record("\(what): \(path) differs from a build from nothing")
      }
      let freshState = try #require(fresh.state)
      #expect(built.state.shards == freshState.state.shards, "\(what): the shards")
      #expect(built.blobs == freshState.blobs, "\(what): the blobs")
    }
  }

  @Test func aMovedAverageLengthCutsEveryShardAgain() throws {
    let documents = Array(SearchStateTests.documents.prefix(20))
    let before = SearchStateTests.build(documents)
    let patched = try #require(
      try SearchStateTests.patchAndCompare(
        documents, editing: [5],
        {
          SearchStateTests.text(of: $0)
            + String(repeating: "\nmore words here and there", count: 400)
        }, "a long addition"))
    #expect(patched.state.averageLength != before.state?.state.averageLength)
  }

  @Test func damagedBlobsAreNotUsed() throws {
    let before = SearchStateTests.built
    let state = try #require(before.state)
    let edited = SearchFixtures.document(
      SearchStateTests.documents[4].path,
      SearchStateTests.text(of: SearchStateTests.documents[4]) + "\nquokka\n")
    let change = try #require(state.state.change(edited))
    let damaged = state.state.patch(
      [change],
      blob: { hash in state.blobs[hash].map { bytes in bytes.map { $0 ^ 0x5A } } },
      payloads: { state.payloads[$0] })
    #expect(damaged == nil)
    #expect(
      state.state.patch([change], blob: { _ in nil }, payloads: { state.payloads[$0] }) == nil)
    // Missing payloads of the other documents of the group: not guessed at.
    #expect(state.state.patch([change], blob: { state.blobs[$0] }, payloads: { _ in nil }) == nil)
  }

  /// The documents' paths and pages are kept as bytes: the entries are written as a list of
  /// strings and numbers was, read back, and a path found only where its bytes are the same.
  @Test func namesAreFoundByPathAndWrittenAsStrings() throws {
    var names = SearchState.Names()
    let paths = ["a.md", "b.md", "bb.md", "é.md", "e\u{301}.md"]
    for path in paths { names.append(path: path.utf8, url: (path + "/").utf8) }
    #expect(names.numbers(of: ["bb.md", "c.md", "a.md", "e\u{301}.md"]) == [2, nil, 0, 4])
    #expect(names.path(3) == "é.md" && names.url(1) == "b.md/")
    let entries = paths.indices.map {
      SearchState.Entry(length: 100 + $0 * 300, prior: 1 + Double($0) / 3, parts: $0 + 1)
    }
    let state = SearchState(
      entries: entries, names: names, totalLength: 0, averageLength: 1, facets: "", groups: [],
      shards: [])
    var writer = ByteWriter()
    state.writeEntries(to: &writer)
    var list = ByteWriter()
    list.list(Array(zip(paths, entries))) { writer, pair in
      writer.string(pair.0)
      writer.string(pair.0 + "/")
      writer.natural(pair.1.length)
      writer.double(pair.1.prior)
      writer.natural(pair.1.parts)
    }
    #expect(writer.bytes == list.bytes)
    var reader = ByteReader(bytes: writer.bytes + [7])
    let read = try #require(SearchState.readEntries(from: &reader))
    #expect(read.0 == entries && read.1 == names && reader.position == writer.bytes.count)
    var short = ByteReader(bytes: Array(writer.bytes.dropLast()))
    #expect(SearchState.readEntries(from: &short) == nil)
  }

  @Test func blobsReadBackAsWritten() throws {
    let terms = [
      SearchState.Term(
        term: ":kind=decision",
        postings: [SearchState.Posting(document: 3, weight: SearchEngine.Weight(), passage: 0)]),
      SearchState.Term(
        term: "été",
        postings: [
          SearchState.Posting(
            document: 0, weight: SearchEngine.Weight(short: 5, longTwice: 7, named: true),
            passage: 2),
          SearchState.Posting(
            document: 70_000, weight: SearchEngine.Weight(short: 0, longTwice: 2, named: false),
            passage: 0),
        ]),
      SearchState.Term(term: "étés", postings: []),
      // Shorter than the term before it, and sharing nothing with it.
      SearchState.Term(
        term: "a",
        postings: [
          SearchState.Posting(
            document: 9, weight: SearchEngine.Weight(short: 1, longTwice: 1, named: false),
            passage: 1)
        ]),
    ]
    let entry = SearchState.Entry(length: 10, prior: 1, parts: 1)
    let coder = SearchState.PostingCoder(
      entries: Array(repeating: entry, count: 70_001), averageLength: 10)
    let records = terms.map { coder.record($0, origin: 0, holds: []) }
    let blob = SearchState.blob(records)
    let read = try #require(SearchState.records(blob, origin: 0))
    #expect(read.map(\.term) == terms.map(\.term))
    #expect(read.map { Array($0.text) } == records.map { Array($0.text) })
    #expect(read.map { SearchState.postings(of: $0) } == terms.map(\.postings))
    #expect(SearchState.records(Array(blob.dropLast()), origin: 0) == nil)
    // A byte past the last term, or a term cut short, sealed again: damaged all the same.
    let unsealed = try #require(CacheFile.unsealed(blob))
    #expect(SearchState.records(CacheFile.sealed(unsealed + [0]), origin: 0) == nil)
    #expect(SearchState.records(CacheFile.sealed(Array(unsealed.dropLast())), origin: 0) == nil)
    // A blob of the format before (no marker) is not taken for one.
    let unmarked = Array(unsealed.dropFirst(SearchState.blobMarker.count))
    #expect(SearchState.records(CacheFile.sealed(unmarked), origin: 0) == nil)
  }
}
