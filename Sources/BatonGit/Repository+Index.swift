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
  /// The index is the repository's own, loaded once (by a walk of the working tree, when one
  /// ran): it is read again only when its file changed since.
  ///
  /// - Returns: false when the index cannot be read.
  public func forEachIndexEntry(
    under prefixes: [String], extensions: Set<String>,
    _ body: (_ path: UnsafeRawBufferPointer, _ id: UnsafeRawBufferPointer, _ bits: UInt64) ->
      Void
  ) -> Bool {
    var index: OpaquePointer?
    guard git_repository_index(&index, handle) == 0, let index else { return false }
    defer { git_index_free(index) }
    guard git_index_read(index, 0) == 0 else { return false }
    let suffixes = extensions.map { Array(("." + $0).lowercased().utf8) }
    let starts = normalizedPrefixes(prefixes).map {
      Array(($0.isEmpty ? "" : $0 + "/").lowercased().utf8)
    }
    for position in 0..<git_index_entrycount(index) {
      guard let entry = git_index_get_byindex(index, position)?.pointee, let cPath = entry.path
      else { continue }
      let path = UnsafeRawBufferPointer(start: cPath, count: strlen(cPath))
      guard starts.contains(where: { hasPrefix(path, $0) }),
        suffixes.isEmpty || suffixes.contains(where: { hasSuffix(path, $0) })
      else { continue }
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
