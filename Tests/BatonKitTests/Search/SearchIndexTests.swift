import Foundation
import Testing

@testable import BatonSearch
@testable import BatonSupport

@Suite struct SearchIndexTests {
  @Test func bytesAreDeterministic() {
    let files = SearchFixtures.handbook + SearchFixtures.synthetic(count: 200)
    let first = SearchIndex.build(
      corpus: SearchFixtures.corpus(files), pageURL: SearchFixtures.pageURL)
    let second = SearchIndex.build(
      corpus: SearchFixtures.corpus(files.reversed()), pageURL: SearchFixtures.pageURL)
    #expect(first == second)
    #expect(first.map(\.path) == first.map(\.path).sorted())
    #expect(Set(first.map(\.path)).count == first.count)
  }

  @Test func filesAreScriptsNamedByTheirContent() throws {
    let files = SearchIndex.build(
      corpus: SearchFixtures.corpus(SearchFixtures.handbook + SearchFixtures.synthetic(count: 400)),
      pageURL: SearchFixtures.pageURL)
    #expect(files.contains { $0.path == SearchIndex.manifestPath })
    #expect(files.filter { $0.path.hasPrefix("search/t/") }.count > 1, "the index is sharded")
    // Excerpt files are named by their group's hash, over all the group's payloads in order
    // (each document's parts, which the files hold four documents at a time).
    var groups: [String: [(document: Int, part: Int, payload: [UInt8])]] = [:]
    for file in files where file.path.hasPrefix("search/x/") {
      let name = file.path.dropFirst("search/x/".count).dropLast(".js".count)
      let fields = name.split(separator: "-")
      try #require(fields.count == 3, "\(file.path)")
      let bundle = try #require(Int(fields[1]))
      let part = try #require(Int(fields[2]))
      let members = SearchIndexTests.elements(try SearchIndexTests.payload(of: file))
      #expect((1...SearchIndex.bundleSize).contains(members.count))
      #expect(members.last != "null", "\(file.path) ends with a document that has its part")
      for (slot, member) in members.enumerated() where member != "null" {
        groups[String(fields[0]), default: []].append(
          (bundle * SearchIndex.bundleSize + slot, part, Array(member.utf8)))
      }
    }
    #expect(groups.count == (400 + SearchFixtures.handbook.count + 15) / 16)
    for (hash, members) in groups {
      let ordered = members.sorted { ($0.document, $0.part) < ($1.document, $1.part) }
      #expect(SearchIndex.contentHash(SearchIndex.groupBytes(ordered.map(\.payload))) == hash)
    }
    for file in files {
      #expect(file.path.hasPrefix("search/"))
      let text = String(decoding: file.bytes, as: UTF8.self)
      #expect(text.hasPrefix("window.__batonSearch.put(\""))
      #expect(text.hasSuffix(");\n"))
      guard file.path != SearchIndex.manifestPath else { continue }
      let name = String(file.path.dropFirst("search/".count).dropLast(".js".count))
      let payload = try SearchIndexTests.payload(of: file)
      #expect(text.hasPrefix("window.__batonSearch.put(\"\(name)\","))
      if !name.hasPrefix("x/") { #expect(name.hasSuffix(SearchIndex.contentHash(payload))) }
    }
  }

  @Test func aLongDocumentSpreadsItsPassagesOverFiles() throws {
    let files = SearchFixtures.handbook + [SearchFixtures.longPage]
    let engine = SearchFixtures.engine(files)
    // Every file of a document starts with its metadata, the page's address among them.
    let parts = SearchIndex.build(engine: engine).filter {
      $0.path.hasPrefix("search/x/")
        && String(decoding: $0.bytes, as: UTF8.self).contains("handbook/long-runbook/index.html")
    }
    // 42 headings' passages, 16 to a file, numbered from 0.
    #expect(parts.count == 3)
    #expect(
      parts.map { $0.path.split(separator: "-").last ?? "" }.sorted() == ["0.js", "1.js", "2.js"])
    let late = try #require(engine.search(SearchQuery("markbl")).first)
    #expect(late.anchor == "step-37")
    #expect(late.excerpt.contains("markbl"))
  }

  /// Six documents, one of them with three parts: two bundles, the long document's with a file
  /// for each of its parts, `null` for documents without one.
  static let bundled: [(String, String)] =
    (0..<5).map { index in
      let word = "bundleword" + String(Array("abcde")[index])
      return (
        "handbook/page-\(index).md",
        "# Page \(index)\n\n## Notes\n\nPage \(index) alone mentions \(word) here.\n"
      )
    } + [SearchFixtures.longPage]

  @Test func fourDocumentsShareEachExcerptFile() throws {
    let engine = SearchFixtures.engine(SearchIndexTests.bundled)
    let files = SearchIndex.build(engine: engine)
    let manifest = try #require(files.first { $0.path == SearchIndex.manifestPath })
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(SearchIndexTests.payload(of: manifest).utf8))
        as? [String: Any])
    #expect(object["bundle"] as? Int == 4)
    let groups = try #require(object["groups"] as? [String])
    #expect(groups.count == 1)
    let long = try #require(engine.entries.firstIndex { $0.path == "handbook/long-runbook.md" })
    let parts = { (number: Int) in
      SearchIndex.parts(passages: engine.entries[number].passages.count)
    }
    #expect(parts(long) == 3)
    // Bundle 0 holds documents 0-3, bundle 1 documents 4-5: one file per part of its longest.
    var expected: [String: [Int?]] = [:]
    for bundle in 0..<2 {
      let numbers = (bundle * 4)..<min(6, bundle * 4 + 4)
      for part in 0..<(numbers.map(parts).max() ?? 0) {
        var slots: [Int?] = numbers.map { parts($0) > part ? $0 : nil }
        while let last = slots.last, last == nil { slots.removeLast() }
        expected["search/x/\(groups[0])-\(bundle)-\(part).js"] = slots
      }
    }
    let excerpts = files.filter { $0.path.hasPrefix("search/x/") }
    #expect(Set(excerpts.map(\.path)) == Set(expected.keys))
    #expect(excerpts.count == 4)
    for file in excerpts {
      let members = SearchIndexTests.elements(try SearchIndexTests.payload(of: file))
      let slots = try #require(expected[file.path])
      #expect(members.count == slots.count, "\(file.path)")
      for (member, number) in zip(members, slots) {
        #expect((member == "null") == (number == nil), "\(file.path)")
      }
    }
    // The client's lookup: the file named from the manifest and a posting, and the document's
    // place in it, hold the document's page and the passage.
    for (number, entry) in engine.entries.enumerated() {
      for passage in entry.passages.indices {
        let part = passage / 16
        let path = "search/x/\(groups[number / 16])-\(number / 4)-\(part).js"
        let file = try #require(files.first { $0.path == path }, "\(number) \(passage)")
        let bundle = try #require(
          try JSONSerialization.jsonObject(with: Data(SearchIndexTests.payload(of: file).utf8))
            as? [Any])
        let member = try #require(bundle[number % 4] as? [Any])
        let record = try #require(member[0] as? [Any])
        #expect(record[5] as? String == engine.urls[number])
        let texts = try #require(member[1] as? [[String]])
        #expect(texts[passage - part * 16][1] == entry.passages[passage].text)
      }
    }
  }

  @Test func anAlertsMarkerNeverReachesAnExcerpt() throws {
    let page = (
      "handbook/backups.md",
      "---\nowner: '@ada'\n---\n# Backups\n\n## Summary\n\n> [!WARNING]\n"
        + "> Snapshots expire after zanzibar days.\n"
    )
    let engine = SearchFixtures.engine(SearchFixtures.handbook + [page])
    let hit = try #require(engine.search(SearchQuery("zanzibar")).first)
    #expect(hit.excerpt.contains("zanzibar"))
    #expect(!hit.excerpt.contains("[!") && !hit.excerpt.contains("WARNING"))
    let warning = engine.search(SearchQuery("warning")).map(\.path)
    #expect(!warning.contains("handbook/backups.md"))
  }

  @Test func shardsCloseBetweenWordFamiliesAndCoverTheirTerms() throws {
    let engine = SearchFixtures.engine(SearchFixtures.synthetic(count: 900))
    let files = SearchIndex.build(engine: engine)
    let manifest = try #require(files.first { $0.path == SearchIndex.manifestPath })
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(SearchIndexTests.payload(of: manifest).utf8))
        as? [String: Any])
    let shards = try #require(object["shards"] as? [[String]])
    #expect(shards.first?.first == "")
    // Each shard's terms with the bytes each adds (as the writer counts: quotes and commas).
    var shardTerms: [[(term: String, bytes: Int)]] = []
    for (index, shard) in shards.enumerated() {
      let file = try #require(files.first { $0.path == "search/t/\(shard[1]).js" })
      let flat = try #require(
        try JSONSerialization.jsonObject(with: Data(SearchIndexTests.payload(of: file).utf8))
          as? [String])
      let terms = stride(from: 0, to: flat.count, by: 2).map {
        (term: flat[$0], bytes: flat[$0].utf8.count + flat[$0 + 1].utf8.count + 6)
      }
      if let first = terms.first, let previous = shardTerms.last?.last, index > 0 {
        #expect(first.term.hasPrefix(shard[0]))
        #expect(SearchEngine.precedes(previous.term, shard[0]))
      }
      shardTerms.append(terms)
    }
    #expect(shardTerms.map(\.count).reduce(0, +) == engine.termCount)
    // A shard closes after the first term that takes it past the soft limit and is followed by
    // a clean cut (no prefix query spans it), or past the hard limit; not before.
    var cleanCuts = 0
    for (index, terms) in shardTerms.enumerated() {
      let following = index + 1 < shardTerms.count ? shardTerms[index + 1].first?.term : nil
      var bytes = 0
      for (position, entry) in terms.enumerated() {
        bytes += entry.bytes
        guard let next = position + 1 < terms.count ? terms[position + 1].term : following
        else { continue }
        let closes =
          bytes >= SearchIndex.shardBytes
          && (bytes >= SearchIndex.maxShardBytes || !SearchIndex.splitsPrefixes(entry.term, next))
        #expect(closes == (position == terms.count - 1), "\(entry.term) | \(next)")
        if position == terms.count - 1, !SearchIndex.splitsPrefixes(entry.term, next) {
          cleanCuts += 1
        }
      }
    }
    #expect(shardTerms.count > 3)
    #expect(cleanCuts == shardTerms.count - 1)
  }

  /// An edit to one document's body changes the postings of that document's words only, the
  /// shards holding them and its group's excerpt files; every other file is the same, so a
  /// host's cache of them stays good and a build writes few files.
  @Test func anEditChangesOnlyTheFilesOfTheEditedDocument() throws {
    // A short document among many, so that its words are in few of the shards.
    var files = SearchFixtures.synthetic(count: 2000)
    let edited = files.count
    files.append(("handbook/zoo.md", "# Zoo\n\n## Summary\n\nThe zebrafish tank.\n"))
    let before = SearchFixtures.engine(files)
    // New words, and a much longer body: the average length moves by a tenth of a word.
    files[edited].1 +=
      "\nOne more line: the quokka.\n\n" + String(repeating: "The zebrafish swims. ", count: 70)
    let after = SearchFixtures.engine(files)
    let path = files[edited].0
    let number = try #require(after.entries.firstIndex { $0.path == path })
    #expect(before.entries.firstIndex { $0.path == path } == number)

    let (beforeFiles, afterFiles) = (
      SearchIndex.build(engine: before), SearchIndex.build(engine: after)
    )
    /// Each shard's file and terms, and each term's postings.
    func read(_ files: [SearchFile]) throws -> (
      shards: [String: [String]], terms: [String: String]
    ) {
      var shards: [String: [String]] = [:]
      var terms: [String: String] = [:]
      for file in files where file.path.hasPrefix("search/t/") {
        let flat = try #require(
          try JSONSerialization.jsonObject(with: Data(SearchIndexTests.payload(of: file).utf8))
            as? [String])
        shards[file.path] = stride(from: 0, to: flat.count, by: 2).map { flat[$0] }
        for at in stride(from: 0, to: flat.count, by: 2) { terms[flat[at]] = flat[at + 1] }
      }
      return (shards, terms)
    }
    func words(of engine: SearchEngine) -> Set<String> {
      Set(
        (0..<engine.termCount).filter { term in
          engine.postings(at: term).contains { engine.postingDocuments[$0] == number }
        }.map(engine.term))
    }
    let (old, new) = (try read(beforeFiles), try read(afterFiles))
    let changed = Set(old.terms.keys).union(new.terms.keys).filter {
      old.terms[$0] != new.terms[$0]
    }
    // Only the document's own words changed: its postings, and for the words it gained, all of
    // their postings (their IDF moved).
    #expect(changed.contains("quokka"))
    let documentWords = words(of: before).union(words(of: after))
    #expect(changed.isSubset(of: documentWords), "\(changed.subtracting(documentWords))")
    // The shards whose range of terms holds a changed word are written anew, and where one of
    // them closes at another term, the next may be too; every other shard is written again as
    // it was, under the same name.
    let ranges = old.shards.sorted { SearchEngine.precedes($0.value[0], $1.value[0]) }
    let touched = Set(
      ranges.indices.filter { index in
        changed.contains { term in
          !SearchEngine.precedes(term, ranges[index].value[0])
            && (index + 1 == ranges.count
              || SearchEngine.precedes(term, ranges[index + 1].value[0]))
        }
      }.map { ranges[$0].key })
    let written = Set(new.shards.keys).subtracting(old.shards.keys)
    let kept = Set(old.shards.keys).intersection(new.shards.keys)
    #expect(old.shards.count > 15)
    #expect(touched.count * 3 < old.shards.count, "\(touched.count) of \(old.shards.count)")
    #expect(written.count <= 2 * touched.count, "\(written.count) for \(touched.count)")
    #expect(kept.count + 2 * touched.count >= old.shards.count)
    // The excerpt files written anew are those of the document's group.
    let excerpts = { (files: [SearchFile]) in
      Set(files.map(\.path).filter { $0.hasPrefix("search/x/") })
    }
    let group = number / SearchIndex.groupSize
    let excerptsWritten = excerpts(afterFiles).subtracting(excerpts(beforeFiles))
    #expect(!excerptsWritten.isEmpty)
    for file in excerptsWritten {
      let bundle = Int(file.split(separator: "-").dropLast().last ?? "") ?? -1
      #expect(bundle * SearchIndex.bundleSize / SearchIndex.groupSize == group, "\(file)")
    }
  }

  @Test func aCutSplitsPrefixesOfThreeCharactersOrOneCJK() {
    #expect(SearchIndex.splitsPrefixes("latency", "latencyaccess"))
    #expect(SearchIndex.splitsPrefixes("lat", "latency"))
    #expect(!SearchIndex.splitsPrefixes("lastyou", "latency"))
    #expect(!SearchIndex.splitsPrefixes("la", "lab"))
    #expect(SearchIndex.splitsPrefixes("数", "数据"))
    #expect(!SearchIndex.splitsPrefixes("数据", "日本"))
    #expect(SearchIndex.splitsPrefixes("café", "cafés"))
    #expect(!SearchIndex.splitsPrefixes("ca", "cé"))
  }

  @Test func hostileTextStaysText() throws {
    let hostile = "\"><img src=x onerror=alert(1)></script><script>alert(2)</script>\u{2028}"
    let files = [
      (
        "decisions/0007-hostile.md",
        """
        ---
        title: '\(hostile.replacingOccurrences(of: "'", with: "''"))'
        status: accepted
        tags: ["<b>bold</b>"]
        ---
        # Ignored

        ## Context
        Body `</script><script>alert(3)</script>` and "quotes" \\ backslash \(hostile)
        """
      )
    ]
    let engine = SearchFixtures.engine(files)
    let results = engine.search(SearchQuery("img onerror alert"))
    let result = try #require(results.first)
    #expect(result.title == hostile)
    let json = SearchResult.json(results)
    let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
    #expect(decoded?.first?["title"] as? String == hostile)
    #expect(decoded?.first?["excerpt"] as? String == result.excerpt)
    #expect(engine.search(SearchQuery("</script><script>alert(9)")).isEmpty)
    for file in SearchIndex.build(engine: engine) {
      let text = String(decoding: file.bytes, as: UTF8.self)
      #expect(!text.contains("\u{2028}"))
      // Each payload parses back as JSON: no string broke out of its quotes.
      _ = try JSONSerialization.jsonObject(with: Data(SearchIndexTests.payload(of: file).utf8))
    }
  }

  @Test func clientNeverParsesMarkup() throws {
    let client = try String(
      contentsOf: SearchParityTests.packageRoot.appendingPathComponent(
        "templates/search/search.js"),
      encoding: .utf8)
    for forbidden in [
      "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
    ] {
      #expect(!client.contains(forbidden), "search.js uses \(forbidden)")
    }
  }

  /// The JSON a script file hands to the client.
  /// The elements of a JSON array as their text (`[1,"a,b",[2]]` → `1`, `"a,b"`, `[2]`): what
  /// an excerpt file holds for each of its documents, byte for byte.
  static func elements(_ array: String) -> [String] {
    var elements: [String] = []
    var current: [UInt8] = []
    var depth = 0
    var inString = false
    var escaped = false
    for byte in array.utf8 {
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
      } else if byte == UInt8(ascii: "\"") {
        inString = true
      } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
        depth += 1
        if depth == 1 { continue }
      } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
        depth -= 1
        if depth == 0 { continue }
      } else if byte == UInt8(ascii: ","), depth == 1 {
        elements.append(String(decoding: current, as: UTF8.self))
        current = []
        continue
      }
      current.append(byte)
    }
    if !current.isEmpty { elements.append(String(decoding: current, as: UTF8.self)) }
    return elements
  }

  static func payload(of file: SearchFile) throws -> String {
    let text = String(decoding: file.bytes, as: UTF8.self)
    let start = try #require(text.firstIndex(of: ","))
    return String(text[text.index(after: start)..<text.index(text.endIndex, offsetBy: -3)])
  }
}

@Suite struct SearchTermOrderTests {
  /// The byte comparison sorts like JavaScript (UTF-16 code units), also where UTF-8 and UTF-16
  /// disagree: characters beyond U+FFFF against U+E000–U+FFFF.
  @Test func bytesSortLikeUTF16() {
    let pieces = ["a", "b", "z", "é", "数", "\u{E000}", "\u{FFFD}", "𠀀", "😀", "𝒜", ":", "0"]
    var random = SearchFixtures.Generator(state: 3)
    let words = (0..<400).map { _ in
      (0..<(1 + random.next(4))).map { _ in pieces[random.next(pieces.count)] }.joined()
    }
    for left in words.prefix(80) {
      for right in words {
        var lhs = left
        var rhs = right
        let bytes = lhs.withUTF8 { l in rhs.withUTF8 { r in SearchEngine.precedes(l, r) } }
        #expect(bytes == SearchEngine.precedes(left, right), "\(left) \(right)")
      }
    }
  }
}

@Suite struct JSONArrayWriterTests {
  /// Quoting copies plain runs whole; what it writes must be JSON that reads back as the string,
  /// with no raw U+2028 or U+2029 (which end a line in older JavaScript).
  @Test func quotedStringsReadBackAndEscapeLineSeparators() throws {
    let pieces = [
      "plain", "\"", "\\", "\n", "\t", "\r", "\u{0}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}",
      "\u{2027}", "…", "é", "日本", "🙂", " ",
    ]
    var generator = SystemRandomNumberGenerator()
    for round in 0..<500 {
      let count = round == 0 ? 0 : Int.random(in: 1...12, using: &generator)
      let text = (0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
      let quoted = JSONArrayWriter.quote(text)
      #expect(!quoted.contains("\u{2028}") && !quoted.contains("\u{2029}"))
      let decoded = try JSONDecoder().decode([String].self, from: Data(("[" + quoted + "]").utf8))
      #expect(decoded == [text], "\(Array(text.unicodeScalars))")
    }
    #expect(JSONArrayWriter.quote("a\u{2028}b\"c\u{1}") == #""a\u2028b\"c\u0001""#)
  }
}
