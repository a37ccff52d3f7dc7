internal import CGit2

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Walks commits once and records which documents each commit touched.
///
/// Per commit it compares the tree with its first parent's, only inside the document prefixes,
/// descending only into subtrees whose ids differ. Renames are looked for only when a commit both
/// adds and deletes documents: equal blob ids first, then libgit2's similarity on just those paths.
/// A merge keeps a document change only when the document differs from every parent, like
/// `git log`. libgit2 orders the commits (its revision walk); commits and trees are read raw
/// through an `ObjectReader` and parsed here (`RawCommit`, `RawTree`), which is an order of
/// magnitude faster than libgit2's commit and tree objects on long histories. Owns the
/// revision walk (freed in `deinit`) and the reader.
final class HistoryWalker {
  private let repository: Repository
  private let prefixes: [String]
  private let extensions: Set<String>
  private let walk: OpaquePointer
  private let reader: ObjectReader
  /// Parents parsed while visiting their child, kept until the walk reaches them.
  private var parsedParents: [RawID: RawCommit] = [:]
  /// Trees read for the current commit and for the previous one (usually its child, whose
  /// parent trees are this commit's trees), so most trees are looked up once.
  private var currentTrees: [RawID: RawTree] = [:]
  private var previousTrees: [RawID: RawTree] = [:]
  private(set) var roots: [RawID] = []
  private(set) var walked = 0

  init(repository: Repository, prefixes: [String], extensions: Set<String>) throws(GitError) {
    self.repository = repository
    self.prefixes = prefixes
    self.extensions = extensions
    var walk: OpaquePointer?
    try check(git_revwalk_new(&walk, repository.handle), "git_revwalk_new")
    guard let walk else {
      throw GitError.failure("no revision walk", function: "git_revwalk_new")
    }
    self.walk = walk
    self.reader = try ObjectReader(repository: repository)
    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue)
  }

  deinit {
    git_revwalk_free(walk)
  }

  /// The commits reachable from `head` but not from `hidden`, newest first, in the order the
  /// walk visits them.
  ///
  /// libgit2 1.5's revision walk fails on a shallow clone (it looks for the missing parents), so
  /// shallow repositories are ordered by `shallowOrder` instead.
  func commits(head: RawID, hiding hidden: RawID?) throws(GitError) -> [RawID] {
    if repository.isShallow { return try shallowOrder(head: head, hidden: hidden) }
    var start = head.oid
    try check(git_revwalk_push(walk, &start), "git_revwalk_push", path: head.hex)
    if let hidden {
      var oid = hidden.oid
      try check(git_revwalk_hide(walk, &oid), "git_revwalk_hide", path: hidden.hex)
    }
    var ids: [RawID] = []
    var oid = git_oid()
    while true {
      let code = git_revwalk_next(&oid, walk)
      if code == GIT_ITEROVER.rawValue { break }
      try check(code, "git_revwalk_next")
      ids.append(RawID(oid))
    }
    return ids
  }

  /// Visits commits in the order given (a run of `commits(head:hiding:)`), calling `visited`
  /// after each, and returns the records of those that touched documents, in the same order.
  ///
  /// Each commit is compared with its parents on its own, so consecutive runs of the walk can be
  /// visited by separate walkers (on separate threads, each with its own `Repository`) and
  /// their records joined in order.
  func visit(_ ids: ArraySlice<RawID>, visited: () -> Void) throws(GitError) -> [HistoryRecord] {
    var records: [HistoryRecord] = []
    for id in ids {
      walked += 1
      if let record = try visit(id) { records.append(record) }
      previousTrees = currentTrees
      currentTrees.removeAll(keepingCapacity: true)
      visited()
    }
    return records
  }

  /// Orders the commits of a shallow clone reachable from `head` and not from `hidden`:
  /// children before parents, newest commit time first among those ready; missing parents are
  /// skipped.
  private func shallowOrder(head: RawID, hidden: RawID?) throws(GitError) -> [RawID] {
    var excluded = Set<RawID>()
    if let hidden { _ = try collect(from: hidden, excluding: [], into: &excluded) }
    var found = Set<RawID>()
    let commits = try collect(from: head, excluding: excluded, into: &found)
    var pendingChildren: [RawID: Int] = [:]
    for commit in commits.values {
      for parent in commit.parents { pendingChildren[parent, default: 0] += 1 }
    }
    var ready = commits.keys.filter { pendingChildren[$0, default: 0] == 0 }
    var order: [RawID] = []
    while !ready.isEmpty {
      var best = 0
      for index in ready.indices.dropFirst()
      where (commits[ready[index]]?.time ?? 0) > (commits[ready[best]]?.time ?? 0) {
        best = index
      }
      let id = ready.remove(at: best)
      order.append(id)
      for parent in commits[id]?.parents ?? [] {
        pendingChildren[parent, default: 1] -= 1
        if pendingChildren[parent] == 0 { ready.append(parent) }
      }
    }
    return order
  }

  /// The commits reachable from `start` that exist in the repository and are not excluded.
  private func collect(
    from start: RawID, excluding excluded: Set<RawID>, into seen: inout Set<RawID>
  )
    throws(GitError) -> [RawID: (parents: [RawID], time: Int64)]
  {
    var result: [RawID: (parents: [RawID], time: Int64)] = [:]
    var stack = [start]
    while let id = stack.popLast() {
      if excluded.contains(id) || !seen.insert(id).inserted { continue }
      var oid = id.oid
      var commit: OpaquePointer?
      guard git_commit_lookup(&commit, repository.handle, &oid) == 0 else { continue }
      defer { git_commit_free(commit) }
      var parents: [RawID] = []
      for index in 0..<git_commit_parentcount(commit) {
        guard let parentID = git_commit_parent_id(commit, index) else { continue }
        let parent = RawID(parentID)
        var probe = parent.oid
        var parentCommit: OpaquePointer?
        if git_commit_lookup(&parentCommit, repository.handle, &probe) == 0 {
          git_commit_free(parentCommit)
          if !excluded.contains(parent) { parents.append(parent) }
          stack.append(parent)
        }
      }
      result[id] = (parents, git_commit_time(commit))
    }
    return result
  }

  private func commit(_ id: RawID) throws(GitError) -> RawCommit {
    let object = try reader.read(id)
    guard object.kind == .commit else {
      throw GitError.failure("not a commit", function: "HistoryWalker", path: id.hex)
    }
    return try RawCommit(object.data, id: id)
  }

  private func visit(_ id: RawID) throws(GitError) -> HistoryRecord? {
    let commit: RawCommit
    if let parsed = parsedParents.removeValue(forKey: id) {
      commit = parsed
    } else {
      commit = try self.commit(id)
    }
    let treeID = commit.tree
    var parentTrees: [RawID?] = []
    for parentID in commit.parents {
      if let parent = parsedParents[parentID] {
        parentTrees.append(parent.tree)
      } else if let parent = try? self.commit(parentID) {
        parsedParents[parentID] = parent
        parentTrees.append(parent.tree)
      } else {
        // A shallow clone's boundary commits name parents that are not in the repository.
        parentTrees.append(nil)
      }
    }
    if commit.parents.isEmpty { roots.append(id) }
    let firstParent = parentTrees.first ?? nil
    if firstParent == treeID { return nil }
    var changes = try compareRoots(old: firstParent, new: treeID)
    if changes.isEmpty { return nil }
    if parentTrees.count > 1 {
      changes = try dropChangesMatchingOtherParents(changes, parents: parentTrees.dropFirst())
      if changes.isEmpty { return nil }
    }
    let records = try detectRenames(changes, old: firstParent, new: treeID)
    return makeRecord(id: id, commit: commit, changes: records)
  }

  // MARK: - Tree comparison

  /// A document path whose blob differs between the parent and the commit.
  struct Difference {
    var path: String
    var old: RawID?
    var new: RawID?
  }

  private func compareRoots(old: RawID?, new: RawID) throws(GitError) -> [Difference] {
    var differences: [Difference] = []
    for prefix in prefixes {
      if prefix.isEmpty {
        try compare(old: old, new: new, base: "", into: &differences)
      } else {
        let oldSub = try old.flatMap { (root) throws(GitError) in try subtreeID(root, prefix) }
        let newSub = try subtreeID(new, prefix)
        if oldSub == newSub { continue }
        try compare(old: oldSub, new: newSub, base: prefix + "/", into: &differences)
      }
    }
    return differences
  }

  /// The id of the folder at `path` inside tree `root`, nil when absent or not a folder.
  private func subtreeID(_ root: RawID, _ path: String) throws(GitError) -> RawID? {
    var current = root
    for component in path.split(separator: "/") {
      guard let entry = try loadTree(current).entry(named: String(component)), entry.isTree
      else { return nil }
      current = entry.id
    }
    return current
  }

  private func loadTree(_ id: RawID) throws(GitError) -> RawTree {
    if let tree = currentTrees[id] { return tree }
    if let tree = previousTrees[id] {
      currentTrees[id] = tree
      return tree
    }
    let object = try reader.read(id)
    guard object.kind == .tree else {
      throw GitError.failure("not a tree", function: "HistoryWalker", path: id.hex)
    }
    let tree = RawTree(bytes: object.data)
    currentTrees[id] = tree
    return tree
  }

  /// Compares two folders (either may be absent) whose path is `base`, recursively.
  private func compare(old: RawID?, new: RawID?, base: String, into result: inout [Difference])
    throws(GitError)
  {
    if old == new { return }
    let oldTree = try old.map { (id) throws(GitError) in try loadTree(id) } ?? RawTree(bytes: [])
    let newTree = try new.map { (id) throws(GitError) in try loadTree(id) } ?? RawTree(bytes: [])
    for (a, b) in try RawTree.differences(old: oldTree, new: newTree) {
      try emit(old: a, new: b, base: base, into: &result)
    }
  }

  /// Records the difference between two entries with the same name (either may be absent).
  private func emit(
    old: RawTree.Entry?, new: RawTree.Entry?, base: String, into result: inout [Difference]
  ) throws(GitError) {
    guard let named = new ?? old else { return }
    let name = named.name
    let oldTree = old.flatMap { $0.isTree ? $0.id : nil }
    let newTree = new.flatMap { $0.isTree ? $0.id : nil }
    if oldTree != nil || newTree != nil {
      try compare(old: oldTree, new: newTree, base: base + name + "/", into: &result)
    }
    guard hasExtension(name, in: extensions) else { return }
    let oldBlob = old.flatMap { $0.isBlob ? $0.id : nil }
    let newBlob = new.flatMap { $0.isBlob ? $0.id : nil }
    if oldBlob == nil && newBlob == nil { return }
    if oldBlob == newBlob { return }  // only the mode changed
    result.append(Difference(path: base + name, old: oldBlob, new: newBlob))
  }

  // MARK: - Merges

  private func dropChangesMatchingOtherParents(
    _ changes: [Difference], parents: ArraySlice<RawID?>
  ) throws(GitError) -> [Difference] {
    var kept: [Difference] = []
    outer: for change in changes {
      for parent in parents {
        var blob: RawID?
        if let root = parent { blob = try blobID(root, change.path) }
        if blob == change.new { continue outer }
      }
      kept.append(change)
    }
    return kept
  }

  private func blobID(_ root: RawID, _ path: String) throws(GitError) -> RawID? {
    var components = path.split(separator: "/")
    guard let last = components.popLast() else { return nil }
    var current = root
    for component in components {
      guard let entry = try loadTree(current).entry(named: String(component)), entry.isTree
      else { return nil }
      current = entry.id
    }
    guard let entry = try loadTree(current).entry(named: String(last)), entry.isBlob else {
      return nil
    }
    return entry.id
  }

  // MARK: - Renames

  private func detectRenames(_ changes: [Difference], old: RawID?, new: RawID) throws(GitError)
    -> [HistoryRecord.Change]
  {
    var deleted = changes.filter { $0.new == nil }
    var added = changes.filter { $0.old == nil }
    var renames: [String: String] = [:]  // new path → old path
    if !deleted.isEmpty && !added.isEmpty {
      var byBlob: [RawID: [Int]] = [:]
      for (index, change) in deleted.enumerated() {
        if let blob = change.old { byBlob[blob, default: []].append(index) }
      }
      var usedDeleted = Set<Int>()
      for change in added {
        guard let blob = change.new, var candidates = byBlob[blob], !candidates.isEmpty else {
          continue
        }
        // Prefer the deleted path with the same file name (a folder move).
        let name = change.path.split(separator: "/").last
        let pick =
          candidates.firstIndex { deleted[$0].path.split(separator: "/").last == name } ?? 0
        let index = candidates.remove(at: pick)
        byBlob[blob] = candidates
        usedDeleted.insert(index)
        renames[change.path] = deleted[index].path
      }
      deleted = deleted.enumerated().filter { !usedDeleted.contains($0.offset) }.map(\.element)
      added = added.filter { renames[$0.path] == nil }
      if !deleted.isEmpty && !added.isEmpty, let old {
        for (newPath, oldPath) in try similarRenames(
          old: old, new: new, paths: deleted.map(\.path) + added.map(\.path))
        {
          renames[newPath] = oldPath
        }
      }
    }
    let renamedAway = Set(renames.values)
    var result: [HistoryRecord.Change] = []
    for change in changes {
      if change.new == nil && renamedAway.contains(change.path) { continue }
      let kind: HistoryRecord.Change.Kind
      var from: String?
      if let source = renames[change.path] {
        kind = .renamed
        from = source
      } else if change.old == nil {
        kind = .added
      } else if change.new == nil {
        kind = .deleted
      } else {
        kind = .modified
      }
      result.append(
        HistoryRecord.Change(path: change.path, blob: change.new, from: from, kind: kind))
    }
    return result
  }

  /// Renames libgit2's similarity finds among exactly `paths`, new path → old path.
  private func similarRenames(old: RawID, new: RawID, paths: [String]) throws(GitError)
    -> [String: String]
  {
    let oldTree = try repository.tree(withID: old)
    defer { git_tree_free(oldTree) }
    let newTree = try repository.tree(withID: new)
    defer { git_tree_free(newTree) }
    var options = git_diff_options()
    git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
    options.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH.rawValue
    var diff: OpaquePointer?
    try withStringArray(paths) { (pathspec) throws(GitError) in
      options.pathspec = pathspec
      try check(
        git_diff_tree_to_tree(&diff, repository.handle, oldTree, newTree, &options),
        "git_diff_tree_to_tree")
    }
    defer { git_diff_free(diff) }
    var find = git_diff_find_options()
    git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION))
    find.flags = GIT_DIFF_FIND_RENAMES.rawValue
    try check(git_diff_find_similar(diff, &find), "git_diff_find_similar")
    var renames: [String: String] = [:]
    for index in 0..<git_diff_num_deltas(diff) {
      guard let delta = git_diff_get_delta(diff, index)?.pointee,
        delta.status == GIT_DELTA_RENAMED,
        let newPath = delta.new_file.path, let oldPath = delta.old_file.path
      else { continue }
      renames[String(cString: newPath)] = String(cString: oldPath)
    }
    return renames
  }

  // MARK: - Commit details

  private func makeRecord(id: RawID, commit: RawCommit, changes: [HistoryRecord.Change])
    -> HistoryRecord
  {
    let author = commit.authorSignature()
    return HistoryRecord(
      id: id, authorName: author.name, authorEmail: author.email, time: author.time,
      offset: author.offset, subject: commit.subject, changes: changes)
  }
}

/// Decodes a C string as UTF-8, repairing invalid sequences.
func decode(_ pointer: UnsafePointer<CChar>) -> String {
  let length = strlen(pointer)
  return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
    String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
  }
}
