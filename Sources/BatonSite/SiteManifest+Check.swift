import BatonGit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension SiteManifest {
  /// Whether each file of `paths` (sorted) is still as its entry in `entries` says: same size,
  /// modification time and inode, a regular file.
  ///
  /// Runs of paths are stamped on every core, each file relative to a folder held open near it
  /// (`FolderCursor`), so that the kernel looks up one or two components of its path instead of
  /// all of them: at 40,000 pages, looking up `handbook/<language>/<section>/<page>/index.html`
  /// component by component was most of the cost of checking the output.
  static func unchanged(_ paths: [String], _ entries: [Entry], in folder: String) -> [Bool] {
    let root = FileStamp.openFolder(folder)
    defer { FileStamp.closeFolder(root) }
    let runs = stride(from: 0, to: paths.count, by: 2_048).map {
      $0..<min($0 + 2_048, paths.count)
    }
    return runs.parallelMap { run -> [Bool] in
      var cursor = FolderCursor(root: root)
      defer { cursor.close() }
      return run.map { index in
        let next = index + 1 < run.upperBound ? paths[index + 1] : nil
        guard let stamp = cursor.stamp(paths[index], next: next) else { return false }
        let entry = entries[index]
        return fileState(stamp) == (entry.size, entry.modified, entry.inode)
      }
    }.flatMap { $0 }
  }
}

/// Stamps files of an output folder in path order, each relative to a folder held open: the
/// file's own folder when the next path is in it too (a folder of many files, such as the search
/// index's excerpts), else the folder above it (a page's folder, which holds only its page);
/// kept while the paths that follow are at most two components under it.
struct FolderCursor: ~Copyable {
  /// The output folder, open.
  let root: Int32
  /// The folder held open, or -1 (none, or it could not be opened).
  private var held: Int32 = -1
  /// The held folder's path under `root`, without a trailing slash; empty for none.
  private var heldPath: [CChar] = []

  init(root: Int32) {
    self.root = root
  }

  /// The stamp of the regular file at `path` under the root, not following a final symbolic
  /// link; nil for anything else or when it is gone. `next` is the path to be stamped next.
  mutating func stamp(_ path: String, next: String?) -> FileStamp? {
    let count = path.utf8.count
    return path.withCString { bytes -> FileStamp? in
      guard let last = FolderCursor.slash(in: bytes, before: count) else {
        return FileStamp.of(path: path, in: root)
      }
      if holds(bytes, count: count) {
        return FileStamp.of(at: bytes + heldPath.count + 1, in: held)
      }
      var end = last
      if !FolderCursor.sameFolder(next, as: bytes, slash: last) {
        guard let above = FolderCursor.slash(in: bytes, before: last) else {
          return FileStamp.of(path: path, in: root)
        }
        end = above
      }
      hold(Array(UnsafeBufferPointer(start: bytes, count: end)))
      return FileStamp.of(at: bytes + end + 1, in: held)
    }
  }

  /// Closes the held folder.
  mutating func close() {
    FileStamp.closeFolder(held)
    held = -1
    heldPath = []
  }

  /// Whether `bytes` is a path at most two components under the held folder.
  private func holds(_ bytes: UnsafePointer<CChar>, count: Int) -> Bool {
    let length = heldPath.count
    guard length > 0, count > length + 1, bytes[length] == CChar(UInt8(ascii: "/")),
      heldPath.withUnsafeBufferPointer({ buffer in
        buffer.baseAddress.map { memcmp(bytes, $0, length) == 0 } ?? false
      })
    else { return false }
    var slashes = 0
    for offset in (length + 1)..<count where bytes[offset] == CChar(UInt8(ascii: "/")) {
      slashes += 1
    }
    return slashes <= 1
  }

  /// Opens the folder at `path` under the root in place of the one held. A folder that cannot
  /// be opened (gone, or not readable) counts its files as changed.
  private mutating func hold(_ path: [CChar]) {
    FileStamp.closeFolder(held)
    heldPath = path
    held = (path + [0]).withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return -1 }
      return FileStamp.openFolder(at: base, in: root)
    }
  }

  /// The offset of the last `/` before `end`, nil when there is none.
  static func slash(in bytes: UnsafePointer<CChar>, before end: Int) -> Int? {
    var offset = end - 1
    while offset >= 0, bytes[offset] != CChar(UInt8(ascii: "/")) { offset -= 1 }
    return offset >= 0 ? offset : nil
  }

  /// Whether `next` is a file of the folder that `bytes` ends at (its last slash at `slash`).
  static func sameFolder(_ next: String?, as bytes: UnsafePointer<CChar>, slash: Int) -> Bool {
    guard let next, next.utf8.count > slash + 1 else { return false }
    return next.withCString { other in
      memcmp(other, bytes, slash + 1) == 0
        && FolderCursor.slash(in: other + slash + 1, before: strlen(other + slash + 1)) == nil
    }
  }
}
