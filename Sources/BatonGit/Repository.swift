internal import CGit2

/// An open git repository: the one handle through which Baton reads documents and history.
///
/// Not `Sendable`: libgit2 handles must stay on one thread at a time. Read what you need, keep the
/// returned `Sendable` values, and let the repository go; the handle is freed in `deinit`.
public final class Repository {
  /// The libgit2 repository; owned by this object and freed in `deinit`.
  let handle: OpaquePointer

  /// Runs `git_libgit2_init` once per process, and turns off libgit2's re-hashing of every
  /// object it reads: Baton only reads the local repository, which git itself does not re-hash
  /// either, and the check costs about a tenth of a history walk.
  static let runtime: Void = {
    _ = git_libgit2_init()
    _ = baton_git_opt_int(Int32(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION.rawValue), 0)
  }()

  private init(handle: OpaquePointer) {
    self.handle = handle
  }

  deinit {
    git_repository_free(handle)
  }

  /// Opens the repository that contains `path`, walking up the folders like git does.
  public static func discover(from path: String) throws(GitError) -> Repository {
    Repository.runtime
    var handle: OpaquePointer?
    try check(git_repository_open_ext(&handle, path, 0, nil), "git_repository_open_ext", path: path)
    guard let handle else {
      throw GitError.failure("no repository", function: "git_repository_open_ext", path: path)
    }
    return Repository(handle: handle)
  }

  /// Opens the repository at exactly `path`: a working tree, its `.git` folder, or a bare one.
  public convenience init(path: String) throws(GitError) {
    Repository.runtime
    var handle: OpaquePointer?
    try check(git_repository_open(&handle, path), "git_repository_open", path: path)
    guard let handle else {
      throw GitError.failure("no repository", function: "git_repository_open", path: path)
    }
    self.init(handle: handle)
  }

  /// The working tree folder, absolute and without a trailing slash; nil for a bare repository.
  public var workingDirectory: String? {
    guard let pointer = git_repository_workdir(handle) else { return nil }
    var path = String(cString: pointer)
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    return path
  }

  /// The `.git` folder (or the bare repository), without a trailing slash.
  var gitDirectory: String {
    var path = String(cString: git_repository_path(handle))
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    return path
  }

  /// The stamp of the index file (`.git/index`), nil when there is none: git writes a new
  /// index file whenever it changes what the index holds, so a stamp that did not move means
  /// the same index.
  public var indexStamp: FileStamp? {
    FileStamp.of(path: gitDirectory + "/index")
  }

  /// Whether the repository has no working tree.
  public var isBare: Bool { git_repository_is_bare(handle) == 1 }

  /// Whether the repository is a shallow clone (its history is cut off at some commits).
  public var isShallow: Bool { git_repository_is_shallow(handle) == 1 }

  /// The commit HEAD points at; nil on an unborn branch (an empty repository).
  public func headCommit() throws(GitError) -> ObjectID? {
    var oid = git_oid()
    let code = git_reference_name_to_id(&oid, handle, "HEAD")
    if code == GIT_ENOTFOUND.rawValue || code == GIT_EUNBORNBRANCH.rawValue { return nil }
    try check(code, "git_reference_name_to_id", path: "HEAD")
    return RawID(oid).objectID
  }

  /// Resolves a revision ("HEAD", a branch, "origin/main", a short id, a tag) to a commit.
  public func resolveCommit(_ revision: String) throws(GitError) -> ObjectID {
    try resolveRawCommit(revision).objectID
  }

  func resolveRawCommit(_ revision: String) throws(GitError) -> RawID {
    var object: OpaquePointer?
    try check(git_revparse_single(&object, handle, revision), "git_revparse_single", path: revision)
    defer { git_object_free(object) }
    var commit: OpaquePointer?
    try check(
      git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "git_object_peel", path: revision)
    defer { git_object_free(commit) }
    guard let commit, let id = git_object_id(commit) else {
      throw GitError.failure("not a commit", function: "git_object_peel", path: revision)
    }
    return RawID(id)
  }

  /// A value from the repository's configuration chain (repository, global, system).
  public func configValue(_ key: String) -> String? {
    var config: OpaquePointer?
    guard git_repository_config_snapshot(&config, handle) == 0, let config else { return nil }
    defer { git_config_free(config) }
    var value: UnsafePointer<CChar>?
    guard git_config_get_string(&value, config, key) == 0, let value else { return nil }
    return String(cString: value)
  }

  /// The best common ancestor of two commits; nil when they share no history.
  public func mergeBase(_ a: ObjectID, _ b: ObjectID) throws(GitError) -> ObjectID? {
    var out = git_oid()
    var one = try RawID(a).oid
    var two = try RawID(b).oid
    let code = git_merge_base(&out, handle, &one, &two)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    try check(code, "git_merge_base")
    return RawID(out).objectID
  }

  /// Whether `commit` is `ancestor` itself or one of its descendants.
  func isDescendant(_ commit: RawID, of ancestor: RawID) -> Bool {
    if commit == ancestor { return true }
    var one = commit.oid
    var two = ancestor.oid
    return git_graph_descendant_of(handle, &one, &two) == 1
  }

  /// Looks up a tree by id (owned by the caller, free with `git_tree_free`).
  func tree(withID id: RawID) throws(GitError) -> OpaquePointer {
    var oid = id.oid
    var tree: OpaquePointer?
    try check(git_tree_lookup(&tree, handle, &oid), "git_tree_lookup", path: id.hex)
    guard let tree else {
      throw GitError.failure("no tree", function: "git_tree_lookup", path: id.hex)
    }
    return tree
  }

  /// Looks up a commit's tree (owned by the caller, free with `git_tree_free`).
  func tree(ofCommit id: RawID) throws(GitError) -> OpaquePointer {
    var oid = id.oid
    var commit: OpaquePointer?
    try check(git_commit_lookup(&commit, handle, &oid), "git_commit_lookup", path: id.hex)
    defer { git_commit_free(commit) }
    var tree: OpaquePointer?
    try check(git_commit_tree(&tree, commit), "git_commit_tree", path: id.hex)
    guard let tree else {
      throw GitError.failure("commit has no tree", function: "git_commit_tree", path: id.hex)
    }
    return tree
  }
}

/// Normalizes folder prefixes: no leading "./" or "/", no trailing "/", "." means the root;
/// drops prefixes inside another one, sorted.
func normalizedPrefixes(_ prefixes: [String]) -> [String] {
  var cleaned = Set<String>()
  for prefix in prefixes {
    var text = Substring(prefix)
    while text.hasPrefix("./") { text = text.dropFirst(2) }
    while text.hasPrefix("/") { text = text.dropFirst() }
    while text.hasSuffix("/") { text = text.dropLast() }
    if text == "." { text = "" }
    cleaned.insert(String(text))
  }
  if cleaned.contains("") { return [""] }
  let sorted = cleaned.sorted()
  return sorted.filter { prefix in
    !sorted.contains { other in other != prefix && prefix.hasPrefix(other + "/") }
  }
}

/// Whether a path is inside one of the (normalized) prefixes.
func isPath(_ path: String, under prefixes: [String]) -> Bool {
  prefixes.contains { $0.isEmpty || path == $0 || path.hasPrefix($0 + "/") }
}

/// Whether a file name ends in one of `extensions` (lowercase, without the dot); an empty set
/// accepts every name.
///
/// An ASCII ending is compared byte by byte, folding case, without making a lowercased copy:
/// a walk asks this of every file (40,000 names, twice, cost 80M instructions with a copy).
/// Any other is lowercased as Unicode does it (a Kelvin sign is a 'k').
func hasExtension(_ name: String, in extensions: Set<String>) -> Bool {
  if extensions.isEmpty { return true }
  var name = name
  let ascii = name.withUTF8 { bytes -> Bool? in
    guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")) else { return false }
    let suffix = UnsafeBufferPointer(rebasing: bytes[(dot + 1)...])
    guard suffix.allSatisfy({ $0 < 0x80 }) else { return nil }
    return extensions.contains { isLowercased(suffix, as: $0) }
  }
  if let ascii { return ascii }
  guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) else { return false }
  return extensions.contains(name[name.utf8.index(after: dot)...].lowercased())
}

/// Whether ASCII bytes lowercased are `lowercase`'s.
private func isLowercased(_ bytes: UnsafeBufferPointer<UInt8>, as lowercase: String) -> Bool {
  var lowercase = lowercase
  return lowercase.withUTF8 { expected in
    guard expected.count == bytes.count else { return false }
    for (byte, wanted) in zip(bytes, expected) {
      let lowered = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
      if lowered != wanted { return false }
    }
    return true
  }
}
