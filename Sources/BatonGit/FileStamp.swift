#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the file system says of a file without reading it: size, modification and change
/// times (nanoseconds), inode and device, as git's index keeps them to tell a file unchanged.
///
/// A file whose stamp is the one recorded when it was read holds the bytes read then, unless it
/// was changed within the file system's timestamp granularity of that read (the times are
/// coarse, a few milliseconds): callers treat stamps taken near the read as racy and read the
/// file again (see `ListedFiles.read(unchanged:)`). The change time cannot be set by hand, so
/// a file whose modification time was put back is still seen.
public struct FileStamp: Sendable, Hashable {
  public var size: Int
  public var modified: Int64
  public var changed: Int64
  public var inode: UInt64
  public var device: UInt64

  public init(size: Int, modified: Int64, changed: Int64, inode: UInt64, device: UInt64) {
    self.size = size
    self.modified = modified
    self.changed = changed
    self.inode = inode
    self.device = device
  }

  init(_ info: stat) {
    #if os(Linux)
      let (modified, changed) = (info.st_mtim, info.st_ctim)
    #else
      let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
    #endif
    self.init(
      size: Int(info.st_size),
      modified: Int64(modified.tv_sec) &* 1_000_000_000 &+ Int64(modified.tv_nsec),
      changed: Int64(changed.tv_sec) &* 1_000_000_000 &+ Int64(changed.tv_nsec),
      inode: UInt64(info.st_ino), device: UInt64(info.st_dev))
  }

  /// The stamp of a regular file, not following a symbolic link; nil for anything else.
  public static func of(path: String) -> FileStamp? {
    var info = stat()
    guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
    return FileStamp(info)
  }

  /// The stamp of the open regular file `descriptor`; nil for anything else.
  package static func of(descriptor: Int32) -> FileStamp? {
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
    return FileStamp(info)
  }

  /// The stamp of a regular file at `path` relative to an open folder (`openFolder`), not
  /// following a symbolic link: one lookup from the folder instead of one per component of a
  /// full path, which is most of the cost of stamping thousands of files.
  package static func of(path: String, in folder: Int32) -> FileStamp? {
    of(at: path, in: folder)
  }

  /// `of(path:in:)` of a path as C text, which can be the tail of a longer path.
  package static func of(at path: UnsafePointer<CChar>, in folder: Int32) -> FileStamp? {
    var info = stat()
    guard fstatat(folder, path, &info, AT_SYMLINK_NOFOLLOW) == 0,
      info.st_mode & S_IFMT == S_IFREG
    else { return nil }
    return FileStamp(info)
  }

  /// Opens a folder to stamp files in it (`of(path:in:)`); -1 when it cannot be opened. The
  /// caller closes it with `closeFolder`.
  package static func openFolder(_ path: String) -> Int32 {
    open(path, folderFlags)
  }

  /// `openFolder` of a path (as C text) relative to an open folder.
  package static func openFolder(at path: UnsafePointer<CChar>, in folder: Int32) -> Int32 {
    openat(folder, path, folderFlags)
  }

  private static let folderFlags = O_RDONLY | O_DIRECTORY | O_CLOEXEC

  package static func closeFolder(_ descriptor: Int32) {
    if descriptor >= 0 { close(descriptor) }
  }

  /// The wall clock now, in nanoseconds since 1970, as stamps count.
  public static func now() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec)
  }
}
