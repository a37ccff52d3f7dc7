internal import CGit2

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Repository {
  /// Hands `body` what git's status of each path under the prefixes ("" is the whole
  /// repository) whose name ends in one of `extensions` (lowercase, without the dot) takes from
  /// the index, in the index's order: the path's bytes, its object id's 20 bytes, and its mode,
  /// stage and flags (assume-unchanged, intent-to-add, skip-worktree) in one number. Not the
  /// stat data git keeps beside them: git refreshes that whenever it rewrites the index (a
  /// `git checkout -- file`, a `git add` of another file, any `git status`), and a file's
  /// status does not depend on it, only how fast git finds it.
  ///
  /// The index file is read in place (`IndexFile`); when it cannot be (see there), the
  /// repository's own libgit2 index is loaded, or read again when its file changed since.
  ///
  /// - Returns: false when the index cannot be read.
  public func forEachIndexEntry(
    under prefixes: [String], extensions: Set<String>,
    _ body: (_ path: UnsafeRawBufferPointer, _ id: UnsafeRawBufferPointer, _ bits: UInt64) ->
      Void
  ) -> Bool {
    let suffixes = extensions.map { Array(("." + $0).lowercased().utf8) }
    let starts = normalizedPrefixes(prefixes).map {
      Array(($0.isEmpty ? "" : $0 + "/").lowercased().utf8)
    }
    let wanted = { (path: UnsafeRawBufferPointer) in
      starts.contains(where: { hasPrefix(path, $0) })
        && (suffixes.isEmpty || suffixes.contains(where: { hasSuffix(path, $0) }))
    }
    guard let file = indexFile() else { return forEachLibraryIndexEntry(wanted, body) }
    for entry in file.entries {
      let path = file.path(of: entry)
      guard wanted(path) else { continue }
      let flags = UInt64(entry.flags & ~UInt16(GIT_INDEX_ENTRY_NAMEMASK))
      let extended = UInt64(
        entry.extendedFlags & UInt16(GIT_INDEX_ENTRY_EXTENDED_FLAGS.rawValue))
      body(path, file.id(of: entry), UInt64(file.mode(of: entry)) | flags << 32 | extended << 48)
    }
    return true
  }

  /// `forEachIndexEntry` through libgit2's index, for an index file `IndexFile` does not read.
  func forEachLibraryIndexEntry(
    _ wanted: (UnsafeRawBufferPointer) -> Bool,
    _ body: (_ path: UnsafeRawBufferPointer, _ id: UnsafeRawBufferPointer, _ bits: UInt64) ->
      Void
  ) -> Bool {
    var index: OpaquePointer?
    guard git_repository_index(&index, handle) == 0, let index else { return false }
    defer { git_index_free(index) }
    guard git_index_read(index, 0) == 0 else { return false }
    for position in 0..<git_index_entrycount(index) {
      guard let entry = git_index_get_byindex(index, position)?.pointee, let cPath = entry.path
      else { continue }
      let path = UnsafeRawBufferPointer(start: cPath, count: strlen(cPath))
      guard wanted(path) else { continue }
      var id = entry.id
      let flags = UInt64(entry.flags & ~UInt16(GIT_INDEX_ENTRY_NAMEMASK))
      let extended = UInt64(
        entry.flags_extended & UInt16(GIT_INDEX_ENTRY_EXTENDED_FLAGS.rawValue))
      withUnsafeBytes(of: &id.id) { id in
        body(path, id, UInt64(entry.mode) | flags << 32 | extended << 48)
      }
    }
    return true
  }

  /// The index file read in place (`IndexFile`); nil when it cannot be, or when the repository
  /// ignores case (`core.ignorecase`: libgit2 then finds and orders paths without case, which
  /// the reader does not), for the caller to ask libgit2's index instead.
  func indexFile() -> IndexFile? {
    guard configFlag("core.ignorecase") != true else { return nil }
    return IndexFile(path: gitDirectory + "/index")
  }

  /// A boolean from the repository's configuration chain; nil when it is not set (or not a
  /// boolean).
  func configFlag(_ key: String) -> Bool? {
    var config: OpaquePointer?
    guard git_repository_config_snapshot(&config, handle) == 0, let config else { return nil }
    defer { git_config_free(config) }
    var value: Int32 = 0
    guard git_config_get_bool(&value, config, key) == 0 else { return nil }
    return value != 0
  }
}

/// Whether `bytes` start with `prefix` (lowercase), ASCII letters compared without case: a
/// repository that ignores case may list a path in the index in another case than on disk, and
/// an entry kept by mistake costs nothing, one left out a stale status.
private func hasPrefix(_ bytes: UnsafeRawBufferPointer, _ prefix: [UInt8]) -> Bool {
  bytes.count >= prefix.count && matches(bytes, from: 0, prefix)
}

/// Whether `bytes` end in `suffix` (lowercase), ASCII letters compared without case.
private func hasSuffix(_ bytes: UnsafeRawBufferPointer, _ suffix: [UInt8]) -> Bool {
  bytes.count >= suffix.count && matches(bytes, from: bytes.count - suffix.count, suffix)
}

/// Whether `bytes` from `start` on hold `expected` (lowercase), ASCII letters without case.
private func matches(_ bytes: UnsafeRawBufferPointer, from start: Int, _ expected: [UInt8]) -> Bool
{
  for offset in 0..<expected.count {
    var byte = bytes[start + offset]
    if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
    if byte != expected[offset] { return false }
  }
  return true
}
