import BatonGit
import BatonSupport
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The temporary folder a full write fills, held open: every file is created relative to it
/// (no lookup of the folders above it), and each folder under it is made once, before its first
/// file, instead of being found missing by a failed create.
///
/// A cold build of 40,000 pages creates some 80,000 files in 40,000 folders; per file this saves
/// the failed `open`, the walk of the output's absolute path, and the `stat` that recorded the
/// file's size, time and inode after the swap (taken here from the open file).
final class StagingFolder: Sendable {
  /// The folder's absolute path.
  let path: String
  private let descriptor: Int32
  /// The folders under it known to exist, relative to it.
  private let made = Mutex<Set<String>>([])

  /// Opens the folder at `path`, which exists; nil when it cannot be opened.
  init?(path: String) {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
    guard descriptor >= 0 else { return nil }
    self.path = path
    self.descriptor = descriptor
  }

  deinit { close(descriptor) }

  /// Writes `bytes` to the file at `relative` (a path `SiteWriter.isSafe` allows), making its
  /// folders first; the file's stamp as written, nil when a step fails (`errno` says why).
  func write(_ bytes: [UInt8], at relative: String) -> FileStamp? {
    guard makeParents(of: relative) else { return nil }
    let flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
    var file = openat(descriptor, relative, flags, 0o644)
    if file < 0, errno == ENOENT {
      // A folder known to exist was removed behind the writer's back: all are looked at again.
      made.withLock { $0.removeAll() }
      guard makeParents(of: relative) else { return nil }
      file = openat(descriptor, relative, flags, 0o644)
    }
    guard file >= 0 else { return nil }
    defer { close(file) }
    guard FileBytes.write(bytes, descriptor: file) else { return nil }
    return FileStamp.of(descriptor: file)
  }

  /// Hard-links the file at the absolute path `old` to `relative`, making its folders first;
  /// false when it cannot.
  func link(_ old: String, at relative: String) -> Bool {
    makeParents(of: relative) && linkat(AT_FDCWD, old, descriptor, relative, 0) == 0
  }

  /// Makes the folders above `relative` that are not known to exist yet; true when they exist.
  func makeParents(of relative: String) -> Bool {
    guard let slash = relative.utf8.lastIndex(of: UInt8(ascii: "/")) else { return true }
    let parent = String(relative[..<slash])
    if made.withLock({ $0.contains(parent) }) { return true }
    // Made now, there already, or made once the folders above it are.
    guard
      mkdirat(descriptor, parent, 0o755) == 0 || errno == EEXIST
        || (errno == ENOENT && makeParents(of: parent)
          && (mkdirat(descriptor, parent, 0o755) == 0 || errno == EEXIST))
    else { return false }
    _ = made.withLock { $0.insert(parent) }
    return true
  }
}
