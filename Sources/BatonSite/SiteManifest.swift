import BatonGit
import BatonSupport
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

  /// The record's file starts with this and a version byte.
  static let magic = Array("BATONSM".utf8)
  static let version: UInt8 = 2

  /// Entries by path under the output folder.
  public var entries: Entries {
    didSet { raw = nil }
  }
  /// A digest of the record's file as read, which `BuildState` keeps to know the output is the
  /// one it was written with; nil for a record made in memory.
  public internal(set) var digest: Digest?
  /// Whether every entry of the record's file was kept (no file changed or gone by hand).
  public internal(set) var isComplete = true
  /// The paths of the record's file as read, sorted, when every entry was kept: a record
  /// written again after a few changes is copied but for them (`patched(folder:)`).
  var listed: [String]?
  /// The record's file as read, while every entry was kept and `entries` has changed only
  /// through `set(_:at:)`: written again, it is copied but for the entries set.
  private var raw: Raw?

  private struct Raw: Sendable {
    /// The file without its checksum.
    var bytes: [UInt8]
    /// Where each entry of `listed` starts, and where the last ends.
    var starts: [Int]
    var touched: Set<String> = []
  }

  public init(entries: Entries = Entries()) {
    self.entries = entries
  }

  /// Reads the record at `path` for `folder`, keeping the entries whose file is unchanged.
  ///
  /// The file is binary (`magic`, the version, the folder, then per entry its path, key,
  /// digest, size, modification time and inode, and a checksum at the end): a record of tens of
  /// thousands of files is read in milliseconds, and checking that each file is still as
  /// written (one `fstatat` each, from a folder held open near it: `unchanged(_:in:)`) is most
  /// of the work.
  ///
  /// - Returns: nil when there is no record, it is for another folder, or it does not read.
  static func read(_ path: String, folder: String) -> SiteManifest? {
    guard let file = CacheFile.read(path) else { return nil }
    let digest = Digest(of: file)
    guard let bytes = CacheFile.unsealed(consume file), bytes.starts(with: magic),
      bytes.count > magic.count, bytes[magic.count] == version
    else { return nil }
    var reader = ByteReader(bytes: bytes, position: magic.count + 1)
    guard reader.string() == folder, let (paths, values, starts) = decode(&reader),
      reader.isAtEnd
    else { return nil }
    let current = unchanged(paths, values, in: folder)
    var manifest: SiteManifest
    if current.contains(false) {
      let kept = current.indices.filter { current[$0] }
      manifest = SiteManifest(
        entries: Entries(paths: kept.map { paths[$0] }, values: kept.map { values[$0] }))
      manifest.isComplete = false
    } else {
      manifest = SiteManifest(entries: Entries(paths: paths, values: values))
      manifest.listed = paths
      manifest.raw = Raw(bytes: bytes, starts: starts)
    }
    manifest.digest = digest
    return manifest
  }

  /// The entries of a record's file, in two arrays, and where each starts and the last ends;
  /// nil when they do not read.
  private static func decode(_ reader: inout ByteReader)
    -> (paths: [String], values: [Entry], starts: [Int])?
  {
    guard let count = reader.natural(), count <= reader.bytes.count - reader.position else {
      return nil
    }
    var (paths, values, starts) = ([String](), [Entry](), [Int]())
    paths.reserveCapacity(count)
    values.reserveCapacity(count)
    starts.reserveCapacity(count + 1)
    for _ in 0..<count {
      starts.append(reader.position)
      guard let file = reader.string(), let key = reader.optional({ $0.digest() }),
        let digest = reader.digest(), let size = reader.natural(),
        let modified = reader.uint64(), let inode = reader.uint64()
      else { return nil }
      paths.append(file)
      values.append(
        Entry(
          key: key, digest: digest, size: size, modified: Int(bitPattern: UInt(modified)),
          inode: inode))
    }
    starts.append(reader.position)
    return (paths, values, starts)
  }

  /// Writes the record for `folder` to `path` atomically (a temporary file renamed over it).
  ///
  /// - Returns: the digest of what was written (as `read` gives it back), or nil on failure.
  @discardableResult
  func write(to path: String, folder: String) -> Digest? {
    var bytes = patched(folder: folder) ?? encoded(folder: folder)
    CacheFile.seal(&bytes)
    let folderPath = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(
      atPath: folderPath, withIntermediateDirectories: true)
    guard CacheFile.writeAtomically(bytes, to: path) else { return nil }
    return Digest(of: bytes)
  }

  /// Sets or removes the entry at a path; a record read from a file is then written again by
  /// copying it but for the entries set (`patched(folder:)`).
  mutating func set(_ entry: Entry?, at path: String) {
    var kept = raw
    raw = nil
    kept?.touched.insert(path)
    entries[path] = entry
    raw = kept
  }

  /// The file's bytes (without the checksum), as `encoded` gives them, made from the file
  /// read: its entries copied in runs, those set since encoded in their place, in order. Nil
  /// without such a file.
  private func patched(folder: String) -> [UInt8]? {
    guard let raw, let listed, raw.starts.count == listed.count + 1 else { return nil }
    var writer = ByteWriter(capacity: raw.bytes.count + raw.touched.count * 128 + 64)
    SiteManifest.head(&writer, folder: folder, count: entries.count)
    var next = 0
    var count = listed.count
    for path in raw.touched.sorted() {
      let at = listed.lowerBound(of: path)
      writer.bytes.append(contentsOf: raw.bytes[raw.starts[next]..<raw.starts[max(next, at)]])
      next = max(next, at)
      if next < listed.count, listed[next] == path {
        next += 1
        count -= 1
      }
      if let entry = entries[path] {
        writer.bytes.append(contentsOf: SiteManifest.encode([(path, entry)][...]))
        count += 1
      }
    }
    writer.bytes.append(contentsOf: raw.bytes[raw.starts[next]..<raw.starts[listed.count]])
    return count == entries.count ? writer.bytes : nil
  }

  private static func head(_ writer: inout ByteWriter, folder: String, count: Int) {
    writer.bytes.append(contentsOf: SiteManifest.magic)
    writer.byte(SiteManifest.version)
    writer.string(folder)
    writer.natural(count)
  }

  /// The file's bytes (without the checksum), every entry encoded.
  private func encoded(folder: String) -> [UInt8] {
    var writer = ByteWriter(capacity: 64 + entries.count * 96)
    let ordered = entries.sorted
    // Runs of entries are encoded on every core and put together in order.
    SiteManifest.head(&writer, folder: folder, count: ordered.count)
    let runs = stride(from: 0, to: ordered.count, by: 4_096).map {
      $0..<min($0 + 4_096, ordered.count)
    }
    for run in runs.parallelMap({ SiteManifest.encode(ordered[$0]) }) {
      writer.bytes.append(contentsOf: run)
    }
    return writer.bytes
  }

  /// Entries as the record's file lists them.
  private static func encode(_ entries: ArraySlice<(path: String, entry: Entry)>) -> [UInt8] {
    var writer = ByteWriter(capacity: entries.count * 96)
    for (file, entry) in entries {
      writer.string(file)
      writer.bool(entry.key != nil)
      if let key = entry.key { writer.digest(key) }
      writer.digest(entry.digest)
      writer.natural(entry.size)
      writer.uint64(UInt64(UInt(bitPattern: entry.modified)))
      writer.uint64(entry.inode)
    }
    return writer.bytes
  }

  /// Removes the record, before the folder is changed in place: if the build is killed half-way,
  /// the next one finds no record and writes the whole site again.
  static func remove(_ path: String) -> Bool {
    unlink(path) == 0 || errno == ENOENT
  }

  /// Size, modification time (nanoseconds) and inode of a regular file.
  static func fileState(_ path: String) -> (Int, Int, UInt64)? {
    FileStamp.of(path: path).map(fileState)
  }

  /// A file's size, modification time and inode as an entry keeps them.
  static func fileState(_ stamp: FileStamp) -> (Int, Int, UInt64) {
    (stamp.size, Int(stamp.modified), stamp.inode)
  }
}

extension Array where Element == String {
  /// Where `value` is or would go in a sorted array: the first index not before it.
  func lowerBound(of value: String) -> Int {
    var low = startIndex
    var high = endIndex
    while low < high {
      let middle = (low + high) / 2
      if self[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
