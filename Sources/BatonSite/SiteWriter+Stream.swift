import BatonGit
import BatonSupport
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension SiteWriter {
  /// A full write under way: files go into a temporary folder beside the output folder as they
  /// come (`put`, from any thread), and `finish` swaps that folder in with one rename.
  ///
  /// Until `finish` has swapped it in, the output folder is as the last build left it, so a
  /// failed or killed build leaves the old site whole; a stream dropped without `finish` removes
  /// its temporary folder. The record of the last build is removed when the stream opens, so a
  /// build killed half-way is followed by a full one.
  public final class Stream: Sendable {
    let writer: SiteWriter
    let target: Target
    /// The temporary folder, held open while files are put.
    let staging: StagingFolder
    /// The record of the folder being replaced, which says which files are unchanged.
    let record: SiteManifest?
    private let progress = Mutex(Progress())

    /// What the files put so far came to. What each file's record entry needs (its digest and
    /// stamp) goes back with the file (`SiteFile.placed`), not into tables by path.
    struct Progress {
      var written = 0
      var unchanged = 0
      /// The first failure, which `finish` throws.
      var failure: OutputError?
      /// Whether the temporary folder is still the stream's to remove.
      var open = true
    }

    init(_ writer: SiteWriter, target: Target, record: SiteManifest?) throws(OutputError) {
      if let manifestPath = writer.manifestPath, !SiteManifest.remove(manifestPath) {
        throw OutputError(path: manifestPath, message: "cannot remove the build record")
      }
      let temporary = target.temporary
      try? FileManager.default.removeItem(atPath: temporary)
      guard mkdir(temporary, 0o755) == 0 else {
        throw OutputError(
          path: temporary, message: "cannot create the folder: \(FileSystem.describe(errno))")
      }
      let marker = temporary + "/" + SiteWriter.markerName
      guard let staging = StagingFolder(path: temporary),
        staging.write(Array(SiteWriter.markerText.utf8), at: SiteWriter.markerName) != nil
      else {
        let reason = FileSystem.describe(errno)
        try? FileManager.default.removeItem(atPath: temporary)
        throw OutputError(path: marker, message: "cannot write the file: \(reason)")
      }
      self.staging = staging
      self.writer = writer
      self.target = target
      self.record = record
    }

    deinit {
      if progress.withLock({ $0.open }) {
        try? FileManager.default.removeItem(atPath: staging.path)
      }
    }

    /// Writes a file into the new folder (or links the old folder's file when it has the same
    /// bytes) and gives it back without its bytes (`SiteFile.isWritten`), with what the record
    /// keeps of it (`SiteFile.placed`). A failure is kept for `finish` to throw, and the file is
    /// then given back as it was.
    public func put(_ file: SiteFile) -> SiteFile {
      put(file, digest: file.isKept ? nil : Digest(of: file.bytes))
    }

    func put(_ file: SiteFile, digest: Digest?) -> SiteFile {
      guard SiteWriter.isSafe(file.path) else {
        fail(SiteWriter.unsafe(file.path))
        return file
      }
      let placed = SiteWriter.place(
        file, digest: digest, into: staging,
        previous: target.exists ? writer.folder : nil, record: record)
      switch placed {
      case .failed(let reason):
        fail(OutputError(path: staging.path, message: "cannot write a file: \(reason)"))
        return file
      case .written(let stamp):
        progress.withLock { $0.written += 1 }
        return .written(
          path: file.path, key: file.key, placed: Placement(digest: digest, stamp: stamp))
      case .linked:
        progress.withLock { $0.unchanged += 1 }
        return .written(
          path: file.path, key: file.key, placed: Placement(digest: digest, stamp: nil))
      }
    }

    /// Removes the temporary folder: the write is given up.
    func abandon() {
      guard progress.withLock({ $0.open }) else { return }
      try? FileManager.default.removeItem(atPath: staging.path)
      progress.withLock { $0.open = false }
    }

    private func fail(_ error: OutputError) {
      progress.withLock { if $0.failure == nil { $0.failure = error } }
    }

    /// Puts the files of `site` not put yet, swaps the new folder in and writes the record.
    ///
    /// - Throws: `OutputError` when a file could not be written or the folder swapped in; the
    ///   previous output is then left as it was.
    public func finish(_ site: RenderedSite) throws(OutputError) -> Summary {
      try finish(site, digest: nil)
    }

    /// - Parameter digest: the digest of the site's file at an offset, when taken already.
    func finish(_ site: RenderedSite, digest: (@Sendable (Int) -> Digest?)?)
      throws(OutputError) -> Summary
    {
      let pending = site.files.indices.filter { !site.files[$0].isWritten }
      let placedPending = pending.parallelMap { offset in
        let file = site.files[offset]
        return put(file, digest: digest?(offset) ?? (file.isKept ? nil : Digest(of: file.bytes)))
          .placed
      }
      let done = progress.withLock { $0 }
      if let failure = done.failure {
        abandon()
        throw failure
      }
      var summary = Summary(written: done.written, unchanged: done.unchanged, removed: 0)
      let old = try swapIn()
      if let old {
        let paths = Set(site.files.map(\.path))
        summary.removed =
          record.map { $0.entries.keys.filter { !paths.contains($0) }.count }
          ?? old.filter { $0 != SiteWriter.markerName && !paths.contains($0) }.count
      }
      if let manifestPath = writer.manifestPath {
        // Without a record the next build is a full one: slower, never wrong.
        var placed = site.files.map(\.placed)
        for (offset, file) in zip(pending, placedPending) { placed[offset] = file }
        summary.record = SiteWriter.record(
          site, placed: placed, kept: record, folder: writer.folder
        ).write(to: manifestPath, folder: writer.folder)
      }
      return summary
    }

    /// Puts the new folder where the output folder is: exchanged with the old one in one step
    /// where the system can, else by two renames; then removes the old one.
    ///
    /// - Returns: the paths of the old folder's files, when there was one.
    private func swapIn() throws(OutputError) -> [String]? {
      let (folder, temporary) = (writer.folder, staging.path)
      defer { progress.withLock { $0.open = false } }
      guard target.exists else {
        guard rename(temporary, folder) == 0 else {
          let reason = FileSystem.describe(errno)
          try? FileManager.default.removeItem(atPath: temporary)
          throw OutputError(path: folder, message: "cannot move the new site in: \(reason)")
        }
        return nil
      }
      if SiteWriter.exchange(temporary, folder) {
        return FolderTree.remove(temporary) ?? []
      }
      let old = target.parent + "/.\(target.name).baton-old-\(getpid())"
      guard rename(folder, old) == 0 else {
        let reason = FileSystem.describe(errno)
        try? FileManager.default.removeItem(atPath: temporary)
        throw OutputError(path: folder, message: "cannot move the old site aside: \(reason)")
      }
      guard rename(temporary, folder) == 0 else {
        let reason = FileSystem.describe(errno)
        _ = rename(old, folder)
        try? FileManager.default.removeItem(atPath: temporary)
        throw OutputError(path: folder, message: "cannot move the new site in: \(reason)")
      }
      return FolderTree.remove(old) ?? []
    }
  }

  /// What a streamed write kept of a file it put, for the output's record: the digest of its
  /// bytes (none for a file kept from the last build) and its stamp as written (none for a
  /// file linked from the last build's folder).
  struct Placement: Sendable {
    var digest: Digest?
    var stamp: FileStamp?
  }

  /// The record of a folder just written: each file's digest (from `placed`, by the file's
  /// offset, else the last record's for a kept file) and its size, time and inode as written
  /// (from `placed`, taken from the open file, else from the folder).
  static func record(
    _ site: RenderedSite, placed: [Placement?], kept: SiteManifest?, folder: String
  ) -> SiteManifest {
    let entries = Array(site.files.indices).parallelMap {
      offset -> (String, SiteManifest.Entry)? in
      let file = site.files[offset]
      let placed = offset < placed.count ? placed[offset] : nil
      guard let digest = placed?.digest ?? kept?.entries[file.path]?.digest,
        let (size, modified, inode) = placed?.stamp.map(SiteManifest.fileState)
          ?? SiteManifest.fileState(folder + "/" + file.path)
      else { return nil }
      return (
        file.path,
        SiteManifest.Entry(
          key: file.key, digest: digest, size: size, modified: modified, inode: inode)
      )
    }
    // The site's files are sorted by path, as the record's entries are.
    return SiteManifest(entries: SiteManifest.Entries(sorted: entries.compactMap { $0 }))
  }
}
