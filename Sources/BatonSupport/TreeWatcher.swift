import BatonGit
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Waits for files under a folder to change, for `baton serve`.
///
/// Hidden files and folders (`.git`, `.baton`, `.build`, an editor's `.swp`) and `_site` are not
/// watched: the build reads none of them. On Linux, inotify tells when something changes,
/// one watch per folder, so an idle preview of a large handbook costs nothing. Elsewhere, or
/// when the system is out of watches, the folder is polled: walked with `lstat` every
/// `interval` seconds (10,000 files in about 35 ms on a 2-core VM; Foundation's enumerator took
/// 270 ms, half a core when polled twice a second) and compared with the last walk.
public final class TreeWatcher {
  private let root: String
  private let interval: Double
  #if os(Linux)
    private var inotify: Int32 = -1
    /// The folder of each watch, relative to the root ("" for the root).
    private var folders: [Int32: String] = [:]
  #endif
  private var state: [String: FileState] = [:]

  /// What a poll compares: a file's size, modification time and inode.
  struct FileState: Equatable {
    var size: Int64
    var seconds: Int
    var nanoseconds: Int
    var inode: UInt64
  }

  /// How changes are noticed: `inotify` on Linux unless it failed, else `polling`.
  public var method: String {
    #if os(Linux)
      if inotify >= 0 { return "inotify" }
    #endif
    return "polling"
  }

  /// Starts watching `root`; what changes after this returns is reported by `next()`.
  public convenience init(root: String, interval: Double = 0.5) {
    self.init(root: root, interval: interval, polling: false)
  }

  /// - Parameter polling: poll even where the system can report changes (for tests).
  init(root: String, interval: Double, polling: Bool) {
    self.root = root
    self.interval = interval
    #if os(Linux)
      inotify = polling ? -1 : inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
      if inotify >= 0, !watch("") { stopWatching() }
      if inotify >= 0 { return }
    #endif
    state = TreeWatcher.walk(root)
  }

  deinit {
    #if os(Linux)
      if inotify >= 0 { close(inotify) }
    #endif
  }

  /// Whether a file or folder name is one the build never reads.
  static func isSkipped(_ name: String) -> Bool {
    name.hasPrefix(".") || name == "_site"
  }

  /// Blocks until something under the root changed, then until nothing has changed for
  /// `settle` seconds (an editor's save is often several writes) or `limit` seconds passed.
  ///
  /// - Parameter timeout: seconds to wait for a first change; nil waits for ever.
  /// - Returns: whether something changed (false only when `timeout` passed first).
  @discardableResult
  public func next(timeout: Double? = nil, settle: Double = 0.1, limit: Double = 2) -> Bool {
    let start = Date()
    func remaining() -> Double? { timeout.map { $0 - Date().timeIntervalSince(start) } }
    #if os(Linux)
      if inotify >= 0 {
        while true {
          let left = remaining()
          if let left, left <= 0 { return false }
          if readEvents(waiting: left.map { Int32(max(1, $0 * 1000)) } ?? -1) { break }
          // Polling took over while reading (out of watches): the change is reported.
          if inotify < 0 { return true }
        }
        let deadline = Date().addingTimeInterval(limit)
        while inotify >= 0, Date() < deadline, readEvents(waiting: Int32(settle * 1000)) {}
        return true
      }
    #endif
    while true {
      if let left = remaining(), left <= 0 { return false }
      Thread.sleep(forTimeInterval: min(interval, remaining() ?? interval))
      let current = TreeWatcher.walk(root)
      if current != state {
        state = current
        return true
      }
    }
  }

  /// Every file under `root` that the build may read, by relative path.
  static func walk(_ root: String) -> [String: FileState] {
    var files: [String: FileState] = [:]
    var pending = [""]
    while let folder = pending.popLast() {
      let base = folder.isEmpty ? root : root + "/" + folder
      for (name, kind) in FileSystem.entries(ofDirectory: base) where !isSkipped(name) {
        let path = folder.isEmpty ? name : folder + "/" + name
        if kind == .directory {
          pending.append(path)
          continue
        }
        var info = stat()
        guard lstat(base + "/" + name, &info) == 0 else { continue }
        #if canImport(Darwin)
          let time = info.st_mtimespec
        #else
          let time = info.st_mtim
        #endif
        files[path] = FileState(
          size: Int64(info.st_size), seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec),
          inode: UInt64(info.st_ino))
      }
    }
    return files
  }

  #if os(Linux)
    private func stopWatching() {
      close(inotify)
      inotify = -1
      folders = [:]
    }

    /// Watches `folder` and every folder below it that is not skipped; false when the system
    /// refused a watch (out of watches: `fs.inotify.max_user_watches`).
    private func watch(_ folder: String) -> Bool {
      var pending = [folder]
      while let current = pending.popLast() {
        let path = current.isEmpty ? root : root + "/" + current
        let mask =
          IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM
          | IN_MOVED_TO | IN_ONLYDIR
        let descriptor = inotify_add_watch(inotify, path, UInt32(mask))
        if descriptor < 0 {
          // A folder gone since it was listed is no failure; running out of watches is.
          if errno == ENOENT || errno == ENOTDIR { continue }
          return false
        }
        folders[descriptor] = current
        for (name, kind) in FileSystem.entries(ofDirectory: path)
        where kind == .directory && !TreeWatcher.isSkipped(name) {
          pending.append(current.isEmpty ? name : current + "/" + name)
        }
      }
      return true
    }

    /// Waits up to `milliseconds` (-1: for ever) for events and reads them; true when one of
    /// them is about a file or folder the build may read. New folders are watched as they come.
    private func readEvents(waiting milliseconds: Int32) -> Bool {
      var poller = pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, milliseconds) > 0 else { return false }
      var buffer = [UInt8](repeating: 0, count: 64 * 1024)
      var relevant = false
      while true {
        let count = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress, $0.count) }
        guard count > 0 else { break }
        var offset = 0
        while offset + 16 <= count {
          let (descriptor, mask, length, name) = buffer.withUnsafeBytes {
            bytes -> (Int32, UInt32, Int, String) in
            let descriptor = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let raw = bytes[(offset + 16)..<min(count, offset + 16 + length)]
            let name = String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            return (descriptor, mask, length, name)
          }
          offset += 16 + length
          if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            relevant = true
            continue
          }
          if mask & UInt32(IN_IGNORED) != 0 {
            folders[descriptor] = nil
            continue
          }
          guard !name.isEmpty, !TreeWatcher.isSkipped(name), let folder = folders[descriptor]
          else { continue }
          relevant = true
          let isNewFolder =
            mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0
          if isNewFolder, !watch(folder.isEmpty ? name : folder + "/" + name) {
            // Out of watches: what happens in that folder would go unseen, so poll instead.
            stopWatching()
            state = TreeWatcher.walk(root)
            return true
          }
        }
      }
      return relevant
    }
  #endif
}
