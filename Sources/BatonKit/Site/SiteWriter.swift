import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The Write stage: puts a rendered site into its output folder atomically.
///
/// The site is written into a temporary folder beside the output folder, then swapped in with
/// one rename (`renameat2(RENAME_EXCHANGE)` on Linux), so readers and a killed build only ever
/// see the old site or the new one. Files whose bytes did not change are hard-linked from the
/// previous output instead of rewritten, so their modification times stay and sync tools skip
/// them. Baton marks folders it creates with `.baton-site` and refuses to replace a non-empty
/// folder without that mark; it writes and deletes only inside the output folder and its own
/// temporary folders beside it.
public struct SiteWriter: Sendable {
  /// The marker file in every folder Baton writes.
  public static let markerName = ".baton-site"
  static let markerText = "Written by baton build. This folder is replaced on every build.\n"

  /// The output folder, absolute.
  public let folder: String

  /// What a write did.
  public struct Summary: Sendable, Hashable {
    /// Files written because they are new or changed.
    public var written: Int
    /// Files kept from the previous build because their bytes are the same.
    public var unchanged: Int
    /// Files of the previous build that the new one no longer has.
    public var removed: Int

    public init(written: Int, unchanged: Int, removed: Int) {
      self.written = written
      self.unchanged = unchanged
      self.removed = removed
    }
  }

  public init(folder: String) {
    let absolute =
      folder.hasPrefix("/") ? folder : FileManager.default.currentDirectoryPath + "/" + folder
    self.folder = URL(fileURLWithPath: absolute).standardizedFileURL.path
  }

  /// Writes every file, then swaps the new folder in.
  ///
  /// - Throws: `OutputError` when the folder is not Baton's, a path is unsafe, or I/O fails;
  ///   the previous output is then left as it was.
  public func write(_ site: RenderedSite) throws(OutputError) -> Summary {
    let manager = FileManager.default
    let url = URL(fileURLWithPath: folder)
    let name = url.lastPathComponent
    let parent = url.deletingLastPathComponent().path
    guard !name.isEmpty, name != "/", folder != "/" else {
      throw OutputError(path: folder, message: "cannot write a site to the file system's root")
    }
    let exists = try checkExisting()
    do {
      try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
    } catch {
      throw OutputError(path: parent, message: "cannot create the folder: \(error)")
    }
    removeLeftovers(in: parent, name: name)
    let temporary = parent + "/.\(name).baton-tmp-\(getpid())"
    try? manager.removeItem(atPath: temporary)
    var summary = Summary(written: 0, unchanged: 0, removed: 0)
    do {
      try manager.createDirectory(atPath: temporary, withIntermediateDirectories: false)
      try Data(SiteWriter.markerText.utf8).write(
        to: URL(fileURLWithPath: temporary + "/" + SiteWriter.markerName))
      summary = try writeFiles(site.files, into: temporary, previous: exists ? folder : nil)
    } catch let error as OutputError {
      try? manager.removeItem(atPath: temporary)
      throw error
    } catch {
      try? manager.removeItem(atPath: temporary)
      throw OutputError(path: temporary, message: "cannot write the site: \(error)")
    }
    if exists {
      summary.removed = removedCount(previous: folder, site: site)
      if SiteWriter.exchange(temporary, folder) {
        try? manager.removeItem(atPath: temporary)
      } else {
        let old = parent + "/.\(name).baton-old-\(getpid())"
        guard rename(folder, old) == 0 else {
          try? manager.removeItem(atPath: temporary)
          throw OutputError(path: folder, message: "cannot move the old site aside: \(errno)")
        }
        guard rename(temporary, folder) == 0 else {
          _ = rename(old, folder)
          try? manager.removeItem(atPath: temporary)
          throw OutputError(path: folder, message: "cannot move the new site in: \(errno)")
        }
        try? manager.removeItem(atPath: old)
      }
    } else if rename(temporary, folder) != 0 {
      try? manager.removeItem(atPath: temporary)
      throw OutputError(path: folder, message: "cannot move the new site in: \(errno)")
    }
    return summary
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

  /// Writes the files into `root`, hard-linking those unchanged since `previous`.
  private func writeFiles(_ files: [SiteFile], into root: String, previous: String?) throws
    -> Summary
  {
    var folders = Set<String>()
    for file in files {
      guard SiteWriter.isSafe(file.path) else {
        throw OutputError(path: file.path, message: "refusing to write outside the output folder")
      }
      var parts = file.path.split(separator: "/")
      parts.removeLast()
      var current = ""
      for part in parts {
        current += current.isEmpty ? String(part) : "/" + part
        folders.insert(current)
      }
    }
    for folder in folders.sorted() {
      try FileManager.default.createDirectory(
        atPath: root + "/" + folder, withIntermediateDirectories: true)
    }
    let chunks = max(1, min(files.count, ProcessInfo.processInfo.activeProcessorCount * 4))
    let size = (files.count + chunks - 1) / chunks
    let outcomes = Mutex<(written: Int, unchanged: Int, failure: String?)>((0, 0, nil))
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      var written = 0
      var unchanged = 0
      var failure: String?
      for file in files[min(files.count, chunk * size)..<min(files.count, (chunk + 1) * size)] {
        let target = root + "/" + file.path
        if let previous, SiteWriter.sameBytes(previous + "/" + file.path, file.bytes),
          link(previous + "/" + file.path, target) == 0
        {
          unchanged += 1
          continue
        }
        if !SiteWriter.writeBytes(file.bytes, to: target) {
          failure = "\(target): \(String(cString: strerror(errno)))"
          break
        }
        written += 1
      }
      outcomes.withLock {
        $0.written += written
        $0.unchanged += unchanged
        if $0.failure == nil { $0.failure = failure }
      }
    }
    let result = outcomes.withLock { $0 }
    if let failure = result.failure {
      throw OutputError(path: root, message: "cannot write a file: \(failure)")
    }
    return Summary(written: result.written, unchanged: result.unchanged, removed: 0)
  }

  /// How many files of the previous output the new site does not have.
  private func removedCount(previous: String, site: RenderedSite) -> Int {
    let paths = Set(site.files.map(\.path))
    var count = 0
    let base = URL(fileURLWithPath: previous).standardizedFileURL.path
    guard
      let walker = FileManager.default.enumerator(
        at: URL(fileURLWithPath: previous), includingPropertiesForKeys: [.isRegularFileKey])
    else { return 0 }
    for case let url as URL in walker {
      guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true
      else { continue }
      let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
      if relative != SiteWriter.markerName && !paths.contains(relative) { count += 1 }
    }
    return count
  }

  /// A path Baton may write: relative, no `.` or `..` segments, no empty segments.
  static func isSafe(_ path: String) -> Bool {
    guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0") else { return false }
    return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
      !$0.isEmpty && $0 != "." && $0 != ".."
    } && path != markerName
  }

  static func sameBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
    var info = stat()
    guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
      Int(info.st_size) == bytes.count
    else { return false }
    guard let data = FileManager.default.contents(atPath: path) else { return false }
    return data.elementsEqual(bytes)
  }

  static func writeBytes(_ bytes: [UInt8], to path: String) -> Bool {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    return bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let count = systemWrite(
          descriptor, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
        if count < 0 {
          if errno == EINTR { continue }
          return false
        }
        offset += count
      }
      return true
    }
  }

  private static func systemWrite(
    _ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int
  ) -> Int {
    #if canImport(Glibc)
      Glibc.write(descriptor, buffer, count)
    #else
      Darwin.write(descriptor, buffer, count)
    #endif
  }

  /// Swaps two folders in one step where the system can; false when it cannot.
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
