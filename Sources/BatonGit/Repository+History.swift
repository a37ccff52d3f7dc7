internal import CGit2
import Foundation

extension Repository {
  /// Computes every document's history up to `head` in one walk over the commits.
  ///
  /// With a `cacheDirectory`, the result is cached there and the next call walks only commits
  /// that the cached head cannot reach. A cache that is unreadable, from another repository,
  /// for other options, or whose head is no longer an ancestor (rewritten history) is ignored and
  /// rebuilt; `notes` says why, for the caller to show. Nothing is printed.
  public func history(upTo head: ObjectID, options: HistoryOptions, cacheDirectory: String?)
    throws(GitError) -> (History, notes: [String])
  {
    let headID = try RawID(head)
    let prefixes = normalizedPrefixes(options.prefixes)
    let extensions = Set(options.extensions.map { $0.lowercased() })
    let boundary = shallowBoundary()
    var notes: [String] = []
    var cached: HistoryCache?
    if let cacheDirectory {
      cached = usableCache(
        in: cacheDirectory, head: headID, prefixes: prefixes, extensions: extensions,
        boundary: boundary, notes: &notes)
    }
    var records: [HistoryRecord]
    var roots: [RawID]
    var walked = 0
    if let cached, cached.head == headID {
      records = cached.records
      roots = cached.roots
    } else {
      let walk = try walkHistory(
        head: headID, hiding: cached?.head, prefixes: prefixes, extensions: extensions,
        progress: options.progress)
      records = walk.records
      roots = walk.roots
      walked = walk.walked
      if let cached {
        records += cached.records
        roots = Array(Set(roots + cached.roots))
      }
      if let cacheDirectory {
        let cache = HistoryCache(
          head: headID, roots: roots.sorted(), prefixes: prefixes,
          extensions: extensions.sorted(), shallowBoundary: boundary, walkedCommits: walked,
          records: records)
        let note = cache.save(
          to: cacheDirectory, extending: cached,
          newRecords: records.count - (cached?.records.count ?? 0))
        if let note { notes.append(note) }
      }
    }
    let files = try assemble(
      records: records, head: headID, prefixes: prefixes, extensions: extensions)
    let history = History(
      head: head, isShallow: isShallow, shallowBoundary: boundary.map(\.objectID), files: files,
      walkedCommits: walked)
    return (history, notes)
  }

  /// A blob's bytes; nil when it is larger than `maxBytes`.
  public func blob(_ id: ObjectID, maxBytes: Int) throws(GitError) -> [UInt8]? {
    var oid = try RawID(id).oid
    var blob: OpaquePointer?
    try check(git_blob_lookup(&blob, handle, &oid), "git_blob_lookup", path: id.hex)
    defer { git_blob_free(blob) }
    let size = Int(git_blob_rawsize(blob))
    if size > maxBytes { return nil }
    guard size > 0, let raw = git_blob_rawcontent(blob) else { return [] }
    return Array(UnsafeRawBufferPointer(start: raw, count: size))
  }

  /// The commits where a shallow clone is cut off, from `.git/shallow`; empty when not shallow.
  func shallowBoundary() -> [RawID] {
    guard isShallow,
      let text = try? String(contentsOfFile: gitDirectory + "/shallow", encoding: .utf8)
    else { return [] }
    return text.split(whereSeparator: \.isNewline).compactMap { RawID(hex: String($0)) }.sorted()
  }

  private func usableCache(
    in directory: String, head: RawID, prefixes: [String], extensions: Set<String>,
    boundary: [RawID], notes: inout [String]
  ) -> HistoryCache? {
    let path = directory + "/" + HistoryCache.fileName
    switch HistoryCache.load(from: directory) {
    case nil:
      return nil
    case .failure(let failure):
      notes.append("ignored the history cache '\(path)' because \(failure.reason); rebuilt it")
      return nil
    case .success(let cache):
      if cache.prefixes != prefixes || cache.extensions != extensions.sorted() {
        notes.append(
          "ignored the history cache '\(path)' because it was built for other folders or "
            + "extensions; rebuilt it")
        return nil
      }
      let knowsRoots = cache.roots.allSatisfy { root in
        var oid = root.oid
        var commit: OpaquePointer?
        defer { git_commit_free(commit) }
        return git_commit_lookup(&commit, handle, &oid) == 0
      }
      let cachedHead = cache.head
      guard knowsRoots else {
        notes.append(
          "ignored the history cache '\(path)' because it belongs to another repository; "
            + "rebuilt it")
        return nil
      }
      if cache.shallowBoundary != boundary {
        notes.append(
          "ignored the history cache '\(path)' because the clone's depth changed; rebuilt it")
        return nil
      }
      if !isDescendant(head, of: cachedHead) {
        notes.append(
          "ignored the history cache '\(path)' because its commit \(cachedHead.hex.prefix(7)) "
            + "is no longer in the history of \(head.hex.prefix(7)) (amended or rebased); "
            + "rebuilt it")
        return nil
      }
      return cache
    }
  }
}
