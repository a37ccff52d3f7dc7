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
    changes([document])?.first
  }

  /// Documents as the index reads them now (see `change`); nil when the state holds no
  /// document at one of their paths.
  package func changes(_ documents: [Document]) -> [Change]? {
    var changes: [Change] = []
    for (document, number) in zip(documents, names.numbers(of: documents.map(\.path))) {
      guard let number else { return nil }
      changes.append(change(document, number: number))
    }
    return changes
  }

  /// A document as the index reads it now, as document `number`.
  private func change(_ document: Document, number: Int) -> Change {
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
    guard var next = resized(changes) else { return nil }
    let coder = PostingCoder(entries: next.entries, averageLength: next.averageLength)
    guard let read = changedShards(changes, next: next, coder: coder, blob: blob),
      let (shards, blobs, shardFiles) = recut(
        read, numbers: changes.map { Int32($0.number) }.sorted(), blob: blob)
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
      guard change.number < entries.count, names.hasPath(change.number, change.entry.path)
      else { return nil }
      next.totalLength += change.entry.length - entries[change.number].length
      next.entries[change.number].length = change.entry.length
      next.entries[change.number].parts = SearchIndex.parts(passages: change.entry.passages.count)
    }
    next.averageLength = SearchEngine.quantized(
      Double(next.totalLength) / Double(max(1, entries.count)))
    return next
  }

  /// The shards a patch read: the records of each, patched, by old shard index, and which of
  /// them changed.
  private struct Read {
    var records: [Int: [Record]] = [:]
    var changed: Set<Int> = []
  }

  /// The shards that hold the changes' documents or would hold their new terms, patched (see
  /// `Read`); nil when a blob is missing or damaged. When the average length moves, every
  /// impact may: every shard is read and changes.
  private func changedShards(
    _ changes: [Change], next: SearchState, coder: PostingCoder, blob: (String) -> [UInt8]?
  ) -> Read? {
    let everything = next.averageLength != averageLength
    let numbers = Set(changes.map { Int32($0.number) }).sorted()
    // The shards that hold a changed document's old terms or would hold its new ones.
    var touched: [Int: [Term]] = [:]
    for (index, shard) in shards.enumerated()
    where everything || numbers.contains(where: { SearchState.has(shard.documents, Int($0)) }) {
      touched[index] = []
    }
    for change in changes {
      for term in change.terms { touched[shardIndex(for: term.term), default: []].append(term) }
    }
    let items = touched.sorted { $0.key < $1.key }.map {
      (index: $0.key, added: $0.value, bytes: blob(shards[$0.key].hash))
    }
    let old = shards
    let results = items.parallelMap { item -> (Int, [Record], Bool)? in
      guard let bytes = item.bytes, let records = SearchState.records(bytes, origin: item.index)
      else { return nil }
      // Only a document the shard has postings of is looked for in its terms.
      let present = numbers.filter { SearchState.has(old[item.index].documents, Int($0)) }
      guard
        let (patched, differs) = SearchState.replacing(
          present, in: records, with: item.added, coder: coder, recomputing: everything)
      else { return nil }
      return (item.index, patched, everything || differs)
    }
    var read = Read()
    for result in results {
      guard let (index, records, changed) = result else { return nil }
      read.records[index] = records
      if changed { read.changed.insert(index) }
    }
    guard widen(&read, blob: blob) else { return nil }
    return read
  }

  /// Adds the shards before changed ones whose first term changed: where the shard before
  /// closed may change. False when a blob is missing or damaged.
  private func widen(_ read: inout Read, blob: (String) -> [UInt8]?) -> Bool {
    var changed = read.changed.sorted(by: >)
    while let index = changed.popLast() {
      guard index > 0, !read.changed.contains(index - 1),
        !SearchState.same(read.records[index]?.first?.term ?? "", shards[index].firstTerm)
      else { continue }
      if read.records[index - 1] == nil {
        guard
          let records = blob(shards[index - 1].hash).flatMap({
            SearchState.records($0, origin: index - 1)
          })
        else { return false }
        read.records[index - 1] = records
      }
      read.changed.insert(index - 1)
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
          let new = SearchIndex.payloads(change.entry, url: names.url(number))
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
      removed.formUnion(
        SearchIndex.excerptPaths(
          group: groups[group], parts: numbers.map { ($0, entries[$0].parts) }))
      next.groups[group] = hash
      for (path, bytes) in groupFiles {
        removed.remove(path)
        files.append(SearchFile(path: path, bytes: bytes))
      }
    }
    return made
  }

  /// The records of a shard with the postings of `numbers` (sorted) replaced by `added` (each
  /// term of `added` holding one posting), in order, and whether they differ from `records`;
  /// nil when a record is damaged. Terms left without postings are dropped; facet terms keep
  /// their postings (a body edit does not change facets).
  ///
  /// With `recomputing` (the average length moved), every record is encoded again.
  static func replacing(
    _ numbers: [Int32], in records: [Record], with added: [Term], coder: PostingCoder,
    recomputing: Bool
  ) -> (records: [Record], changed: Bool)? {
    let additions = merged(added)
    func made(_ term: Term) -> Record {
      coder.record(term, origin: nil, holds: term.postings.map(\.document))
    }
    var result: [Record] = []
    result.reserveCapacity(records.count + additions.count)
    var changed = false
    var next = 0
    for record in records {
      while next < additions.count, SearchEngine.precedes(additions[next].term, record.term) {
        result.append(made(additions[next]))
        changed = true
        next += 1
      }
      var inserted: [Posting] = []
      if next < additions.count, same(additions[next].term, record.term) {
        inserted = additions[next].postings
        next += 1
      }
      guard
        let (patched, differs) = replacing(
          numbers, in: record, with: inserted, coder: coder, recomputing: recomputing)
      else { return nil }
      if differs { changed = true }
      if let patched { result.append(patched) }
    }
    if next < additions.count { changed = true }
    result += additions[next...].map(made)
    return (result, changed)
  }

  /// The same new term from several documents as one term, in the index's order.
  static func merged(_ added: [Term]) -> [Term] {
    var additions: [Term] = []
    for term in added.sorted(by: { SearchEngine.precedes($0.term, $1.term) }) {
      if let last = additions.last, same(last.term, term.term) {
        for posting in term.postings {
          additions[additions.count - 1].postings.insert(
            posting, at: position(of: posting.document, in: additions[additions.count - 1].postings)
          )
        }
      } else {
        additions.append(term)
      }
    }
    return additions
  }

  /// A record with the postings of `numbers` (sorted) replaced by `inserted` (in order of their
  /// documents), nil when none are left, and whether it changed; nil when it is damaged.
  ///
  /// Where the documents' postings are replaced by postings of the same documents, as most of
  /// an edited document's are, the term's document count and so every other posting's impact
  /// stay: the record is spliced (`PostingCoder.spliced`). Else the term is decoded and
  /// encoded again whole.
  static func replacing(
    _ numbers: [Int32], in record: Record, with inserted: [Posting], coder: PostingCoder,
    recomputing: Bool
  ) -> (record: Record?, changed: Bool)? {
    guard let found = find(numbers, in: record) else { return nil }
    var kept = record
    kept.holds = found.map(\.document)
    if !recomputing {
      if inserted.isEmpty, found.isEmpty || record.isFacet { return (kept, false) }
      if !record.isFacet, found.map(\.document) == inserted.map(\.document) {
        var (spliced, differs) = coder.spliced(record, at: found, with: inserted)
        spliced.holds = kept.holds
        return (spliced, differs)
      }
    }
    guard let postings = postings(of: record) else { return nil }
    var term = Term(term: record.term, postings: postings)
    _ = replacePostings(of: numbers, in: &term, with: inserted)
    guard !term.postings.isEmpty else { return (nil, true) }
    let holds = Set(inserted.map(\.document) + (record.isFacet ? kept.holds : [])).sorted()
    let made = coder.record(term, origin: record.origin, holds: holds)
    let differs =
      !made.text.elementsEqual(record.text) || !made.weights.elementsEqual(record.weights)
    return (made, differs)
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
  /// - Parameters:
  ///   - read: the shards read, patched; the changed ones are cut again, others are read from
  ///     `blob` when cutting runs into them.
  ///   - numbers: the changed documents' numbers, in order.
  private func recut(
    _ read: Read, numbers: [Int32], blob: (String) -> [UInt8]?
  ) -> (shards: [Shard], blobs: [String: [UInt8]], files: [SearchFile])? {
    guard let start = read.changed.min() else { return (shards, [:], []) }
    return withoutActuallyEscaping(blob) { blob in
      var recut = Recut(
        shards: shards, read: read, numbers: numbers, count: entries.count, blob: blob,
        start: start)
      guard recut.run(from: start) else { return nil }
      return (recut.result, recut.blobs, recut.files)
    }
  }

  /// Cutting shards again: the old shards, the records known so far, and what was cut.
  private struct Recut {
    let shards: [Shard]
    /// Records by old shard index: the changed shards', and those cutting ran into since.
    var terms: [Int: [Record]]
    /// Every shard the patch read, patched: taken when cutting runs into it.
    let read: [Int: [Record]]
    /// The changed documents' numbers, in order.
    let numbers: [Int32]
    /// How many documents the index has.
    let count: Int
    let blob: (String) -> [UInt8]?
    var result: [Shard]
    var blobs: [String: [UInt8]] = [:]
    var files: [SearchFile] = []
    /// The records of the shard being cut.
    var open: [Record] = []

    init(
      shards: [Shard], read: Read, numbers: [Int32], count: Int,
      blob: @escaping (String) -> [UInt8]?, start: Int
    ) {
      self.shards = shards
      self.terms = read.records.filter { read.changed.contains($0.key) }
      self.read = read.records
      self.numbers = numbers
      self.count = count
      self.blob = blob
      self.result = Array(shards[..<start])
    }

    /// The records of old shard `index`, read from its blob when not known.
    mutating func termsOf(_ index: Int) -> [Record]? {
      if let known = terms[index] { return known }
      let records =
        read[index] ?? blob(shards[index].hash).flatMap { SearchState.records($0, origin: index) }
      terms[index] = records
      return records
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

    /// The documents of the open shard: an old shard's bitmap with the changed documents' bits
    /// set again when the open shard holds all of that shard's records (and perhaps new
    /// terms, which only changed documents have postings of); else read from the records.
    func documents() -> [UInt64]? {
      let origins = Set(open.compactMap(\.origin))
      guard origins.count == 1, let origin = origins.first, let all = terms[origin],
        all.count(where: { $0.origin == origin }) == open.count(where: { $0.origin == origin })
      else { return SearchState.bitmap(open, count: count) }
      var words = shards[origin].documents
      for number in numbers where Int(number) / 64 < words.count {
        words[Int(number) / 64] &= ~(1 << UInt64(Int(number) % 64))
      }
      for record in open {
        for document in record.holds { SearchState.set(&words, Int(document)) }
      }
      return words
    }

    /// Closes the open shard; false when a record is damaged.
    mutating func emit(_ shard: (first: String, payload: [UInt8])) -> Bool {
      guard let documents = documents() else { return false }
      let (hash, file) = SearchIndex.shardFile(shard.payload)
      files.append(file)
      blobs[hash] = SearchState.blob(open)
      result.append(
        Shard(
          first: shard.first, hash: hash, firstTerm: open.first?.term ?? "",
          lastTerm: open.last?.term ?? "", documents: documents))
      open = []
      return true
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
        guard let records = termsOf(index) else { return false }
        var resumed = false
        for (position, record) in records.enumerated() {
          let last = position == records.count - 1
          let next = last ? firstTerm(from: index + 1) : records[position + 1].term
          open.append(record)
          guard let shard = cutter.add(record.term, record.text, next: next) else { continue }
          guard emit(shard) else { return false }
          // A cut where the old shard ended, before a shard that did not change: the old
          // shards from there to the next changed one are what cutting them again would give.
          guard last, index + 1 < shards.count, terms[index + 1] == nil else { continue }
          index = copyUnchanged(from: index + 1, first: cutter.first)
          cutter = ShardCutter(first: separator(before: index))
          resumed = true
        }
        if !resumed { index += 1 }
      }
      if let shard = cutter.finish(alone: result.isEmpty) { return emit(shard) }
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
