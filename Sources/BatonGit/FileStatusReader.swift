internal import CGit2
import Foundation

/// git's status of single files relative to HEAD, worked out as `git_status_file` works it out
/// but without libgit2's index: from HEAD's tree entry for the path, the path's entries in the
/// index file read in place (`IndexFile`), and the file's stat data (and, when they do not
/// settle it, its blob id). The tree is freed in `deinit`.
///
/// `git_status_file` loads libgit2's index first (205 million instructions at 40,000 entries,
/// most of it hashing the whole index file), which dwarfs the status of the one or two files an
/// edit read again. The answer is the same: index against HEAD compares object id and mode; the
/// working file against the index is unchanged when libgit2 would trust its stat data (same
/// mode, size, times, inode, owner, and not written in or after the index's clock tick), changed
/// when its mode or size differs, and otherwise decided by hashing its bytes. Whatever this does
/// not handle is `.unknown`, for the caller to ask libgit2: a conflict, an intent-to-add,
/// assume-unchanged or skip-worktree entry, anything but a regular file, and a hash where a filter could change the bytes (`core.autocrlf`, or an
/// attributes file that could apply).
final class FileStatusReader {
  /// A status this reader settled (nil: unchanged, or untracked and ignored), or not.
  enum Answer: Equatable {
    case known(WorkingTreeStatus?)
    case unknown
  }

  private let repository: Repository
  private let index: IndexFile
  private let workdir: String
  /// HEAD's tree; nil on an unborn branch (every indexed path is then new).
  private let headTree: OpaquePointer?
  /// `core.filemode`: whether the executable bit on disk counts (else the index's is kept).
  private let trustsModeBits: Bool
  /// `core.trustctime`: whether a changed ctime makes the stat data differ.
  private let trustsChangeTime: Bool
  /// Whether a filter might apply to any file, whatever its folder: `core.autocrlf` set to
  /// anything but false, an attributes file outside the working tree (`info/attributes`,
  /// `core.attributesFile`, the user's or the system's).
  private let mayFilter: Bool

  /// Nil when the index file cannot be read in place, or HEAD cannot be read.
  init?(_ repository: Repository) {
    guard let workdir = repository.workingDirectory, let index = repository.indexFile(),
      index.stamp != nil
    else { return nil }
    var headTree: OpaquePointer?
    do {
      if let head = try repository.headCommit() {
        headTree = try repository.tree(ofCommit: RawID(head))
      }
    } catch { return nil }
    self.repository = repository
    self.index = index
    self.workdir = workdir
    self.headTree = headTree
    trustsModeBits = repository.configFlag("core.filemode") ?? true
    trustsChangeTime = repository.configFlag("core.trustctime") ?? true
    mayFilter = FileStatusReader.mayFilter(repository)
  }

  deinit {
    if let headTree { git_tree_free(headTree) }
  }

  /// Whether a filter might apply to any file (see `mayFilter`).
  private static func mayFilter(_ repository: Repository) -> Bool {
    if let crlf = repository.configValue("core.autocrlf"),
      !["false", "no", "off", "0", ""].contains(crlf.lowercased())
    {
      return true
    }
    if repository.configValue("core.attributesFile") != nil { return true }
    let environment = ProcessInfo.processInfo.environment
    // A linked worktree's `info` folder is the main repository's.
    let common = String(cString: git_repository_commondir(repository.handle))
    var files = [common + "/info/attributes", "/etc/gitattributes"]
    if let home = environment["HOME"] { files.append(home + "/.config/git/attributes") }
    if let config = environment["XDG_CONFIG_HOME"] { files.append(config + "/git/attributes") }
    return files.contains { access($0, F_OK) == 0 || errno != ENOENT }
  }

  /// The status of `path` (repository-relative), as `workingTreeStatus(ofEach:)` reads
  /// `git_status_file`'s flags.
  func status(of path: String) -> Answer {
    guard let entries = indexEntries(of: path) else { return .unknown }
    guard let head = headEntry(of: path) else { return .unknown }
    guard let entry = entries else { return untrackedStatus(path, inHead: head.mode != nil) }
    guard entry.flags & 0x8000 == 0, entry.extendedFlags == 0,
      FileStatusReader.isRegular(index.mode(of: entry))
    else { return .unknown }
    guard let headMode = head.mode else { return .known(.new) }
    guard headMode == index.mode(of: entry), head.id.elementsEqual(index.id(of: entry)) else {
      return .known(.modified)
    }
    return workingFileStatus(path, entry)
  }

  /// The status of a path the index does not track: new unless ignored. One HEAD has is
  /// deleted from the index: changed when it is gone or ignored, else new (as git lists it).
  private func untrackedStatus(_ path: String, inHead: Bool) -> Answer {
    var info = stat()
    guard lstat(workdir + "/" + path, &info) == 0 else {
      return inHead && errno == ENOENT ? .known(.modified) : .unknown
    }
    guard info.st_mode & S_IFMT == S_IFREG else { return .unknown }
    var ignored: Int32 = 0
    guard git_ignore_path_is_ignored(&ignored, repository.handle, path) == 0 else {
      return .unknown
    }
    if ignored == 1 { return .known(inHead ? .modified : nil) }
    return .known(.new)
  }

  /// The path's stage 0 entry, `.some(nil)` when it has none; nil when it is conflicted (it has
  /// entries at stages 1 to 3).
  private func indexEntries(of path: String) -> IndexFile.Entry?? {
    withBytes(of: path) { key -> IndexFile.Entry?? in
      var position = index.lowerBound(of: key)
      var found: IndexFile.Entry?
      while index.hasPath(key, at: position) {
        guard index.entries[position].stage == 0 else { return nil }
        found = index.entries[position]
        position += 1
      }
      return .some(found)
    }
  }

  /// HEAD's entry for `path`: its mode and id, a nil mode when HEAD has no such path; nil when
  /// it is not a regular file or cannot be read.
  private func headEntry(of path: String) -> (mode: UInt32?, id: [UInt8])? {
    guard let headTree else { return (nil, []) }
    var entry: OpaquePointer?
    let code = git_tree_entry_bypath(&entry, headTree, path)
    if code == GIT_ENOTFOUND.rawValue { return (nil, []) }
    guard code == 0, let entry else { return nil }
    defer { git_tree_entry_free(entry) }
    let mode = UInt32(git_tree_entry_filemode(entry).rawValue)
    guard FileStatusReader.isRegular(mode), let oid = git_tree_entry_id(entry) else { return nil }
    return (mode, withUnsafeBytes(of: oid.pointee.id) { Array($0.prefix(20)) })
  }

  /// The working file against its index entry, as libgit2 compares them (`maybe_modified`).
  private func workingFileStatus(_ path: String, _ entry: IndexFile.Entry) -> Answer {
    var info = stat()
    guard lstat(workdir + "/" + path, &info) == 0 else {
      return errno == ENOENT ? .known(.modified) : .unknown
    }
    guard info.st_mode & S_IFMT == S_IFREG else { return .unknown }
    let indexMode = index.mode(of: entry)
    var mode: UInt32 = info.st_mode & 0o100 != 0 ? 0o100755 : 0o100644
    if !trustsModeBits { mode = (mode & ~0o777) | (indexMode & 0o777) }
    guard mode == indexMode else { return .known(.modified) }
    let size = UInt32(truncatingIfNeeded: info.st_size)
    let indexSize = index.field(.size, of: entry)
    if indexSize != size && !(indexSize == 0 && size > 0) { return .known(.modified) }
    if indexSize == size && !statDiffers(entry, FileStamp(info), info) { return .known(nil) }
    return hashedStatus(path, entry)
  }

  /// Whether the stat data libgit2 compares differ from the entry's, or the file was written
  /// in or after the clock tick the index was (its entry may predate the last change).
  private func statDiffers(_ entry: IndexFile.Entry, _ stamp: FileStamp, _ info: stat) -> Bool {
    let billion: Int64 = 1_000_000_000
    let modified = (stamp.modified / billion, stamp.modified % billion)
    let changed = (stamp.changed / billion, stamp.changed % billion)
    func field(_ value: Int64) -> UInt32 { UInt32(truncatingIfNeeded: value) }
    if index.field(.mtimeSeconds, of: entry) != field(modified.0)
      || index.field(.mtimeNanoseconds, of: entry) != field(modified.1)
      || (trustsChangeTime
        && (index.field(.ctimeSeconds, of: entry) != field(changed.0)
          || index.field(.ctimeNanoseconds, of: entry) != field(changed.1)))
      || index.field(.inode, of: entry) != UInt32(truncatingIfNeeded: info.st_ino)
      || index.field(.user, of: entry) != UInt32(truncatingIfNeeded: info.st_uid)
      || index.field(.group, of: entry) != UInt32(truncatingIfNeeded: info.st_gid)
    {
      return true
    }
    guard let written = index.stamp?.modified else { return false }
    let indexSeconds = Int32(truncatingIfNeeded: written / billion)
    let fileSeconds = Int32(truncatingIfNeeded: modified.0)
    return indexSeconds < fileSeconds
      || (indexSeconds == fileSeconds && written % billion <= modified.1)
  }

  /// The status from the file's blob id against the entry's, when no filter can apply to it.
  private func hashedStatus(_ path: String, _ entry: IndexFile.Entry) -> Answer {
    guard !mayFilter, !hasAttributes(along: path),
      let bytes = FileManager.default.contents(atPath: workdir + "/" + path)
    else { return .unknown }
    var oid = git_oid()
    let code = bytes.withUnsafeBytes {
      git_odb_hash(&oid, $0.baseAddress, $0.count, GIT_OBJECT_BLOB)
    }
    guard code == 0 else { return .unknown }
    let same = withUnsafeBytes(of: oid.id) { $0.prefix(20).elementsEqual(index.id(of: entry)) }
    return .known(same ? nil : .modified)
  }

  /// Whether a `.gitattributes` file in the working tree or the index could apply to `path`:
  /// one in its folder or any folder above it.
  private func hasAttributes(along path: String) -> Bool {
    var folders = [""]
    for component in path.split(separator: "/").dropLast() {
      folders.append(folders[folders.count - 1] + component + "/")
    }
    return folders.contains { folder in
      let attributes = folder + ".gitattributes"
      if access(workdir + "/" + attributes, F_OK) == 0 || errno != ENOENT { return true }
      return withBytes(of: attributes) { key in index.hasPath(key, at: index.lowerBound(of: key)) }
    }
  }

  /// Whether `mode` is a regular file's (executable or not).
  private static func isRegular(_ mode: UInt32) -> Bool {
    mode == 0o100644 || mode == 0o100755
  }
}
