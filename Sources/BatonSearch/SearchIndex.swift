import BatonCorpus
import BatonDocuments
import BatonSupport

/// The static search index: a small manifest, term shards and excerpt files.
///
/// Every file is a script that hands its data to the client,
/// `window.__batonSearch.put("<name>", <JSON>);`, so it loads with a `<script>` tag from
/// `file://`; over HTTP the client fetches it and parses the JSON after the name. All files but the manifest are named by a hash of their
/// content, so hosts can cache them forever; the manifest (`search/manifest.js`) names them.
///
/// - `search/manifest.js`: `{"v":3,"docs":N,"group":16,"part":16,"bundle":4,
///   "shards":[[start,hash],…],"groups":[hash,…],"facets":{"kind":[[value,count],…],…}}`.
/// - `search/t/<hash>.js`: a shard, a flat array `[term, postings, term, postings, …]` over a
///   contiguous range of the sorted terms: from its `start` (the shortest prefix of its first
///   term that sorts after the previous shard's last term) to the next shard's. Shards close
///   where no prefix query would need both sides (`splitsPrefixes`).
///   Postings are base64 VLQ numbers (5 bits a character, low bits first, 32 = more follows):
///   per document, the gap to the previous document number minus one, twice the impact plus 1
///   when the term is in the title or identifier, and the passage; facet terms (`:tag=db`) hold
///   gaps only.
/// - `search/x/<group hash>-<bundle>-<k>.js`: part `k` of the four documents numbered
///   `4 * bundle ..< 4 * bundle + 4` (`bundleSize`), an array of each one's part in number order,
///   `null` for a document without part `k`, ending at the last one with it. A document's part
///   `k` is its metadata and its passages `k * part ..< (k + 1) * part`:
///   `[[id, title, kind, status, date, url, tags, owner, team], [[anchor, text], …]]`.
///   Documents are grouped by number, 16 a group; a group's hash is over all of its documents'
///   parts, so a result's file is named from the manifest and the posting alone, and a result's
///   metadata and excerpt load right after ranking. Four documents a file rather than one: a
///   site has about a quarter as many excerpt files to create, check for hand edits and upload
///   (on the 40,000-document corpus, half of all its files were excerpt files), for up to four
///   times the excerpt bytes a result loads.
public enum SearchIndex {
  /// The folder of the index under the site's root.
  public static let folder = "search"
  /// The manifest's path under the site's root.
  public static let manifestPath = "search/manifest.js"
  /// Documents per group (the unit of the excerpt files' hash).
  package static let groupSize = 16
  /// A shard may close once its data reaches this many bytes, between two terms no prefix query
  /// holds in common (see `splitsPrefixes`).
  static let shardBytes = 12_000
  /// A shard closes between any two terms once its data reaches this many bytes.
  static let maxShardBytes = 4 * shardBytes
  /// Passages per document part (the unit of the excerpt files' `k`).
  static let partPassages = 16
  /// Documents per excerpt file: one file holds part `k` of this many consecutive documents.
  /// A divisor of `groupSize`, so a file's documents share their group's hash.
  static let bundleSize = 4

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
    /// What a later build needs to patch the index, when asked for.
    package var state: SearchState.Built?
  }

  /// The index files for documents in any order (the same as for a corpus holding them),
  /// reading again only the runs of documents that `memo` does not hold (the files are the same
  /// as without it). With a memo, even an empty one, the runs read are kept in `Built.memo` for
  /// the next build; with nil, nothing is kept.
  public static func build(
    documents: [Document], pageURL: (Document) -> String, memo: SearchMemo?
  ) -> Built {
    build(documents: documents, pageURL: pageURL, memo: memo, keepingState: false)
  }

  /// As `build(documents:pageURL:memo:)`, and with `keepingState` the state a later build
  /// patches the index from (`Built.state`).
  package static func build(
    documents: [Document], pageURL: (Document) -> String, memo: SearchMemo?, keepingState: Bool
  ) -> Built {
    let engine = SearchEngine(
      documents: documents, pageURL: pageURL, memo: memo, keepingWeights: keepingState)
    let (files, state) = build(engine: engine, keepingState: keepingState)
    return Built(files: files, memo: engine.memo, state: state)
  }

  /// The index files of an engine already built.
  public static func build(engine: SearchEngine) -> [SearchFile] {
    build(engine: engine, keepingState: false).files
  }

  /// The index files of an engine, and with `keepingState` what a later build needs to patch
  /// them (`SearchState`; the engine must keep its weights).
  package static func build(engine: SearchEngine, keepingState: Bool) -> (
    files: [SearchFile], state: SearchState.Built?
  ) {
    var files: [String: [UInt8]] = [:]

    // Term shards.
    var cutter = ShardCutter()
    var cuts: [(first: String, hash: String, terms: Range<Int>)] = []
    // Each term's postings text, kept for the state's blobs.
    var texts = SearchState.Texts()
    var start = 0
    func close(_ shard: (first: String, payload: [UInt8]), through end: Int) {
      let file = shardFile(shard.payload)
      files[file.file.path] = file.file.bytes
      cuts.append((shard.first, file.hash, start..<end))
      start = end
    }
    for index in 0..<engine.termCount {
      let term = engine.term(index)
      let next = index + 1 < engine.termCount ? engine.term(index + 1) : nil
      let postings = encodePostings(engine, index, facet: term.hasPrefix(":"))
      if keepingState { texts.append(postings) }
      if let shard = cutter.add(term, postings, next: next) {
        close(shard, through: index + 1)
      }
    }
    if let shard = cutter.finish(alone: cuts.isEmpty) { close(shard, through: engine.termCount) }

    // Excerpt files, 16 documents a group and 4 a file, built in parallel.
    let starts = Array(stride(from: 0, to: engine.entries.count, by: groupSize))
    let built = starts.parallelMap { start in
      let members = (start..<min(start + groupSize, engine.entries.count)).map {
        (number: $0, payloads: payloads(engine.entries[$0], url: engine.urls[$0]))
      }
      return (group: SearchIndex.group(members), payloads: members.map(\.payloads))
    }
    var groups: [String] = []
    for (group, _) in built {
      for (path, bytes) in group.files { files[path] = bytes }
      groups.append(group.hash)
    }

    // The manifest.
    let facets = facetsJSON(engine.facets)
    files[manifestPath] = manifest(
      documents: engine.entries.count, shards: cuts.map { ($0.first, $0.hash) }, groups: groups,
      facets: facets)
    let sorted = files.map { SearchFile(path: $0.key, bytes: $0.value) }.sorted {
      $0.path < $1.path
    }
    guard keepingState else { return (sorted, nil) }
    return (
      sorted,
      SearchState.build(
        engine: engine, shards: cuts.map { (first: $0.first, hash: $0.hash, terms: $0.terms) },
        texts: texts, groups: groups, payloads: built.flatMap(\.payloads), facets: facets)
    )
  }

  /// Where a shard's file goes.
  static func shardPath(_ hash: String) -> String {
    folder + "/t/" + hash + ".js"
  }

  /// A shard's file from its payload, named by the payload's hash.
  static func shardFile(_ payload: [UInt8]) -> (hash: String, file: SearchFile) {
    let hash = contentHash(payload)
    return (hash, SearchFile(path: shardPath(hash), bytes: script("t/" + hash, payload)))
  }

  /// The manifest's `facets` object: each facet's values with their counts.
  static func facetsJSON(_ facets: [String: [(value: String, count: Int)]]) -> String {
    var text = "{"
    for (position, facet) in SearchQuery.facets.enumerated() {
      var values = JSONArrayWriter()
      for value in facets[facet] ?? [] {
        var pair = JSONArrayWriter()
        pair.append(string: value.value)
        pair.append(number: value.count)
        values.append(raw: pair.finish())
      }
      text += (position > 0 ? "," : "") + JSONArrayWriter.quote(facet) + ":" + values.finish()
    }
    return text + "}"
  }

  /// The manifest's file: the documents' count, the shards (where each starts, its hash), the
  /// groups' hashes and the facets.
  static func manifest(
    documents: Int, shards: [(first: String, hash: String)], groups: [String], facets: String
  ) -> [UInt8] {
    var shardList = JSONArrayWriter()
    for shard in shards {
      var pair = JSONArrayWriter()
      pair.append(string: shard.first)
      pair.append(string: shard.hash)
      shardList.append(raw: pair.finish())
    }
    var groupList = JSONArrayWriter()
    for group in groups { groupList.append(string: group) }
    let manifest =
      "{\"v\":3,\"docs\":\(documents),\"group\":\(groupSize),"
      + "\"part\":\(partPassages),\"bundle\":\(bundleSize),\"shards\":" + shardList.finish()
      + ",\"groups\":"
      + groupList.finish() + ",\"facets\":" + facets + "}"
    return script("manifest", Array(manifest.utf8))
  }

  /// A document's parts, each its share of one excerpt file: its metadata and, 16 at a time,
  /// its passages (one part for a document without passages, for its metadata).
  static func payloads(_ entry: SearchEntry, url: String) -> [[UInt8]] {
    var record = JSONArrayWriter()
    record.append(string: entry.identifier)
    record.append(string: entry.title)
    record.append(string: entry.kind)
    record.append(string: entry.status ?? "")
    record.append(string: entry.date?.description ?? "")
    record.append(string: url)
    var tags = JSONArrayWriter()
    for tag in entry.tags { tags.append(string: tag) }
    record.append(raw: tags.finishBytes())
    record.append(string: entry.owner ?? "")
    record.append(string: entry.team ?? "")
    let metadata = record.finishBytes()
    let passages = entry.passages
    return (0..<parts(passages: passages.count)).map { part in
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
      return payload.finishBytes()
    }
  }

  /// How many parts a document with this many passages has.
  static func parts(passages: Int) -> Int {
    max(1, (passages + partPassages - 1) / partPassages)
  }

  /// Where an excerpt file goes: part `part` of the documents of bundle `bundle`
  /// (`number / bundleSize`).
  static func excerptPath(group hash: String, bundle: Int, part: Int) -> String {
    folder + "/" + excerptName(group: hash, bundle: bundle, part: part) + ".js"
  }

  /// An excerpt file's name, as its script hands it to the client.
  static func excerptName(group hash: String, bundle: Int, part: Int) -> String {
    "x/\(hash)-\(bundle)-\(part)"
  }

  /// The excerpt files' paths of a group named `hash`, given its documents' numbers and how
  /// many parts each has: per bundle, as many files as its longest document has parts.
  static func excerptPaths(group hash: String, parts: [(number: Int, parts: Int)]) -> [String] {
    var longest: [Int: Int] = [:]
    for member in parts {
      longest[member.number / bundleSize] = max(
        longest[member.number / bundleSize] ?? 0, member.parts)
    }
    return longest.sorted { $0.key < $1.key }.flatMap { bundle, count in
      (0..<count).map { excerptPath(group: hash, bundle: bundle, part: $0) }
    }
  }

  /// The excerpt files of a group of documents, given each one's number and payloads (in
  /// number order): the group's hash (over all the payloads, in order) and the files (path,
  /// bytes), one per bundle of `bundleSize` documents and part.
  static func group(_ members: [(number: Int, payloads: [[UInt8]])]) -> (
    hash: String, files: [(String, [UInt8])]
  ) {
    let hash = contentHash(groupBytes(members.flatMap(\.payloads)))
    var files: [(String, [UInt8])] = []
    var start = 0
    while start < members.count {
      let bundle = members[start].number / bundleSize
      var end = start + 1
      while end < members.count, members[end].number / bundleSize == bundle { end += 1 }
      let bundled = members[start..<end]
      for part in 0..<(bundled.map(\.payloads.count).max() ?? 0) {
        files.append(
          (
            excerptPath(group: hash, bundle: bundle, part: part),
            script(
              excerptName(group: hash, bundle: bundle, part: part),
              bundlePayload(bundled, bundle: bundle, part: part))
          ))
      }
      start = end
    }
    return (hash, files)
  }

  /// An excerpt file's payload: part `part` of each document of the bundle, by its place in
  /// the bundle, `null` where a document has no such part (or is not there), up to the last
  /// document that has it.
  static func bundlePayload(
    _ members: ArraySlice<(number: Int, payloads: [[UInt8]])>, bundle: Int, part: Int
  ) -> [UInt8] {
    var slots = [[UInt8]?](repeating: nil, count: bundleSize)
    for member in members where part < member.payloads.count {
      slots[member.number - bundle * bundleSize] = member.payloads[part]
    }
    while let last = slots.last, last == nil { slots.removeLast() }
    var bytes: [UInt8] = [UInt8(ascii: "[")]
    bytes.reserveCapacity(slots.reduce(2) { $0 + ($1?.count ?? 4) + 1 })
    for (index, slot) in slots.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      bytes.append(contentsOf: slot ?? Array("null".utf8))
    }
    bytes.append(UInt8(ascii: "]"))
    return bytes
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

  /// Ten base-32 digits (50 bits) of the payload's `Digest`: stable, short, case-insensitive.
  static func contentHash(_ payload: String) -> String {
    contentHash(Array(payload.utf8))
  }

  /// `contentHash(_:)` over bytes.
  static func contentHash(_ payload: [UInt8]) -> String {
    var hash = Digest(of: payload).low
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
  @inline(__always)
  static func appendVLQ(_ value: Int, to output: inout [UInt8]) {
    var rest = max(0, value)
    while rest >= 32 {
      output.append(vlqDigit(rest & 31 | 32))
      rest >>= 5
    }
    output.append(vlqDigit(rest))
  }

  /// The base64 character of a digit below 64 (`vlqDigits[digit]`), worked out rather than
  /// looked up: the postings of every term are millions of digits.
  @inline(__always)
  static func vlqDigit(_ digit: Int) -> UInt8 {
    switch digit {
    case ..<26: UInt8(truncatingIfNeeded: 0x41 + digit)
    case ..<52: UInt8(truncatingIfNeeded: 0x61 - 26 + digit)
    case ..<62: UInt8(truncatingIfNeeded: 0x30 - 52 + digit)
    case 62: 0x2B
    default: 0x2F
    }
  }

  /// A term's postings as base64 VLQ text.
  static func encodePostings(_ engine: SearchEngine, _ term: Int, facet: Bool) -> [UInt8] {
    let postings = engine.postings(at: term)
    return encodePostings(count: postings.count, facet: facet) { offset in
      let posting = postings.lowerBound + offset
      return (
        Int(engine.postingDocuments[posting]), Int(engine.postingImpacts[posting]),
        engine.postingNamed[posting], Int(engine.postingPassages[posting])
      )
    }
  }

  /// Postings as base64 VLQ text: per posting, the gap to the previous document number minus
  /// one, then (but for a facet term) twice the impact plus 1 when the term is in the title or
  /// identifier, and the passage.
  @inline(__always)
  static func encodePostings(
    count: Int, facet: Bool,
    _ posting: (Int) -> (document: Int, impact: Int, named: Bool, passage: Int)
  ) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(count * 3)
    var previous = -1
    for offset in 0..<count {
      let (document, impact, named, passage) = posting(offset)
      appendVLQ(document - previous - 1, to: &output)
      previous = document
      if !facet {
        appendVLQ(impact * 2 + (named ? 1 : 0), to: &output)
        appendVLQ(passage, to: &output)
      }
    }
    return output
  }
}

/// Cuts the sorted terms into shards: a shard may close once its data reaches `shardBytes`,
/// where no prefix query would need both sides (`splitsPrefixes`), and closes at any term past
/// `maxShardBytes`.
///
/// Where a shard closes depends only on where it started and on the terms from there on, so
/// `SearchState` cuts again from the first changed shard and stops cutting where a cut meets an
/// old one before unchanged shards.
struct ShardCutter {
  private var writer = JSONArrayWriter()
  /// Where the open shard starts, as the manifest says (the shortest prefix of its first term
  /// that sorts after the last shard's last term).
  private(set) var first: String

  init(first: String = "") {
    self.first = first
  }

  /// Whether the open shard holds no term yet.
  var isEmpty: Bool { writer.isEmpty }

  /// Adds a term and its encoded postings (base64 text, which needs no escape); returns the
  /// shard when it closes after this term, before `next` (nil: the term is the last of all,
  /// and the shard closes in `finish`).
  mutating func add(_ term: String, _ postings: some Collection<UInt8>, next: String?) -> (
    first: String, payload: [UInt8]
  )? {
    writer.append(string: term)
    var quoted: [UInt8] = []
    quoted.reserveCapacity(postings.count + 2)
    quoted.append(0x22)
    quoted.append(contentsOf: postings)
    quoted.append(0x22)
    writer.append(raw: quoted)
    guard writer.byteCount >= SearchIndex.shardBytes, let next,
      writer.byteCount >= SearchIndex.maxShardBytes || !SearchIndex.splitsPrefixes(term, next)
    else { return nil }
    let shard = (first, writer.finishBytes())
    writer = JSONArrayWriter()
    first = SearchIndex.separator(after: term, upTo: next)
    return shard
  }

  /// The last shard: the open one, or with `alone` (no shard closed before) an empty one.
  func finish(alone: Bool) -> (first: String, payload: [UInt8])? {
    guard !writer.isEmpty || alone else { return nil }
    return (first, writer.finishBytes())
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
