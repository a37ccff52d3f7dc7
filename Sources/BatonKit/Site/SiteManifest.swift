import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The record of an output folder's files that the last build wrote, kept outside the folder.
///
/// For each file: the key it was rendered from (see `SiteFile.key`), a digest of its bytes, and
/// its size, modification time and inode as written. The next build trusts an entry only while
/// the file on disk still has that size, time and inode, so a file changed or removed by hand
/// is written again. It is the render cache of `baton build`: pages whose key is recorded are
/// not rendered, and files whose digest is recorded are not written.
public struct SiteManifest: Sendable {
  /// What the last build wrote at one path.
  public struct Entry: Sendable, Hashable {
    public var key: Digest?
    public var digest: Digest
    public var size: Int
    public var modified: Int
    public var inode: UInt64
  }

  static let header = "baton-site-manifest 1"

  /// Entries by path under the output folder.
  public var entries: [String: Entry]
  /// A digest of the record's file as read, which `BuildState` keeps to know the output is the
  /// one it was written with; nil for a record made in memory.
  public internal(set) var digest: Digest?
  /// Whether every entry of the record's file was kept (no file changed or gone by hand).
  public internal(set) var isComplete = true

  public init(entries: [String: Entry] = [:]) {
    self.entries = entries
  }

  /// The render cache this record gives: the key of every page still as written.
  public var renderCache: RenderCache {
    var keys: [String: Digest] = [:]
    for (path, entry) in entries {
      if let key = entry.key { keys[path] = key }
    }
    return RenderCache(keys: keys)
  }

  /// Reads the record at `path` for `folder`, keeping the entries whose file is unchanged.
  ///
  /// - Returns: nil when there is no record, it is for another folder, or it does not parse.
  static func read(_ path: String, folder: String) -> SiteManifest? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let text = String(decoding: data, as: UTF8.self)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    guard lines.count >= 2, lines[0] == header, lines[1] == folder else { return nil }
    lines.removeFirst(2)
    let parsed = lines.parallelMap { line -> (String, Entry)? in
      let fields = line.split(separator: "\t", maxSplits: 5, omittingEmptySubsequences: false)
      guard fields.count == 6, let digest = Digest(hex: fields[1]),
        let size = Int(fields[2]), let modified = Int(fields[3]), let inode = UInt64(fields[4])
      else { return nil }
      let entry = Entry(
        key: Digest(hex: fields[0]), digest: digest, size: size, modified: modified,
        inode: inode)
      let file = String(fields[5])
      guard
        SiteManifest.fileState(folder + "/" + file).map({ $0 == (size, modified, inode) }) == true
      else { return nil }
      return (file, entry)
    }
    var entries: [String: Entry] = [:]
    entries.reserveCapacity(parsed.count)
    for case let (file, entry)? in parsed { entries[file] = entry }
    var manifest = SiteManifest(entries: entries)
    manifest.digest = Digest(of: Array(data))
    manifest.isComplete = entries.count == parsed.count
    return manifest
  }

  /// Writes the record for `folder` to `path` atomically (a temporary file renamed over it).
  ///
  /// - Returns: the digest of what was written (as `read` gives it back), or nil on failure.
  @discardableResult
  func write(to path: String, folder: String) -> Digest? {
    var text = SiteManifest.header + "\n" + folder + "\n"
    for path in entries.keys.sorted() {
      guard let entry = entries[path] else { continue }
      text += "\(entry.key?.description ?? "-")\t\(entry.digest)\t\(entry.size)\t"
      text += "\(entry.modified)\t\(entry.inode)\t\(path)\n"
    }
    let folderPath = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(
      atPath: folderPath, withIntermediateDirectories: true)
    let temporary = path + ".tmp-\(getpid())"
    let bytes = Array(text.utf8)
    guard SiteWriter.writeBytes(bytes, to: temporary) else { return nil }
    guard rename(temporary, path) == 0 else {
      unlink(temporary)
      return nil
    }
    return Digest(of: bytes)
  }

  /// Removes the record, before the folder is changed in place: if the build is killed half-way,
  /// the next one finds no record and writes the whole site again.
  static func remove(_ path: String) -> Bool {
    unlink(path) == 0 || errno == ENOENT
  }

  /// Size, modification time (nanoseconds) and inode of a regular file.
  static func fileState(_ path: String) -> (Int, Int, UInt64)? {
    var info = stat()
    guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
    #if os(Linux)
      let time = info.st_mtim
    #else
      let time = info.st_mtimespec
    #endif
    let modified = Int(time.tv_sec) &* 1_000_000_000 &+ Int(time.tv_nsec)
    return (Int(info.st_size), modified, UInt64(info.st_ino))
  }
}
