import BatonGit
import BatonSource
import BatonSupport
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The Write stage: puts a rendered site into its output folder atomically.
///
/// A full write puts the site into a temporary folder beside the output folder, then swaps it in
/// with one rename (`renameat2(RENAME_EXCHANGE)` on Linux), so readers and a killed build only
/// ever see the old site or the new one. Files whose bytes did not change are hard-linked from
/// the previous output instead of rewritten, so their modification times stay and sync tools
/// skip them. Baton marks folders it creates with `.baton-site` and refuses to replace a
/// non-empty folder without that mark; it writes and deletes only inside the output folder and
/// its own temporary folders beside it.
///
/// With a record of the last build (`manifestPath`, kept outside the folder), a build that
/// changes few files updates the folder in place instead: the changed files are written into the
/// temporary folder first (a failure there leaves the site as it was), then each is renamed over
/// its old version, so every file is always whole. The record is removed before the first rename
/// and written again after the last, so a build killed in between leaves no record and the next
/// build writes the whole site afresh.
public struct SiteWriter: Sendable {
  /// The marker file in every folder Baton writes.
  public static let markerName = Loader.builtSiteMarker
  static let markerText = "Written by baton build. This folder is replaced on every build.\n"

  /// The output folder, absolute.
  public let folder: String
  /// Where the record of the folder's files is kept between builds (outside the folder); nil to
  /// keep none, so every build is a full write.
  public let manifestPath: String?

  /// What a write did.
  public struct Summary: Sendable, Hashable {
    /// Files written because they are new or changed.
    public var written: Int
    /// Files kept from the previous build because their bytes are the same.
    public var unchanged: Int
    /// Files of the previous build that the new one no longer has.
    public var removed: Int
    /// The digest of the record written (see `SiteManifest.digest`), when one was.
    public var record: Digest?

    public init(written: Int, unchanged: Int, removed: Int, record: Digest? = nil) {
      self.written = written
      self.unchanged = unchanged
      self.removed = removed
      self.record = record
    }
  }

  public init(folder: String, manifestPath: String? = nil) {
    let absolute =
      folder.hasPrefix("/") ? folder : FileManager.default.currentDirectoryPath + "/" + folder
    self.folder = URL(fileURLWithPath: absolute).standardizedFileURL.path
    self.manifestPath = manifestPath
  }

  /// The record of the folder from the last build, with only the entries whose file is still as
  /// written; nil when there is none.
  public func manifest() -> SiteManifest? {
    manifestPath.flatMap { SiteManifest.read($0, folder: folder) }
  }

  /// Whether there is a record and a folder Baton wrote for it to describe: without both,
  /// `manifest()` is nil (a cheap look before the work of reading it).
  var mayHaveRecord: Bool {
    guard let manifestPath else { return false }
    return FileSystem.kind(atPath: manifestPath) == .file
      && FileSystem.kind(atPath: folder + "/" + SiteWriter.markerName) == .file
  }

  /// Writes every file: in place when few changed and a record says what is there, else into a
  /// new folder swapped in.
  ///
  /// - Parameter previous: the record read before rendering (`manifest()`), which the site's kept
  ///   files rely on; read again when nil.
  /// - Throws: `OutputError` when the folder is not Baton's, a path is unsafe, or I/O fails;
  ///   the previous output is then left as it was.
  public func write(_ site: RenderedSite, previous: SiteManifest? = nil) throws(OutputError)
    -> Summary
  {
    for file in site.files where !SiteWriter.isSafe(file.path) {
      throw SiteWriter.unsafe(file.path)
    }
    let target = try prepare()
    let record = target.exists ? (previous ?? manifest()) : nil
    let digests = site.files.parallelMap { $0.isKept ? nil : Digest(of: $0.bytes) }
    if var record, let manifestPath,
      let (changed, removed) = try fewChanges(site, digests: digests, record: record)
    {
      let changedPaths = Set(changed.map { site.files[$0].path })
      for file in site.files where !changedPaths.contains(file.path) {
        if let entry = record.entries[file.path], entry.key != file.key {
          record.entries[file.path]?.key = file.key
        }
      }
      var summary = try writeInPlace(
        changed.compactMap { offset in digests[offset].map { (site.files[offset], $0) } },
        removed: removed, record: record, temporary: target.temporary,
        manifestPath: manifestPath)
      summary.unchanged = site.files.count - changed.count
      return summary
    }
    return try Stream(self, target: target, record: record).finish(site) { digests[$0] }
  }

  /// Writes `files` over the folder the record describes and removes `removed`, every other
  /// file staying as the record has it, when the folder is there and few files change: an
  /// update from the build state, whose work is then the changed files' (`writeInPlace`), not
  /// the site's. Nil when a full write of the whole site is due.
  ///
  /// - Parameters:
  ///   - linked: files written already to other files (the build state's), by path, with the
  ///     file holding each and its digest: hard-linked into place instead of written again
  ///     (copied when they cannot be linked), tens of megabytes for `documents.json`.
  ///   - record: the record read before rendering (`manifest()`), complete.
  ///   - digests: the digests of files taken already, by path.
  func writeChanges(
    _ files: [SiteFile], linked: [String: (source: String, digest: Digest)] = [:],
    removed: Set<String>, record: SiteManifest, digests: [String: Digest] = [:]
  ) throws(OutputError) -> Summary? {
    let files = files + linked.keys.sorted().map { SiteFile.written(path: $0, key: nil) }
    for file in files where !SiteWriter.isSafe(file.path) {
      throw SiteWriter.unsafe(file.path)
    }
    guard let manifestPath, record.isComplete else { return nil }
    let target = try prepare()
    guard target.exists else { return nil }
    var record = record
    var changed: [(SiteFile, Digest)] = []
    var added = 0
    let taken = files.parallelMap {
      linked[$0.path]?.digest ?? digests[$0.path] ?? Digest(of: $0.bytes)
    }
    for (file, digest) in zip(files, taken) {
      if record.entries[file.path] == nil { added += 1 }
      if var entry = record.entries[file.path], entry.digest == digest {
        entry.key = file.key
        record.set(entry, at: file.path)
      } else {
        changed.append((file, digest))
      }
    }
    let gone = removed.filter { record.entries[$0] != nil }.sorted()
    guard changed.count + gone.count <= max(64, record.entries.count / 4) else { return nil }
    var summary = try writeInPlace(
      changed, removed: gone, record: record, temporary: target.temporary,
      manifestPath: manifestPath, linked: linked.mapValues(\.source))
    summary.unchanged = record.entries.count + added - gone.count - changed.count
    return summary
  }

  /// Starts a full write that takes the files as they are rendered (`Stream.put`), so that no
  /// more than a few of their bytes are held at once; `Stream.finish` writes the rest and swaps
  /// the new folder in.
  ///
  /// - Parameter record: the record read before rendering (`manifest()`), when there was one.
  public func stream(record: SiteManifest? = nil) throws(OutputError) -> Stream {
    let target = try prepare()
    return try Stream(self, target: target, record: target.exists ? record : nil)
  }

  /// Where a full write makes the new folder, beside the output folder, and whether there is an
  /// old one to swap out.
  struct Target: Sendable {
    var parent: String
    var name: String
    var exists: Bool
    var temporary: String { parent + "/.\(name).baton-tmp-\(getpid())" }
  }

  /// Checks that the output folder may be written, creates the folders above it and removes
  /// what a killed build left beside it.
  func prepare() throws(OutputError) -> Target {
    let url = URL(fileURLWithPath: folder)
    let name = url.lastPathComponent
    let parent = url.deletingLastPathComponent().path
    guard !name.isEmpty, name != "/", folder != "/" else {
      throw OutputError(path: folder, message: "cannot write a site to the file system's root")
    }
    let exists = try checkExisting()
    guard SiteWriter.makeParents(of: folder) else {
      throw OutputError(
        path: parent, message: "cannot create the folder: \(FileSystem.describe(errno))")
    }
    removeLeftovers(in: parent, name: name)
    return Target(parent: parent, name: name, exists: exists)
  }

  /// The error for a path that would leave the output folder.
  static func unsafe(_ path: String) -> OutputError {
    OutputError(path: path, message: "refusing to write outside the output folder")
  }

  /// The files to write (by offset) and to remove when few enough changed since `record` to
  /// update the folder in place; nil when a full write is due.
  private func fewChanges(_ site: RenderedSite, digests: [Digest?], record: SiteManifest)
    throws(OutputError) -> (changed: [Int], removed: [String])?
  {
    // The site's files and the record's entries are both sorted by path: walked side by side.
    var changed: [Int] = []
    var removed: [String] = []
    let recorded = record.entries.sorted
    var next = 0
    for (offset, file) in site.files.enumerated() {
      while next < recorded.count, recorded[next].path < file.path {
        removed.append(recorded[next].path)
        next += 1
      }
      let entry = next < recorded.count && recorded[next].path == file.path ? recorded[next] : nil
      if entry != nil { next += 1 }
      guard let digest = digests[offset] else {
        guard entry != nil else {
          throw OutputError(
            path: folder + "/" + file.path,
            message: "the file changed during the build: build again")
        }
        continue
      }
      if entry?.entry.digest != digest { changed.append(offset) }
    }
    removed += recorded[next...].map(\.path)
    guard changed.count + removed.count <= max(64, site.files.count / 4) else { return nil }
    return (changed, removed)
  }

  /// Updates the folder in place: stages the changed files beside it, removes the record, renames
  /// each file over its old version, deletes files the site no longer has, writes the record.
  ///
  /// - Parameter linked: for files written already, by path, the file holding each (staged by
  ///   `stage(_:at:linking:)`).
  private func writeInPlace(
    _ changed: [(file: SiteFile, digest: Digest)], removed: [String], record: SiteManifest,
    temporary: String, manifestPath: String, linked: [String: String] = [:]
  ) throws(OutputError) -> Summary {
    try? FileManager.default.removeItem(atPath: temporary)
    guard mkdir(temporary, 0o755) == 0,
      FileBytes.write(
        Array(SiteWriter.markerText.utf8), to: temporary + "/" + SiteWriter.markerName)
    else {
      throw OutputError(
        path: temporary, message: "cannot create the folder: \(FileSystem.describe(errno))")
    }
    defer { try? FileManager.default.removeItem(atPath: temporary) }
    for (number, item) in changed.enumerated()
    where !SiteWriter.stage(
      item.file, at: temporary + "/\(number)", linking: linked[item.file.path])
    {
      throw OutputError(
        path: temporary, message: "cannot write a file: \(FileSystem.describe(errno))")
    }
    guard SiteManifest.remove(manifestPath) else {
      throw OutputError(path: manifestPath, message: "cannot remove the build record")
    }
    var manifest = record
    for (number, (file, digest)) in changed.enumerated() {
      let target = folder + "/" + file.path
      guard SiteWriter.makeParents(of: target),
        SiteWriter.replace(target, with: temporary + "/\(number)")
      else {
        throw OutputError(
          path: target, message: "cannot move the file in: \(FileSystem.describe(errno))")
      }
      if let (size, modified, inode) = SiteManifest.fileState(target) {
        manifest.set(
          SiteManifest.Entry(
            key: file.key, digest: digest, size: size, modified: modified, inode: inode),
          at: file.path)
      }
    }
    for path in removed {
      unlink(folder + "/" + path)
      manifest.set(nil, at: path)
      var parts = path.split(separator: "/").dropLast()
      while !parts.isEmpty, rmdir(folder + "/" + parts.joined(separator: "/")) == 0 {
        parts = parts.dropLast()
      }
    }
    return Summary(
      written: changed.count, unchanged: 0, removed: removed.count,
      record: manifest.write(to: manifestPath, folder: folder))
  }

  /// Puts a changed file's bytes at `path`, in the temporary folder of an in-place write: a hard
  /// link to `source` for a file written already (a copy of it when it cannot be linked, as
  /// from another file system), else the file's bytes; false when it fails.
  static func stage(_ file: SiteFile, at path: String, linking source: String?) -> Bool {
    guard let source else { return FileBytes.write(file.bytes, to: path) }
    if link(source, path) == 0 { return true }
    guard let bytes = CacheFile.read(source) else { return false }
    return FileBytes.write(bytes, to: path)
  }

  /// Whether the output folder exists; throws when it is not one Baton may replace.
  private func checkExisting() throws(OutputError) -> Bool {
    var info = stat()
    guard lstat(folder, &info) == 0 else { return false }
    guard info.st_mode & S_IFMT == S_IFDIR else {
      throw OutputError(
        path: folder,
        message: "the output exists and is not a folder: remove it or choose another '--output'")
    }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    if entries.isEmpty || entries.contains(SiteWriter.markerName) { return true }
    throw OutputError(
      path: folder,
      message:
        "the folder is not empty and was not written by baton (no \(SiteWriter.markerName)): "
        + "choose another '--output' or empty it")
  }

  /// Removes temporary folders that a killed build left beside the output, if they are Baton's.
  private func removeLeftovers(in parent: String, name: String) {
    let manager = FileManager.default
    for entry in (try? manager.contentsOfDirectory(atPath: parent)) ?? []
    where entry.hasPrefix(".\(name).baton-tmp-") || entry.hasPrefix(".\(name).baton-old-") {
      let path = parent + "/" + entry
      if manager.fileExists(atPath: path + "/" + SiteWriter.markerName) {
        try? manager.removeItem(atPath: path)
      }
    }
  }

  /// What putting one file into a folder did.
  enum Placed {
    /// Written, with the file's stamp as written.
    case written(FileStamp)
    /// Hard-linked from the previous output, whose file has the same bytes.
    case linked
    case failed(String)
  }

  /// Puts one file into `staging`: a hard link to `previous`'s file when the bytes are the same
  /// (by the record's digest when it has the file, else by comparing bytes), else its bytes.
  static func place(
    _ file: SiteFile, digest: Digest?, into staging: StagingFolder, previous: String?,
    record: SiteManifest?
  ) -> Placed {
    if let previous {
      let old = previous + "/" + file.path
      let same: Bool
      if let entry = record?.entries[file.path] {
        same = file.isKept || entry.digest == digest
      } else {
        same = !file.isKept && SiteWriter.sameBytes(old, file.bytes)
      }
      if same, staging.link(old, at: file.path) { return .linked }
    }
    if file.isKept {
      return .failed("\(file.path): the previous build's file is gone: build again")
    }
    guard let stamp = staging.write(file.bytes, at: file.path) else {
      return .failed("\(staging.path)/\(file.path): \(FileSystem.describe(errno))")
    }
    return .written(stamp)
  }

  /// Creates the folders above a file, like `mkdir -p`; true when they exist.
  static func makeParents(of path: String) -> Bool {
    guard let slash = path.lastIndex(of: "/") else { return true }
    let parent = String(path[..<slash])
    if mkdir(parent, 0o755) == 0 || errno == EEXIST { return true }
    guard errno == ENOENT, makeParents(of: parent) else { return false }
    return mkdir(parent, 0o755) == 0 || errno == EEXIST
  }

  /// A path Baton may write: relative, no `.` or `..` segments, no empty segments.
  static func isSafe(_ path: String) -> Bool {
    var path = path
    return path.withUTF8 { isSafe($0) } && path != markerName
  }

  /// Whether a path's UTF-8 bytes are those of a path Baton may write (`isSafe(_:)`), but for
  /// the marker's name. Over the bytes in the string's own storage, segment by segment: tens of
  /// thousands of paths are checked per build, and going through the `utf8` view cost a
  /// thousand instructions a path.
  private static func isSafe(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    var segment = 0
    var dots = 0
    for byte in utf8 {
      switch byte {
      case 0: return false
      case UInt8(ascii: "/"):
        guard segment > 0, dots != segment || dots > 2 else { return false }
        segment = 0
        dots = 0
      case UInt8(ascii: "."):
        segment += 1
        dots += 1
      default: segment += 1
      }
    }
    return segment > 0 && (dots != segment || dots > 2)
  }

  /// Whether the regular file at `path` holds `bytes`: read with one `open`, `fstat` (its
  /// `FileStamp`) and `read` (Foundation's `contents(atPath:)` took most of a build into a
  /// folder without a record), compared with `memcmp`.
  static func sameBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    guard FileStamp.of(descriptor: descriptor)?.size == bytes.count else { return false }
    guard !bytes.isEmpty else { return true }
    // One byte more than expected, to see a file that grew since `fstat`.
    var old = [UInt8](repeating: 0, count: bytes.count + 1)
    var count = 0
    while count < old.count {
      let got = old.withUnsafeMutableBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        return read(descriptor, base + count, buffer.count - count)
      }
      if got < 0, errno == EINTR { continue }
      guard got > 0 else { break }
      count += got
    }
    guard count == bytes.count else { return false }
    return old.withUnsafeBytes { oldBytes in
      bytes.withUnsafeBytes { newBytes in
        guard let oldBase = oldBytes.baseAddress, let newBase = newBytes.baseAddress else {
          return false
        }
        return memcmp(oldBase, newBase, bytes.count) == 0
      }
    }
  }

  /// Puts the file at `staged` at `target` in one step: exchanged with the old version where
  /// there is one (which is left at `staged`, to go with the temporary folder), else renamed.
  ///
  /// ext4 writes a file renamed over another to disk at once (`auto_da_alloc`), which for
  /// `documents.json` at 40,000 documents (33 MB) took tens of milliseconds of an edit's
  /// build; an exchange is written back later, as any new file is.
  static func replace(_ target: String, with staged: String) -> Bool {
    exchange(staged, target) || rename(staged, target) == 0
  }

  /// Swaps two files or folders in one step where the system can; false when it cannot.
  static func exchange(_ a: String, _ b: String) -> Bool {
    #if os(Linux)
      typealias RenameAt2 =
        @convention(c) (
          Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
        ) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else {
        return false
      }
      let function = unsafeBitCast(symbol, to: RenameAt2.self)
      let exchangeFlag: UInt32 = 2  // RENAME_EXCHANGE
      return function(AT_FDCWD, a, AT_FDCWD, b, exchangeFlag) == 0
    #else
      return false
    #endif
  }
}
