internal import CGit2

extension Repository {
  /// Files under the folder prefixes ("" is the whole repository) whose names end in one of
  /// `extensions` (without the dot, e.g. `["md", "markdown"]`), recursively, sorted by path.
  ///
  /// In the working tree, files git ignores and `.git` folders are skipped, and a symbolic link
  /// whose target leaves the repository is reported with `.symlinkOutsideRepository` and no
  /// contents. In a commit, blobs are read from the tree (no checkout; works when bare) and
  /// submodules are skipped. Files larger than `maxBytes` come back with `.tooLarge`.
  public func files(
    in snapshot: Snapshot, under prefixes: [String], extensions: Set<String>, maxBytes: Int
  ) throws(GitError) -> [RepositoryFile] {
    let prefixes = normalizedPrefixes(prefixes)
    let extensions = Set(extensions.map { $0.lowercased() })
    var files: [RepositoryFile]
    switch snapshot {
    case .commit(let id):
      let root = try tree(ofCommit: RawID(id))
      defer { git_tree_free(root) }
      let reader = TreeReader(repository: handle, root: root, maxBytes: maxBytes)
      files = []
      try reader.forEachTree(at: prefixes) { tree, base throws(GitError) in
        try reader.collect(tree: tree, base: base, extensions: extensions, into: &files)
      }
    case .workingTree:
      let walker = try WorkingTreeWalker(repository: self, maxBytes: maxBytes)
      files = []
      for prefix in prefixes {
        walker.collect(prefix: prefix, extensions: extensions, into: &files)
      }
    }
    files.sort { $0.path < $1.path }
    return files
  }

  /// What `files(in:under:extensions:maxBytes:)` returns, listed but not read yet
  /// (`ListedFiles.read(unchanged:)`), and every path under `root` as `paths(in:under:extensions:)`
  /// lists it with no extensions: in the working tree, from one walk of `root` where it reaches
  /// the prefixes (those it does not, under an ignored folder or outside `root`, are walked
  /// apart), instead of a walk for each. When `stamping`, the walk stamps each file it lists
  /// (from its folder) so that the caller, which may still be working out which stamps it
  /// knows while the walk runs, hands them over only to read.
  public func listing(
    in snapshot: Snapshot, under prefixes: [String], extensions: Set<String>, maxBytes: Int,
    everyPathUnder root: String, stamping: Bool = true
  ) throws(GitError) -> ListedFiles {
    guard case .workingTree = snapshot, let root = normalizedPrefixes([root]).first else {
      let files = try files(
        in: snapshot, under: prefixes, extensions: extensions, maxBytes: maxBytes)
      return ListedFiles(
        paths: try paths(in: snapshot, under: [root], extensions: []), contents: .read(files))
    }
    let walker = try WorkingTreeWalker(repository: self, maxBytes: maxBytes)
    var (candidates, paths) = walker.list(
      prefixes: normalizedPrefixes(prefixes), extensions: Set(extensions.map { $0.lowercased() }),
      everyPathUnder: root, stamping: stamping)
    paths.sort()
    return ListedFiles(paths: paths, contents: .listed(candidates, walker.reader))
  }

  /// The paths `files(in:under:extensions:maxBytes:)` would return, sorted, without reading a
  /// byte of any file: listing a whole repository for link checks then costs a walk of its
  /// folders (or trees), not an open or a blob lookup per file.
  public func paths(in snapshot: Snapshot, under prefixes: [String], extensions: Set<String>)
    throws(GitError) -> [String]
  {
    let prefixes = normalizedPrefixes(prefixes)
    let extensions = Set(extensions.map { $0.lowercased() })
    var paths: [String] = []
    switch snapshot {
    case .commit(let id):
      let root = try tree(ofCommit: RawID(id))
      defer { git_tree_free(root) }
      let reader = TreeReader(repository: handle, root: root, maxBytes: 0)
      try reader.forEachTree(at: prefixes) { tree, base throws(GitError) in
        try reader.visit(tree: tree, base: base, extensions: extensions) { path, _, _ in
          paths.append(path)
        }
      }
    case .workingTree:
      let walker = try WorkingTreeWalker(repository: self, maxBytes: 0)
      for prefix in prefixes {
        walker.collectPaths(prefix: prefix, extensions: extensions, into: &paths)
      }
    }
    paths.sort()
    return paths
  }

  /// One file by repository-relative path (for `baton.yml`, `people.yml`); nil when absent.
  public func file(in snapshot: Snapshot, at path: String, maxBytes: Int) throws(GitError)
    -> RepositoryFile?
  {
    guard let path = normalizedPrefixes([path]).first, !path.isEmpty else { return nil }
    switch snapshot {
    case .commit(let id):
      let root = try tree(ofCommit: RawID(id))
      defer { git_tree_free(root) }
      let reader = TreeReader(repository: handle, root: root, maxBytes: maxBytes)
      return try reader.file(at: path)
    case .workingTree:
      let walker = try WorkingTreeWalker(repository: self, maxBytes: maxBytes)
      return walker.file(at: path)
    }
  }

  /// The text of the first symbolic link on `path` (the path itself or a folder above it) in
  /// the snapshot; nil when there is none (or nothing is there).
  public func symbolicLink(onPath path: String, in snapshot: Snapshot) throws(GitError) -> String? {
    guard let clean = normalizedPrefixes([path]).first, !clean.isEmpty else { return nil }
    switch snapshot {
    case .commit(let id):
      let root = try tree(ofCommit: RawID(id))
      defer { git_tree_free(root) }
      var prefix = ""
      for part in clean.split(separator: "/") {
        prefix += (prefix.isEmpty ? "" : "/") + part
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, root, prefix) == 0 else { return nil }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK else { continue }
        let reader = TreeReader(repository: handle, root: root, maxBytes: 4096)
        let bytes = try reader.readBlob(RawID(git_tree_entry_id(entry)), path: prefix).contents
        return String(decoding: bytes ?? [], as: UTF8.self)
      }
      return nil
    case .workingTree:
      guard let workdir = workingDirectory else { return nil }
      if case .link(let target) = RootedFolder(path: workdir).open(clean, following: false) {
        return target
      }
      return nil
    }
  }

  /// Which of `prefixes` exist as folders in the snapshot, in the order given.
  public func existingFolders(in snapshot: Snapshot, among prefixes: [String]) throws(GitError)
    -> [String]
  {
    switch snapshot {
    case .commit(let id):
      let root = try tree(ofCommit: RawID(id))
      defer { git_tree_free(root) }
      let reader = TreeReader(repository: handle, root: root, maxBytes: 0)
      var result: [String] = []
      for prefix in prefixes {
        guard let clean = normalizedPrefixes([prefix]).first else { continue }
        if clean.isEmpty {
          result.append(prefix)
        } else if let subtree = try reader.subtree(at: clean) {
          git_tree_free(subtree)
          result.append(prefix)
        }
      }
      return result
    case .workingTree:
      guard let workdir = workingDirectory else {
        throw GitError.failure(
          "a bare repository has no working tree", function: "existingFolders",
          path: gitDirectory)
      }
      return prefixes.filter { prefix in
        let clean = normalizedPrefixes([prefix]).first ?? ""
        let full = clean.isEmpty ? workdir : workdir + "/" + clean
        return FileSystem.kind(atPath: full) == .directory
      }
    }
  }
}

/// What `Repository.listing(in:under:extensions:maxBytes:everyPathUnder:)` found: every path
/// under the root, and the files, read from a commit, or listed in the working tree and read
/// when the caller says which it knows unchanged.
public struct ListedFiles: Sendable {
  /// Every path under the root, sorted.
  public let paths: [String]
  let contents: Contents

  /// The files, read or to read.
  enum Contents: Sendable {
    /// Read from a commit, sorted by path.
    case read([RepositoryFile])
    /// Listed in the working tree, stamped, sorted by path, and what reads them.
    case listed([WorkingTreeWalker.Candidate], FileReader)
  }

  /// The files sorted by path; in the working tree, many read at a time, those whose stamp is
  /// still the one `unchanged` gives not read (`RepositoryFile.isUnread`). A caller leaves out
  /// stamps taken close to the time the file was last written, which a change in the same tick
  /// of the clock would not move. Symbolic links are always read.
  public func read(unchanged: [String: FileStamp] = [:]) -> [RepositoryFile] {
    switch contents {
    case .read(let files): files
    case .listed(let candidates, let reader): reader.read(candidates, unchanged: unchanged)
    }
  }
}

/// Reads blobs and folders out of one commit tree; borrows the handles it is given.
struct TreeReader {
  let repository: OpaquePointer
  let root: OpaquePointer
  let maxBytes: Int

  init(repository: OpaquePointer, root: OpaquePointer, maxBytes: Int) {
    self.repository = repository
    self.root = root
    self.maxBytes = maxBytes
  }

  /// The subtree at `path`, owned by the caller; nil when absent or not a folder.
  func subtree(at path: String) throws(GitError) -> OpaquePointer? {
    var entry: OpaquePointer?
    let code = git_tree_entry_bypath(&entry, root, path)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    try check(code, "git_tree_entry_bypath", path: path)
    defer { git_tree_entry_free(entry) }
    guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else { return nil }
    var tree: OpaquePointer?
    try check(
      git_tree_lookup(&tree, repository, git_tree_entry_id(entry)), "git_tree_lookup", path: path)
    return tree
  }

  /// Calls `body` with the tree of each folder prefix that exists ("" is the root) and the
  /// path its entries start with ("" or the prefix and "/").
  func forEachTree(
    at prefixes: [String], _ body: (OpaquePointer, String) throws(GitError) -> Void
  ) throws(GitError) {
    for prefix in prefixes {
      if prefix.isEmpty {
        try body(root, "")
      } else if let subtree = try subtree(at: prefix) {
        defer { git_tree_free(subtree) }
        try body(subtree, prefix + "/")
      }
    }
  }

  /// Calls `visit` with the path, blob id and whether it is a symbolic link of every file of
  /// `tree` (whose path is `base`, ending in "/" unless empty) whose name ends in one of
  /// `extensions`, recursively; submodules and unknown entries are skipped.
  func visit(
    tree: OpaquePointer, base: String, extensions: Set<String>,
    _ visit: (_ path: String, _ blob: RawID, _ isLink: Bool) throws(GitError) -> Void
  ) throws(GitError) {
    let count = git_tree_entrycount(tree)
    for index in 0..<count {
      guard let entry = git_tree_entry_byindex(tree, index) else { continue }
      let name = String(cString: git_tree_entry_name(entry))
      switch git_tree_entry_filemode(entry) {
      case GIT_FILEMODE_TREE:
        var subtree: OpaquePointer?
        try check(
          git_tree_lookup(&subtree, repository, git_tree_entry_id(entry)), "git_tree_lookup",
          path: base + name)
        guard let subtree else { continue }
        defer { git_tree_free(subtree) }
        try self.visit(tree: subtree, base: base + name + "/", extensions: extensions, visit)
      case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE:
        if hasExtension(name, in: extensions) {
          try visit(base + name, RawID(git_tree_entry_id(entry)), false)
        }
      case GIT_FILEMODE_LINK:
        if hasExtension(name, in: extensions) {
          try visit(base + name, RawID(git_tree_entry_id(entry)), true)
        }
      default:
        continue  // submodules (gitlinks) and anything unknown
      }
    }
  }

  /// Appends the matching files of `tree` (whose path is `base`), read; see `visit`.
  func collect(
    tree: OpaquePointer, base: String, extensions: Set<String>, into files: inout [RepositoryFile]
  ) throws(GitError) {
    try visit(tree: tree, base: base, extensions: extensions) {
      path, blob, isLink throws(GitError) in
      files.append(isLink ? try followLink(blob, path: path) : try readBlob(blob, path: path))
    }
  }

  /// One file by path, following links inside the tree; nil when absent.
  func file(at path: String) throws(GitError) -> RepositoryFile? {
    var entry: OpaquePointer?
    let code = git_tree_entry_bypath(&entry, root, path)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    try check(code, "git_tree_entry_bypath", path: path)
    defer { git_tree_entry_free(entry) }
    let id = RawID(git_tree_entry_id(entry))
    switch git_tree_entry_filemode(entry) {
    case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE: return try readBlob(id, path: path)
    case GIT_FILEMODE_LINK: return try followLink(id, path: path)
    default: return RepositoryFile(path: path, contents: nil, size: 0, problem: .notAFile)
    }
  }

  func readBlob(_ id: RawID, path: String) throws(GitError) -> RepositoryFile {
    var oid = id.oid
    var blob: OpaquePointer?
    try check(git_blob_lookup(&blob, repository, &oid), "git_blob_lookup", path: path)
    defer { git_blob_free(blob) }
    let size = Int(git_blob_rawsize(blob))
    if size > maxBytes {
      return RepositoryFile(path: path, contents: nil, size: size, problem: .tooLarge(size: size))
    }
    let bytes: [UInt8]
    if size == 0 {
      bytes = []
    } else if let raw = git_blob_rawcontent(blob) {
      bytes = Array(UnsafeRawBufferPointer(start: raw, count: size))
    } else {
      bytes = []
    }
    return RepositoryFile(path: path, contents: bytes, size: size, problem: nil)
  }

  /// Follows a symbolic link stored in the tree, staying inside the tree.
  func followLink(_ id: RawID, path: String) throws(GitError) -> RepositoryFile {
    var current = path
    var linkID = id
    for _ in 0..<8 {
      let target = String(decoding: try blobBytes(linkID, path: current), as: UTF8.self)
      guard let resolved = resolveLink(target, from: current) else {
        return RepositoryFile(
          path: path, contents: nil, size: 0, problem: .symlinkOutsideRepository(target: target))
      }
      var entry: OpaquePointer?
      let code = git_tree_entry_bypath(&entry, root, resolved)
      if code == GIT_ENOTFOUND.rawValue {
        return RepositoryFile(
          path: path, contents: nil, size: 0,
          problem: .unreadable("broken symbolic link to '\(target)'"))
      }
      try check(code, "git_tree_entry_bypath", path: resolved)
      defer { git_tree_entry_free(entry) }
      let targetID = RawID(git_tree_entry_id(entry))
      switch git_tree_entry_filemode(entry) {
      case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE:
        let file = try readBlob(targetID, path: path)
        return file
      case GIT_FILEMODE_LINK:
        current = resolved
        linkID = targetID
      default:
        return RepositoryFile(path: path, contents: nil, size: 0, problem: .notAFile)
      }
    }
    return RepositoryFile(
      path: path, contents: nil, size: 0,
      problem: .unreadable("symbolic link loop: its links lead back to themselves"))
  }

  private func blobBytes(_ id: RawID, path: String) throws(GitError) -> [UInt8] {
    let saved = TreeReader(repository: repository, root: root, maxBytes: 4096)
    return try saved.readBlob(id, path: path).contents ?? []
  }
}

/// Resolves a link's target text against the folder of the link; nil when it leaves the root.
func resolveLink(_ target: String, from linkPath: String) -> String? {
  if target.hasPrefix("/") { return nil }
  var components = linkPath.split(separator: "/").dropLast().map(String.init)
  for part in target.split(separator: "/", omittingEmptySubsequences: true) {
    switch part {
    case ".": continue
    case "..":
      if components.isEmpty { return nil }
      components.removeLast()
    default: components.append(String(part))
    }
  }
  if components.first == ".git" { return nil }
  return components.isEmpty ? nil : components.joined(separator: "/")
}
