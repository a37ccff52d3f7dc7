internal import CGit2
import Foundation

extension Repository {
  /// Turns walk records (newest first) into each head document's history, following renames.
  ///
  /// A document's history starts with the records under its path at `head`. A rename record adds
  /// the old name, valid only for commits that are not descendants of the rename commit, so a
  /// file later re-created under the old name does not leak into the moved one; concurrent
  /// branches that still edit the old name are followed. `.mailmap` and
  /// `.git-blame-ignore-revs` are read at `head` and applied here, to cached records too.
  func assemble(records: [HistoryRecord], head: RawID, prefixes: [String], extensions: Set<String>)
    throws(GitError) -> [String: FileHistory]
  {
    let headTree = try tree(ofCommit: head)
    defer { git_tree_free(headTree) }
    var headPaths: [String] = []
    let reader = TreeReader(repository: handle, root: headTree, maxBytes: 1 << 20)
    try reader.forEachTree(at: prefixes) { tree, base throws(GitError) in
      try reader.visit(tree: tree, base: base, extensions: extensions) { path, _, isLink in
        if !isLink { headPaths.append(path) }
      }
    }
    let ignored = try ignoredRevisions(reader)
    var mailmap: OpaquePointer?
    if git_mailmap_from_repository(&mailmap, handle) != 0 { mailmap = nil }
    defer { git_mailmap_free(mailmap) }
    var byPath: [String: [Hit]] = [:]
    for (recordIndex, record) in records.enumerated() {
      for (changeIndex, change) in record.changes.enumerated() {
        byPath[change.path, default: []].append(Hit(record: recordIndex, change: changeIndex))
      }
    }
    var infos = CommitInfos(records: records, mailmap: mailmap, ignored: ignored)
    var files: [String: FileHistory] = [:]
    files.reserveCapacity(headPaths.count)
    for path in headPaths {
      let picked = hits(of: path, records: records, byPath: byPath)
      files[path] = FileHistory(entries: entries(picked, records: records, infos: &infos))
    }
    return files
  }

  /// A change of a walk record: the record's index and the change's within it.
  struct Hit {
    var record: Int
    var change: Int
  }

  /// The changes of a document's history in record order: those under its path, then those
  /// under the names it was renamed from, each valid only for commits that do not descend from
  /// the rename.
  private func hits(of path: String, records: [HistoryRecord], byPath: [String: [Hit]]) -> [Hit] {
    var names: [(name: String, validAfter: Int?)] = [(path, nil)]
    var seen: [String] = [path]  // few names per document: a linear search is cheapest
    var picked: [Hit] = []
    var next = 0
    while next < names.count {
      let (name, validAfter) = names[next]
      next += 1
      for hit in byPath[name] ?? [] {
        if let rename = validAfter {
          if hit.record == rename { continue }
          if hit.record < rename, isDescendant(records[hit.record].id, of: records[rename].id) {
            continue
          }
        }
        picked.append(hit)
        let change = records[hit.record].changes[hit.change]
        if let from = change.from, !seen.contains(from) {
          seen.append(from)
          names.append((from, hit.record))
        }
      }
    }
    // One name's hits are already in record order; several names need merging.
    if names.count > 1 { picked.sort { ($0.record, $0.change) < ($1.record, $1.change) } }
    return picked
  }

  /// A document's history entries from its changes, one per commit.
  private func entries(
    _ picked: [Hit], records: [HistoryRecord], infos: inout CommitInfos
  ) -> [FileHistoryEntry] {
    var entries: [FileHistoryEntry] = []
    entries.reserveCapacity(picked.count)
    var lastRecord = -1
    for hit in picked where hit.record != lastRecord {
      lastRecord = hit.record
      let change = records[hit.record].changes[hit.change]
      let kind: FileHistoryEntry.Change
      switch change.kind {
      case .added: kind = .added
      case .modified: kind = .modified
      case .deleted: kind = .deleted
      case .renamed: kind = .renamed(from: change.from ?? change.path)
      }
      entries.append(
        FileHistoryEntry(
          commit: infos.info(hit.record), path: change.path, blob: change.blob?.objectID,
          change: kind))
    }
    return entries
  }

  /// Commits and authors as histories share them, each value built once, authors mapped
  /// through `.mailmap`.
  struct CommitInfos {
    let records: [HistoryRecord]
    /// The repository's mailmap (owned by the caller), or nil.
    let mailmap: OpaquePointer?
    let ignored: Set<RawID>
    private var infos: [CommitInfo?]
    private var people: [String: Person] = [:]

    init(records: [HistoryRecord], mailmap: OpaquePointer?, ignored: Set<RawID>) {
      self.records = records
      self.mailmap = mailmap
      self.ignored = ignored
      self.infos = [CommitInfo?](repeating: nil, count: records.count)
    }

    mutating func person(_ record: HistoryRecord) -> Person {
      let key = record.authorName + "\n" + record.authorEmail
      if let known = people[key] { return known }
      var name = record.authorName
      var email = record.authorEmail
      // libgit2 hands back the input pointers when no entry matches, so the C strings must
      // outlive the decoding: resolve and decode inside `withCString`.
      let mailmap = self.mailmap
      let resolved: (String, String)? =
        mailmap == nil
        ? nil
        : name.withCString { namePointer in
          email.withCString { emailPointer in
            var realName: UnsafePointer<CChar>?
            var realEmail: UnsafePointer<CChar>?
            guard
              git_mailmap_resolve(&realName, &realEmail, mailmap, namePointer, emailPointer)
                == 0, let realName, let realEmail
            else { return nil }
            return (decode(realName), decode(realEmail))
          }
        }
      if let resolved { (name, email) = resolved }
      let made = Person(name: name, email: email)
      people[key] = made
      return made
    }

    mutating func info(_ index: Int) -> CommitInfo {
      if let known = infos[index] { return known }
      let record = records[index]
      let made = CommitInfo(
        id: record.id.objectID, author: person(record),
        date: Date(timeIntervalSince1970: TimeInterval(record.time)),
        timeZoneOffsetMinutes: record.offset, subject: record.subject,
        isIgnoredRevision: ignored.contains(record.id))
      infos[index] = made
      return made
    }
  }

  /// The full commit ids listed in `.git-blame-ignore-revs` at the root of the head tree.
  private func ignoredRevisions(_ reader: TreeReader) throws(GitError) -> Set<RawID> {
    guard let file = try reader.file(at: ".git-blame-ignore-revs"), let bytes = file.contents
    else { return [] }
    var result = Set<RawID>()
    for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
      let text =
        line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        .first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      if let id = RawID(hex: text.lowercased()) { result.insert(id) }
    }
    return result
  }
}
