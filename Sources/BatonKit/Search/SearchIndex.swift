/// The static search index: a small manifest, term shards and excerpt files.
///
/// Every file is a script that hands its data to the client,
/// `window.__batonSearch.put("<name>", <JSON>);`, so it loads with a `<script>` tag from
/// `file://`; over HTTP the client fetches it and parses the JSON after the name. All files but the manifest are named by a hash of their
/// content, so hosts can cache them forever; the manifest (`search/manifest.js`) names them.
///
/// - `search/manifest.js`: `{"v":2,"docs":N,"group":16,"part":16,"shards":[[start,hash],…],
///   "groups":[hash,…],"facets":{"kind":[[value,count],…],…}}`.
/// - `search/t/<hash>.js`: a shard, a flat array `[term, postings, term, postings, …]` over a
///   contiguous range of the sorted terms: from its `start` (the shortest prefix of its first
///   term that sorts after the previous shard's last term) to the next shard's. Shards close
///   where no prefix query would need both sides (`splitsPrefixes`).
///   Postings are base64 VLQ numbers (5 bits a character, low bits first, 32 = more follows):
///   per document, the gap to the previous document number minus one, twice the impact plus 1
///   when the term is in the title or identifier, and the passage; facet terms (`:tag=db`) hold
///   gaps only.
/// - `search/x/<group hash>-<doc>-<k>.js`: document `doc`'s metadata and its passages
///   `k * part ..< (k + 1) * part`: `[[id, title, kind, status, date, url, tags, owner, team],
///   [[anchor, text], …]]`. Documents are grouped by number, 16 a group; a group's hash is
///   over all of its files' payloads, so a result's file is named from the manifest and the
///   posting alone, and a result's metadata and excerpt load right after ranking.
public enum SearchIndex {
  /// The folder of the index under the site's root.
  public static let folder = "search"
  /// The manifest's path under the site's root.
  public static let manifestPath = "search/manifest.js"
  /// Documents per group (the unit of the excerpt files' hash).
  static let groupSize = 16
  /// A shard may close once its data reaches this many bytes, between two terms no prefix query
  /// holds in common (see `splitsPrefixes`).
  static let shardBytes = 12_000
  /// A shard closes between any two terms once its data reaches this many bytes.
  static let maxShardBytes = 4 * shardBytes
  /// Passages per excerpt file.
  static let partPassages = 16

  /// The index files for a corpus, sorted by path; a pure function of its arguments.
  ///
  /// - Parameter pageURL: the page of a document relative to the site's root
  ///   (`decisions/0042-use-postgres/index.html`).
  public static func build(corpus: Corpus, pageURL: (Document) -> String) -> [SearchFile] {
    build(engine: SearchEngine(corpus: corpus, pageURL: pageURL))
  }

  /// An index built, with what the next build in the same process can reuse.
  public struct Built: Sendable {
    public var files: [SearchFile]
    public var memo: SearchMemo
  }

  /// The index files for documents in any order (the same as for a corpus holding them),
  /// reading again only the runs of documents that `memo` does not hold (the files are the same
  /// as without it). With a memo, even an empty one, the runs read are kept in `Built.memo` for
  /// the next build; with nil, nothing is kept.
  public static func build(
    documents: [Document], pageURL: (Document) -> String, memo: SearchMemo?
  ) -> Built {
    let engine = SearchEngine(documents: documents, pageURL: pageURL, memo: memo)
    return Built(files: build(engine: engine), memo: engine.memo)
  }

  /// The index files of an engine already built.
  public static func build(engine: SearchEngine) -> [SearchFile] {
    var files: [String: [UInt8]] = [:]
    func add(_ kind: String, _ payload: [UInt8]) -> String {
      let hash = contentHash(payload)
      let name = kind + "/" + hash
      files[folder + "/" + name + ".js"] = script(name, payload)
      return hash
    }

    // Term shards.
    var shards: [(first: String, hash: String)] = []
    var shard = JSONArrayWriter()
    var first = ""
    for index in 0..<engine.termCount {
      let term = engine.term(index)
      shard.append(string: term)
      shard.append(string: encodePostings(engine, index, facet: term.hasPrefix(":")))
      guard shard.byteCount >= shardBytes, index + 1 < engine.termCount else { continue }
      let next = engine.term(index + 1)
      if shard.byteCount >= maxShardBytes || !splitsPrefixes(term, next) {
        shards.append((first, add("t", shard.finishBytes())))
        shard = JSONArrayWriter()
        first = separator(after: term, upTo: next)
      }
    }
    if !shard.isEmpty || shards.isEmpty { shards.append((first, add("t", shard.finishBytes()))) }

    // Excerpt files, 16 documents a group, built in parallel.
    let starts = Array(stride(from: 0, to: engine.entries.count, by: groupSize))
    let built = starts.parallelMap { SearchIndex.group(engine, from: $0) }
    var groups: [String] = []
    for group in built {
      for (path, bytes) in group.files { files[path] = bytes }
      groups.append(group.hash)
    }

    // The manifest.
    var shardList = JSONArrayWriter()
    for shard in shards {
      var pair = JSONArrayWriter()
      pair.append(string: shard.first)
      pair.append(string: shard.hash)
      shardList.append(raw: pair.finish())
    }
    var groupList = JSONArrayWriter()
    for group in groups { groupList.append(string: group) }
    var facets = "{"
    for (position, facet) in SearchQuery.facets.enumerated() {
      var values = JSONArrayWriter()
      for value in engine.facets[facet] ?? [] {
        var pair = JSONArrayWriter()
        pair.append(string: value.value)
        pair.append(number: value.count)
        values.append(raw: pair.finish())
      }
      facets += (position > 0 ? "," : "") + JSONArrayWriter.quote(facet) + ":" + values.finish()
    }
    facets += "}"
    let manifest =
      "{\"v\":2,\"docs\":\(engine.entries.count),\"group\":\(groupSize),"
      + "\"part\":\(partPassages),\"shards\":" + shardList.finish() + ",\"groups\":"
      + groupList.finish() + ",\"facets\":" + facets + "}"
    files[manifestPath] = script("manifest", Array(manifest.utf8))
    return files.map { SearchFile(path: $0.key, bytes: $0.value) }.sorted { $0.path < $1.path }
  }

  /// The excerpt files of documents `start..<start + groupSize`: the group's hash (over all
  /// the payloads, in order) and the files (path, bytes).
  static func group(_ engine: SearchEngine, from start: Int) -> (
    hash: String, files: [(String, [UInt8])]
  ) {
    var payloads: [(number: Int, part: Int, payload: [UInt8])] = []
    for number in start..<min(start + groupSize, engine.entries.count) {
      let entry = engine.entries[number]
      var record = JSONArrayWriter()
      record.append(string: entry.identifier)
      record.append(string: entry.title)
      record.append(string: entry.kind)
      record.append(string: entry.status ?? "")
      record.append(string: entry.date?.description ?? "")
      record.append(string: engine.urls[number])
      var tags = JSONArrayWriter()
      for tag in entry.tags { tags.append(string: tag) }
      record.append(raw: tags.finishBytes())
      record.append(string: entry.owner ?? "")
      record.append(string: entry.team ?? "")
      let metadata = record.finishBytes()
      let passages = entry.passages
      // A document without passages still has one file, for its metadata.
      for part in 0..<max(1, (passages.count + partPassages - 1) / partPassages) {
        var list = JSONArrayWriter()
        for passage in passages[
          (part * partPassages)..<min(passages.count, (part + 1) * partPassages)]
        {
          var pair = JSONArrayWriter()
          pair.append(string: passage.anchor ?? "")
          pair.append(string: passage.text)
          list.append(raw: pair.finishBytes())
        }
        var payload = JSONArrayWriter()
        payload.append(raw: metadata)
        payload.append(raw: list.finishBytes())
        payloads.append((number, part, payload.finishBytes()))
      }
    }
    let hash = contentHash(groupBytes(payloads.map(\.payload)))
    let files = payloads.map { item in
      let name = "x/\(hash)-\(item.number)-\(item.part)"
      return (folder + "/" + name + ".js", script(name, item.payload))
    }
    return (hash, files)
  }

  /// What a group's hash is computed over: its files' payloads in order, one a line.
  static func groupBytes(_ payloads: [[UInt8]]) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(payloads.reduce(0) { $0 + $1.count + 1 })
    for payload in payloads {
      bytes.append(contentsOf: payload)
      bytes.append(0x0A)
    }
    return bytes
  }

  /// Whether a shard closed between `last` and `next` (adjacent in sorted order) would split
  /// the terms some prefix query matches: one of three characters or more, or a single CJK
  /// character (`SearchEngine.matchesPrefixes`), that both begin with. Such a query would load
  /// both shards, and each request costs the browser a few milliseconds however small the
  /// file, so a word's family (`latency`, `latencyaccess` from `latency_access`, …) is kept in
  /// one shard where the size allows.
  static func splitsPrefixes(_ last: String, _ next: String) -> Bool {
    var lastScalars = last.unicodeScalars.makeIterator()
    var nextScalars = next.unicodeScalars.makeIterator()
    for position in 0..<3 {
      guard let a = lastScalars.next(), let b = nextScalars.next(), a == b else { return false }
      if position == 0, SearchTokenizer.isCJK(a.value) { return true }
    }
    return true
  }

  /// The shortest prefix of `next` that sorts after `last` (in UTF-16 order): where a shard
  /// starts, written in the manifest. Lookups need only that it sorts after every term of the
  /// previous shard and not after any term of its own.
  static func separator(after last: String, upTo next: String) -> String {
    var prefix = String.UnicodeScalarView()
    for scalar in next.unicodeScalars {
      prefix.append(scalar)
      let candidate = String(prefix)
      if SearchEngine.precedes(last, candidate) { return candidate }
    }
    return next
  }

  /// The script that hands a payload to the client.
  static func script(_ name: String, _ payload: [UInt8]) -> [UInt8] {
    var output = Array("window.__batonSearch.put(\(JSONArrayWriter.quote(name)),".utf8)
    output.reserveCapacity(output.count + payload.count + 3)
    output.append(contentsOf: payload)
    output.append(contentsOf: Array(");\n".utf8))
    return output
  }

  /// Ten base-32 digits (50 bits) of FNV-1a over the payload: stable, short, case-insensitive.
  static func contentHash(_ payload: String) -> String {
    contentHash(Array(payload.utf8))
  }

  /// `contentHash(_:)` over bytes.
  static func contentHash(_ payload: [UInt8]) -> String {
    var hash = Hashing.fnv1a64(bytes: payload)
    let digits = Array("0123456789abcdefghijklmnopqrstuv")
    var text = ""
    for _ in 0..<10 {
      text.append(digits[Int(hash & 31)])
      hash >>= 5
    }
    return text
  }

  // MARK: - Postings

  static let vlqDigits = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  /// Appends a non-negative number as base64 VLQ.
  static func appendVLQ(_ value: Int, to output: inout [UInt8]) {
    var rest = max(0, value)
    repeat {
      var digit = rest & 31
      rest >>= 5
      if rest > 0 { digit |= 32 }
      output.append(vlqDigits[digit])
    } while rest > 0
  }

  /// A term's postings as base64 VLQ text.
  static func encodePostings(_ engine: SearchEngine, _ term: Int, facet: Bool) -> String {
    var output: [UInt8] = []
    let postings = engine.postings(at: term)
    output.reserveCapacity(postings.count * 3)
    var previous = -1
    for posting in postings {
      let document = Int(engine.postingDocuments[posting])
      appendVLQ(document - previous - 1, to: &output)
      previous = document
      if !facet {
        appendVLQ(
          Int(engine.postingImpacts[posting]) * 2 + (engine.postingNamed[posting] ? 1 : 0),
          to: &output)
        appendVLQ(Int(engine.postingPassages[posting]), to: &output)
      }
    }
    return String(decoding: output, as: UTF8.self)
  }
}

extension SearchIndex {
  /// A page URL for documents when no site layout is at hand (`baton search`): the document's
  /// path without its extension, as a folder with an `index.html`.
  public static func defaultPageURL(_ document: Document) -> String {
    var path = document.path
    if let dot = path.lastIndex(of: "."), !path[dot...].contains("/") {
      path = String(path[..<dot])
    }
    return path + "/index.html"
  }
}
