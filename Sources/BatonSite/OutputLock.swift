import BatonGit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive lock on an output folder, held by a build from before it reads the folder's
/// record and state until it has written them: a second build into the same folder waits (or
/// gives up) instead of writing beside the first and leaving a site of both.
///
/// The lock is `flock` on `.<name>.baton-lock` beside the folder, which holds the pid of the
/// build holding it (to name it). The file is never deleted: deleting a lock file lets a third
/// process lock a new file while the second still holds the old one. The system releases the
/// lock when the descriptor is closed, so a killed build never leaves it held.
public final class OutputLock {
  private let descriptor: Int32

  private init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  deinit {
    close(descriptor)
  }

  /// The lock file of an output folder (absolute, standardised).
  static func path(of folder: String) -> String {
    let slash = folder.lastIndex(of: "/") ?? folder.startIndex
    let parent = String(folder[..<slash])
    let name = folder[folder.index(after: slash)...]
    return parent + "/.\(name).baton-lock"
  }

  /// Takes the lock of `folder`, creating the folders above it when missing.
  ///
  /// - Parameters:
  ///   - wait: wait while another process holds it; when false, throw instead.
  ///   - waiting: called once, before waiting, with the pid of the holder when known.
  /// - Throws: `OutputError` when the lock cannot be taken (or is held and `wait` is false).
  public static func acquire(
    folder: String, wait: Bool, waiting: (Int32?) -> Void = { _ in }
  ) throws(OutputError) -> OutputLock {
    let file = path(of: folder)
    guard SiteWriter.makeParents(of: file) else {
      throw OutputError(
        path: folder, message: "cannot create the folders above it: \(FileSystem.describe(errno))")
    }
    let descriptor = open(file, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard descriptor >= 0 else {
      throw OutputError(
        path: file, message: "cannot open the build lock: \(FileSystem.describe(errno))")
    }
    let lock = OutputLock(descriptor: descriptor)
    if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK else {
        throw OutputError(
          path: file, message: "cannot take the build lock: \(FileSystem.describe(errno))")
      }
      let holder = lock.holder()
      guard wait else {
        throw OutputError(
          path: folder,
          message:
            "another baton build\(holder.map { " (pid \($0))" } ?? "") is writing this folder: "
            + "wait for it to finish, or run without '--no-wait' to wait for it")
      }
      waiting(holder)
      while flock(descriptor, LOCK_EX) != 0 {
        guard errno == EINTR else {
          throw OutputError(
            path: file, message: "cannot take the build lock: \(FileSystem.describe(errno))")
        }
      }
    }
    let pid = Array("\(getpid())\n".utf8)
    _ = ftruncate(descriptor, 0)
    _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    return lock
  }

  /// The pid written by the process holding the lock, when it can be read.
  private func holder() -> Int32? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 31, 0) }
    guard count > 0 else { return nil }
    let text = String(decoding: buffer[..<count], as: UTF8.self)
    return text.split(whereSeparator: \.isNewline).first.flatMap { Int32($0) }
  }
}
