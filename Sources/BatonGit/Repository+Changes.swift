internal import CGit2

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Repository {
  /// Paths changed between a commit and a snapshot under the prefixes, renames detected, sorted.
  ///
  /// For the working tree the comparison includes staged and unstaged edits and untracked files
  /// that git does not ignore.
  public func changes(from base: ObjectID, to snapshot: Snapshot, under prefixes: [String])
    throws(GitError) -> [PathChange]
  {
    let prefixes = normalizedPrefixes(prefixes)
    let baseTree = try tree(ofCommit: RawID(base))
    defer { git_tree_free(baseTree) }
    var options = git_diff_options()
    git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
    var diff: OpaquePointer?
    var findFlags = GIT_DIFF_FIND_RENAMES.rawValue
    try withStringArray(prefixes.filter { !$0.isEmpty }) { (pathspec) throws(GitError) in
      options.pathspec = pathspec
      switch snapshot {
      case .commit(let id):
        let newTree = try tree(ofCommit: RawID(id))
        defer { git_tree_free(newTree) }
        try check(
          git_diff_tree_to_tree(&diff, handle, baseTree, newTree, &options),
          "git_diff_tree_to_tree")
      case .workingTree:
        options.flags |=
          GIT_DIFF_INCLUDE_UNTRACKED.rawValue
          | GIT_DIFF_RECURSE_UNTRACKED_DIRS.rawValue
        findFlags |= GIT_DIFF_FIND_FOR_UNTRACKED.rawValue
        try check(
          git_diff_tree_to_workdir_with_index(&diff, handle, baseTree, &options),
          "git_diff_tree_to_workdir_with_index")
      }
    }
    defer { git_diff_free(diff) }
    var find = git_diff_find_options()
    git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION))
    find.flags = findFlags
    try check(git_diff_find_similar(diff, &find), "git_diff_find_similar")
    var result: [PathChange] = []
    for index in 0..<git_diff_num_deltas(diff) {
      guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
      let newPath = delta.new_file.path.map { String(cString: $0) } ?? ""
      let oldPath = delta.old_file.path.map { String(cString: $0) } ?? newPath
      let change: PathChange
      switch delta.status {
      case GIT_DELTA_ADDED, GIT_DELTA_UNTRACKED: change = PathChange(path: newPath, kind: .added)
      case GIT_DELTA_DELETED: change = PathChange(path: oldPath, kind: .deleted)
      case GIT_DELTA_RENAMED: change = PathChange(path: newPath, kind: .renamed(from: oldPath))
      case GIT_DELTA_MODIFIED, GIT_DELTA_TYPECHANGE, GIT_DELTA_COPIED:
        change = PathChange(path: newPath, kind: .modified)
      default: continue
      }
      if isPath(change.path, under: prefixes) { result.append(change) }
    }
    result.sort()
    return result
  }

  /// The working-tree state of files under the prefixes relative to HEAD (new or modified),
  /// for marking uncommitted drafts; unchanged files are absent.
  ///
  /// libgit2 fails the whole list when a file it listed vanishes or becomes a folder before it
  /// hashes it; the list is then taken again, up to `attempts` times in all.
  public func workingTreeStatus(under prefixes: [String], attempts: Int = 3) throws(GitError)
    -> [String: WorkingTreeStatus]
  {
    var attempt = 1
    while true {
      do {
        return try statusList(under: prefixes)
      } catch {
        guard attempt < attempts else { throw error }
        attempt += 1
      }
    }
  }

  /// The state of each file in `paths` relative to HEAD, as `git_status_file` gives it: a
  /// file that cannot be asked about (it changes while it is looked at) is left out, and the
  /// others are still known. For the few documents a load read again (`KnownDrafts`), and for
  /// when `workingTreeStatus(under:)` fails on a working tree that keeps changing.
  ///
  /// Each file's status is first worked out without libgit2's index (`FileStatusReader`), whose
  /// loading costs more than the status of a few files; libgit2 is asked about the others.
  public func workingTreeStatus(ofEach paths: [String]) -> [String: WorkingTreeStatus] {
    var result: [String: WorkingTreeStatus] = [:]
    var asked: [String] = []
    let reader = paths.isEmpty ? nil : FileStatusReader(self)
    for path in paths {
      switch reader?.status(of: path) ?? .unknown {
      case .known(let status): result[path] = status
      case .unknown: asked.append(path)
      }
    }
    libraryStatus(ofEach: asked, into: &result)
    return result
  }

  /// `workingTreeStatus(ofEach:)` as libgit2 gives it (`git_status_file`), into `result`.
  ///
  /// The files of one folder are asked about in one list (`fileStatuses`): a list reads HEAD's
  /// trees and the folders' listings down to the folder (twenty million instructions for a
  /// folder of 10,000 files), however few of its files it is asked about.
  func libraryStatus(ofEach paths: [String], into result: inout [String: WorkingTreeStatus]) {
    let folders = Dictionary(grouping: paths) { path in
      path.lastIndex(of: "/").map { path[..<$0] } ?? ""
    }
    for group in folders.values {
      let listed = group.count > 1 ? fileStatuses(group) : [:]
      for path in group {
        var flags: UInt32 = 0
        if let known = listed[path] {
          flags = known
        } else {
          guard git_status_file(&flags, handle, path) == 0 else { continue }
        }
        if flags & (GIT_STATUS_INDEX_NEW.rawValue | GIT_STATUS_WT_NEW.rawValue) != 0 {
          result[path] = .new
        } else if flags != 0 && flags != GIT_STATUS_IGNORED.rawValue {
          result[path] = .modified
        }
      }
    }
  }

  /// The status flags of each of `paths` from one status list taken with the options
  /// `git_status_file` takes one with; a path the list gives twice or not at all is left out,
  /// for the caller to ask `git_status_file` about (which then fails, or finds it as git does
  /// in a repository that ignores case).
  private func fileStatuses(_ paths: [String]) -> [String: UInt32] {
    var options = Repository.statusOptions(
      GIT_STATUS_OPT_INCLUDE_IGNORED.rawValue | GIT_STATUS_OPT_RECURSE_IGNORED_DIRS.rawValue
        | GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue
        | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
        | GIT_STATUS_OPT_INCLUDE_UNMODIFIED.rawValue
        | GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH.rawValue)
    var list: OpaquePointer?
    let code = try? withStringArray(paths) { pathspec in
      options.pathspec = pathspec
      return git_status_list_new(&list, handle, &options)
    }
    defer { git_status_list_free(list) }
    guard code == 0 else { return [:] }
    let asked = Set(paths)
    var flags: [String: UInt32] = [:]
    var twice: Set<String> = []
    for index in 0..<git_status_list_entrycount(list) {
      guard let entry = git_status_byindex(list, index)?.pointee,
        let file = entry.head_to_index?.pointee.old_file.path
          ?? entry.index_to_workdir?.pointee.old_file.path
      else { continue }
      let path = String(cString: file)
      guard asked.contains(path) else { continue }
      if flags.updateValue(entry.status.rawValue, forKey: path) != nil { twice.insert(path) }
    }
    for path in twice { flags[path] = nil }
    return flags
  }

  /// Status options for the index and the working tree both, with `flags`.
  private static func statusOptions(_ flags: UInt32) -> git_status_options {
    var options = git_status_options()
    git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION))
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
    options.flags = flags
    return options
  }

  private func statusList(under prefixes: [String]) throws(GitError)
    -> [String: WorkingTreeStatus]
  {
    let prefixes = normalizedPrefixes(prefixes)
    var options = Repository.statusOptions(
      GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
        | GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue)
    var list: OpaquePointer?
    try withStringArray(prefixes.filter { !$0.isEmpty }) { (pathspec) throws(GitError) in
      options.pathspec = pathspec
      try check(git_status_list_new(&list, handle, &options), "git_status_list_new")
    }
    defer { git_status_list_free(list) }
    var result: [String: WorkingTreeStatus] = [:]
    let newFlags = GIT_STATUS_INDEX_NEW.rawValue | GIT_STATUS_WT_NEW.rawValue
    let deletedFlags = GIT_STATUS_INDEX_DELETED.rawValue | GIT_STATUS_WT_DELETED.rawValue
    for index in 0..<git_status_list_entrycount(list) {
      guard let entry = git_status_byindex(list, index)?.pointee else { continue }
      let delta = entry.index_to_workdir ?? entry.head_to_index
      guard let file = delta?.pointee.new_file.path ?? delta?.pointee.old_file.path else {
        continue
      }
      let path = String(cString: file)
      guard isPath(path, under: prefixes) else { continue }
      let flags = entry.status.rawValue
      if flags & newFlags != 0 && entry.head_to_index?.pointee.status != GIT_DELTA_RENAMED {
        result[path] = .new
      } else if flags & deletedFlags != 0 && flags & ~deletedFlags == 0 {
        result[path] = .deleted
      } else if flags != 0 && flags != GIT_STATUS_IGNORED.rawValue {
        result[path] = .modified
      }
    }
    return result
  }
}

extension Repository {
  /// Up to `limit` paths that git's index tracks at or under `path` (repository-relative; ""
  /// is the whole repository), sorted.
  public func trackedPaths(under path: String, limit: Int) -> [String] {
    var index: OpaquePointer?
    guard git_repository_index(&index, handle) == 0 else { return [] }
    defer { git_index_free(index) }
    let prefix = path.isEmpty ? "" : path + "/"
    var result: [String] = []
    if !path.isEmpty, git_index_get_bypath(index, path, 0) != nil { result.append(path) }
    var position = 0
    guard git_index_find_prefix(&position, index, prefix) == 0 else { return result }
    let count = git_index_entrycount(index)
    while position < count, result.count < limit,
      let entry = git_index_get_byindex(index, position)
    {
      let name = String(cString: entry.pointee.path)
      guard name.hasPrefix(prefix) else { break }
      result.append(name)
      position += 1
    }
    return result
  }
}

/// Calls `body` with a `git_strarray` of C copies of `strings`, freed afterwards.
func withStringArray<T>(
  _ strings: [String], _ body: (git_strarray) throws(GitError) -> T
) throws(GitError) -> T {
  var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
  defer { pointers.forEach { free($0) } }
  let count = pointers.count
  return try pointers.withUnsafeMutableBufferPointer { (buffer) throws(GitError) -> T in
    try body(git_strarray(strings: buffer.baseAddress, count: count))
  }
}
