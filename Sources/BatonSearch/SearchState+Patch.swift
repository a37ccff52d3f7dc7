import BatonDocuments

extension SearchState {
  /// A document whose body changed, as the index reads it now: its entry and its terms, each
  /// with the one posting the document gives it.
  package struct Change: Sendable {
    var number: Int
    var entry: SearchEntry
    var terms: [Term]
  }

  /// What a patch gives: the next state, the blobs it made, the index files that are new or
  /// changed, and the paths of the files the index no longer has.
  package struct Patched: Sendable {
    package var state: SearchState
    package var blobs: [String: [UInt8]]
    /// The changed documents' excerpt payloads, by number (see `Built.payloads`).
    package var payloads: [Int: [[UInt8]]]
    package var files: [SearchFile]
    package var removed: [String]
  }

  /// A document as the index reads it now, under the number the state gives its path; nil when
  /// the state holds no document at that path.
  package func change(_ document: Document) -> Change? {
    guard let number = numbers[document.path] else { return nil }
    var collector = SearchTermCollector()
    let entry = SearchEntry(document: document, collector: &collector)
    let lastPassage = Int32(max(0, entry.passages.count - 1))
    var terms: [Term] = []
    terms.reserveCapacity(collector.termIDs.count)
    for row in collector.termIDs.indices {
      let term = collector.table.withTerm(Int(collector.termIDs[row])) {
        String(decoding: $0, as: UTF8.self)
      }
      terms.append(
        Term(
          term: term,
          postings: [
            Posting(
              document: Int32(number), weight: SearchEngine.Weight(collector.counts[row]),
              passage: min(collector.passages[row], lastPassage))
          ]))
    }
    return Change(number: number, entry: entry, terms: terms)
  }

  /// The index after `changes`, or nil when it must be built again: a change's document is not
  /// where the state has it, or a blob or file is missing or damaged. When the average length
  /// moves, every impact may, and every shard is cut again from its blob.
  ///
  /// - Parameters:
  ///   - blob: a shard's blob by its hash.
  ///   - payloads: a document's excerpt payloads by its number, as the last index has them
  ///     (`Built.payloads`): the changed documents' groups are made again with the others'.
  package func patch(
    _ changes: [Change], blob: (String) -> [UInt8]?, payloads: (Int) -> [[UInt8]]?
  ) -> Patched? {
    guard var next = resized(changes),
      let (decoded, readBlobs) = changedShards(changes, next: next, blob: blob),
      let (shards, blobs, shardFiles) = recut(
        decoded, entries: next.entries, averageLength: next.averageLength,
        // Blobs read already are not read again when cutting runs into their shards.
        blob: { hash in readBlobs[hash] ?? blob(hash) })
    else { return nil }
    next.shards = shards
    var files = shardFiles
    var removed = Set(self.shards.map { SearchIndex.shardPath($0.hash) })
    for file in files { removed.remove(file.path) }
    for shard in shards { removed.remove(SearchIndex.shardPath(shard.hash)) }
    guard
      let made = regroup(
        changes, payloads: payloads, next: &next, files: &files, removed: &removed)
    else { return nil }
    files.append(
      SearchFile(
        path: SearchIndex.manifestPath,
        bytes: SearchIndex.manifest(
          documents: entries.count, shards: next.shards.map { ($0.first, $0.hash) },
          groups: next.groups, facets: facets)))
    return Patched(
      state: next, blobs: blobs, payloads: made, files: files, removed: removed.sorted())
  }

  /// The state with the changed documents' lengths and parts, and the average length they
  /// give; nil when a change's document is not where the state has it.
  private func resized(_ changes: [Change]) -> SearchState? {
    var next = self
    for change in changes {
      guard change.number < entries.count, entries[change.number].path == change.entry.path
      else { return nil }
      next.totalLength += change.entry.length - entries[change.number].length
      next.entries[change.number].length = change.entry.length
      next.entries[change.number].parts = SearchIndex.parts(passages: change.entry.passages.count)
    }
    next.averageLength = SearchEngine.quantized(
      Double(next.totalLength) / Double(max(1, entries.count)))
    return next
  }

  /// The terms of the shards the changes make differ, by old shard index, and the blobs read;
  /// nil when a blob is missing or damaged.
  private func changedShards(
    _ changes: [Change], next: SearchState, blob: (String) -> [UInt8]?
  ) -> (decoded: [Int: [Term]], read: [String: [UInt8]])? {
    // When the average length moves, every impact may: every shard is cut again.
    let everything = next.averageLength != averageLength
    let numbers = Set(changes.map { Int32($0.number) })
    let sortedNumbers = numbers.sorted()
    // The shards that hold a changed document's old terms or would hold its new ones.
    var touched: [Int: [Term]] = [:]
    for (index, shard) in shards.enumerated()
    where everything || numbers.contains(where: { SearchState.has(shard.documents, Int($0)) }) {
      touched[index] = []
    }
    for change in changes {
      for term in change.terms { touched[shardIndex(for: term.term), default: []].append(term) }
    }
    let moved = movedImpacts(changes, next: next)
    let items = touched.sorted { $0.key < $1.key }.map {
      (index: $0.key, added: $0.value, bytes: blob(shards[$0.key].hash))
    }
    var read: [String: [UInt8]] = [:]
    for item in items { read[shards[item.index].hash] = item.bytes }
    // Those whose terms and postings come out as they were are unchanged, unless the impact of
    // a document whose length changed moved there.
    let results = items.parallelMap { item -> (Int, [Term]?)? in
      guard let terms = item.bytes.flatMap(SearchState.decode) else { return nil }
      let (replaced, differs) = SearchState.replacing(sortedNumbers, in: terms, with: item.added)
      let changed = everything || differs || terms.contains(where: moved)
      return (item.index, changed ? replaced : nil)
    }
    var decoded: [Int: [Term]] = [:]
    for result in results {
      guard let (index, terms) = result else { return nil }
      if let terms { decoded[index] = terms }
    }
    guard widen(&decoded, blob: blob) else { return nil }
    return (decoded, read)
  }

  /// Whether a term of the last index has a posting whose impact the changes move: impacts are
  /// normalised by the document's length.
  private func movedImpacts(_ changes: [Change], next: SearchState) -> @Sendable (Term) -> Bool {
    let count = entries.count
    var norms: [Int32: (old: Double, new: Double)] = [:]
    for change in changes where change.entry.length != entries[change.number].length {
      norms[Int32(change.number)] = (
        SearchEngine.norm(length: entries[change.number].length, averageLength: averageLength),
        SearchEngine.norm(
          length: next.entries[change.number].length, averageLength: next.averageLength)
      )
    }
    let (entries, moved) = (self.entries, norms.sorted { $0.key < $1.key })
    // Postings are in order of their documents: each moved one is looked for, not every
    // posting looked up.
    return { term in
      guard !term.isFacet, !moved.isEmpty else { return false }
      let idf = SearchEngine.idf(frequency: term.postings.count, count: count)
      return moved.contains { document, norm in
        let at = SearchState.position(of: document, in: term.postings)
        guard at < term.postings.count, term.postings[at].document == document else {
          return false
        }
        let posting = term.postings[at]
        let prior = entries[Int(document)].prior
        return SearchEngine.impact(posting.weight, idf: idf, norm: norm.old, prior: prior)
          != SearchEngine.impact(posting.weight, idf: idf, norm: norm.new, prior: prior)
      }
    }
  }

  /// Adds the shards before changed ones whose first term changed: where the shard before
  /// closed may change. False when a blob is missing or damaged.
  private func widen(_ decoded: inout [Int: [Term]], blob: (String) -> [UInt8]?) -> Bool {
    var changed = decoded.keys.sorted(by: >)
    while let index = changed.popLast() {
      guard index > 0, decoded[index - 1] == nil,
        !SearchState.same(decoded[index]?.first?.term ?? "", shards[index].firstTerm)
      else { continue }
      guard let terms = blob(shards[index - 1].hash).flatMap(SearchState.decode) else {
        return false
      }
      decoded[index - 1] = terms
      changed.append(index - 1)
    }
    return true
  }

  /// Makes each changed document's excerpt group again, with the other documents' payloads as
  /// kept; gives the changed documents' payloads by number, or nil when one is missing.
  private func regroup(
    _ changes: [Change], payloads: (Int) -> [[UInt8]]?, next: inout SearchState,
    files: inout [SearchFile], removed: inout Set<String>
  ) -> [Int: [[UInt8]]]? {
    let byNumber = Dictionary(changes.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
    var made: [Int: [[UInt8]]] = [:]
    for group in Set(changes.map { $0.number / SearchIndex.groupSize }).sorted() {
      let numbers =
        (group * SearchIndex.groupSize)..<min(entries.count, (group + 1) * SearchIndex.groupSize)
      var members: [(number: Int, payloads: [[UInt8]])] = []
      for number in numbers {
        if let change = byNumber[number] {
          let new = SearchIndex.payloads(change.entry, url: entries[number].url)
          made[number] = new
          members.append((number, new))
        } else if let kept = payloads(number), kept.count == entries[number].parts {
          members.append((number, kept))
        } else {
          return nil
        }
      }
      let (hash, groupFiles) = SearchIndex.group(members)
      guard hash != groups[group] else { continue }
      for number in numbers {
        for part in 0..<entries[number].parts {
          removed.insert(
            SearchIndex.excerptPath(group: groups[group], number: number, part: part))
        }
      }
      next.groups[group] = hash
      for (path, bytes) in groupFiles {
        removed.remove(path)
        files.append(SearchFile(path: path, bytes: bytes))
      }
    }
    return made
  }

  /// The terms of a shard with the postings of `numbers` (sorted) replaced by `added` (each
  /// term of `added` holding one posting), in order, and whether they differ from `terms`;
  /// terms left without postings are dropped. Facet terms are kept as they are: a body edit
  /// does not change facets.
  ///
  /// A term's postings are in order of their documents, so each changed document's posting is
  /// found by a binary search, and a term none of them has is not copied.
  static func replacing(_ numbers: [Int32], in terms: [Term], with added: [Term]) -> (
    terms: [Term], changed: Bool
  ) {
    func insert(_ postings: [Posting], into term: inout Term) {
      for posting in postings {
        term.postings.insert(posting, at: position(of: posting.document, in: term.postings))
      }
    }
    // The same new term from several documents becomes one term.
    var additions: [Term] = []
    for term in added.sorted(by: { SearchEngine.precedes($0.term, $1.term) }) {
      if let last = additions.last, same(last.term, term.term) {
        insert(term.postings, into: &additions[additions.count - 1])
      } else {
        additions.append(term)
      }
    }
    var result: [Term] = []
    result.reserveCapacity(terms.count + additions.count)
    var changed = false
    var next = 0
    for var term in terms {
      while next < additions.count, SearchEngine.precedes(additions[next].term, term.term) {
        result.append(additions[next])
        changed = true
        next += 1
      }
      var inserted: [Posting] = []
      if next < additions.count, same(additions[next].term, term.term) {
        inserted = additions[next].postings
        next += 1
      }
      // The term comes out as it was exactly when the postings taken out are the ones put in.
      if replacePostings(of: numbers, in: &term, with: inserted) { changed = true }
      if !term.postings.isEmpty { result.append(term) }
    }
    if next < additions.count { changed = true }
    result += additions[next...]
    return (result, changed)
  }

  /// Takes the postings of `numbers` (sorted) out of a term's (not a facet term's) and puts
  /// `inserted` (in order of their documents) in, each before any of its document; says
  /// whether the postings changed.
  ///
  /// The term is left as it is when the postings taken out are the ones put in, as most of an
  /// edited document's are; else its postings are made once, in a new array, instead of
  /// copied from the shard's and grown.
  static func replacePostings(
    of numbers: [Int32], in term: inout Term, with inserted: [Posting]
  ) -> Bool {
    var positions: [Int] = []
    var removed: [Posting] = []
    for number in numbers where !term.isFacet {
      let at = position(of: number, in: term.postings)
      guard at < term.postings.count, term.postings[at].document == number else { continue }
      positions.append(at)
      removed.append(term.postings[at])
    }
    guard removed != inserted else { return false }
    var postings: [Posting] = []
    postings.reserveCapacity(term.postings.count - removed.count + inserted.count)
    var (skip, add) = (0, 0)
    for (index, posting) in term.postings.enumerated() {
      if skip < positions.count, positions[skip] == index {
        skip += 1
        continue
      }
      while add < inserted.count, inserted[add].document <= posting.document {
        postings.append(inserted[add])
        add += 1
      }
      postings.append(posting)
    }
    postings += inserted[add...]
    term.postings = postings
    return true
  }

  /// Where a posting of `document` is, or would go, in postings in order of their documents.
  static func position(of document: Int32, in postings: [Posting]) -> Int {
    var low = 0
    var high = postings.count
    while low < high {
      let middle = (low + high) / 2
      if postings[middle].document < document { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Whether two terms are the same bytes (`==` on strings compares canonical equivalence,
  /// which the index's order does not).
  static func same(_ a: String, _ b: String) -> Bool {
    a.utf8.elementsEqual(b.utf8)
  }

  /// Whether bit `number` of a bitmap is set.
  static func has(_ bitmap: [UInt64], _ number: Int) -> Bool {
    number / 64 < bitmap.count && bitmap[number / 64] & (1 << UInt64(number % 64)) != 0
  }

  /// The shard a term not in the index would go to: the last one starting at or before it.
  func shardIndex(for term: String) -> Int {
    var low = 0
    var high = shards.count
    while low < high {
      let middle = (low + high) / 2
      if SearchEngine.precedes(term, shards[middle].firstTerm) {
        high = middle
      } else {
        low = middle + 1
      }
    }
    return max(0, low - 1)
  }

  /// Cuts shards again from the first changed one, as `SearchIndex.build` cuts them, and
  /// takes the old shards back where a cut meets their start before unchanged shards: a shard's
  /// cut depends only on where it starts and the terms from there, so from there on the old
  /// shards are what cutting would give.
  ///
  /// - Parameter decoded: the changed shards' terms, by old shard index; others are decoded
  ///   from `blob` when cutting runs into them.
  private func recut(
    _ decoded: [Int: [Term]], entries: [Entry], averageLength: Double,
    blob: (String) -> [UInt8]?
  ) -> (shards: [Shard], blobs: [String: [UInt8]], files: [SearchFile])? {
    guard let start = decoded.keys.min() else { return (shards, [:], []) }
    return withoutActuallyEscaping(blob) { blob in
      var recut = Recut(
        shards: shards, terms: decoded, entries: entries, averageLength: averageLength,
        blob: blob, start: start)
      guard recut.run(from: start) else { return nil }
      return (recut.result, recut.blobs, recut.files)
    }
  }

  /// Cutting shards again: the old shards, the terms known so far, and what was cut.
  private struct Recut {
    let shards: [Shard]
    /// Terms by old shard index: the changed shards', and those read from blobs since.
    var terms: [Int: [Term]]
    let entries: [Entry]
    let norms: [Double]
    let blob: (String) -> [UInt8]?
    var result: [Shard]
    var blobs: [String: [UInt8]] = [:]
    var files: [SearchFile] = []
    /// The terms of the shard being cut.
    var open: [Term] = []

    init(
      shards: [Shard], terms: [Int: [Term]], entries: [Entry], averageLength: Double,
      blob: @escaping (String) -> [UInt8]?, start: Int
    ) {
      self.shards = shards
      self.terms = terms
      self.entries = entries
      self.norms = entries.map {
        SearchEngine.norm(length: $0.length, averageLength: averageLength)
      }
      self.blob = blob
      self.result = Array(shards[..<start])
    }

    /// The terms of old shard `index`, read from its blob when not known.
    mutating func termsOf(_ index: Int) -> [Term]? {
      if let known = terms[index] { return known }
      let read = blob(shards[index].hash).flatMap(SearchState.decode)
      terms[index] = read
      return read
    }

    /// The first term from shard `index` on.
    func firstTerm(from index: Int) -> String? {
      for later in index..<shards.count {
        if let known = terms[later] {
          if let first = known.first { return first.term }
        } else {
          return shards[later].firstTerm
        }
      }
      return nil
    }

    /// A term's postings as the index file holds them.
    func encode(_ term: Term) -> String {
      let facet = term.isFacet
      let count = entries.count
      let idf = SearchEngine.idf(frequency: term.postings.count, count: count)
      return SearchIndex.encodePostings(count: term.postings.count, facet: facet) { offset in
        let posting = term.postings[offset]
        let document = Int(posting.document)
        let impact =
          facet
          ? 0
          : SearchEngine.impact(
            posting.weight, idf: idf, norm: norms[document], prior: entries[document].prior)
        return (document, impact, posting.weight.named, Int(posting.passage))
      }
    }

    /// Closes the open shard.
    mutating func emit(_ shard: (first: String, payload: [UInt8])) {
      let (hash, file) = SearchIndex.shardFile(shard.payload)
      files.append(file)
      blobs[hash] = SearchState.encode(open)
      result.append(
        Shard(
          first: shard.first, hash: hash, firstTerm: open.first?.term ?? "",
          lastTerm: open.last?.term ?? "",
          documents: SearchState.bitmap(open, count: entries.count)))
      open = []
    }

    func separator(before index: Int) -> String {
      guard index > 0, let first = firstTerm(from: index) else { return "" }
      return SearchIndex.separator(after: shards[index - 1].lastTerm, upTo: first)
    }

    /// Cuts from old shard `start` to the end; false when a blob cannot be read.
    mutating func run(from start: Int) -> Bool {
      var cutter = ShardCutter(first: separator(before: start))
      var index = start
      while index < shards.count {
        guard let shardTerms = termsOf(index) else { return false }
        var resumed = false
        for (position, term) in shardTerms.enumerated() {
          let last = position == shardTerms.count - 1
          let next = last ? firstTerm(from: index + 1) : shardTerms[position + 1].term
          open.append(term)
          guard let shard = cutter.add(term.term, encode(term), next: next) else { continue }
          emit(shard)
          // A cut where the old shard ended, before a shard that did not change: the old
          // shards from there to the next changed one are what cutting them again would give.
          guard last, index + 1 < shards.count, terms[index + 1] == nil else { continue }
          index = copyUnchanged(from: index + 1, first: cutter.first)
          cutter = ShardCutter(first: separator(before: index))
          resumed = true
        }
        if !resumed { index += 1 }
      }
      if let shard = cutter.finish(alone: result.isEmpty) { emit(shard) }
      return true
    }

    /// Takes back the old shards from `start` to the next changed one, the first starting at
    /// `first`; returns the index after them.
    mutating func copyUnchanged(from start: Int, first: String) -> Int {
      var copied = start
      while copied < shards.count, terms[copied] == nil {
        var shard = shards[copied]
        if copied == start { shard.first = first }
        result.append(shard)
        copied += 1
      }
      return copied
    }
  }
}
