import BatonGit
import BatonSupport
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a build state (`BuildState`) keeps its files: a folder beside `baton.yml`, so that
/// the next `baton build` finds them, or memory, so that the next rebuild of `baton serve` does.
///
/// Files are named by the state (`state`, and names of their content such as `pages-…` or
/// `shards/…`); in a folder each is `<name>.bin`, written under a temporary name and renamed
/// (`CacheFile.writeAtomically`). Both places are read and written the same way, so the one
/// update (`SiteBuilder.update(from:…)`) serves both commands.
struct StateStore: Sendable {
  /// The folder, ending in `/`; nil in memory.
  let folder: String?
  /// The files in memory, by name; empty for a folder.
  private var memory: [String: [UInt8]] = [:]
  /// The removal of the last update's files (`startSweeping(keeping:)`), which every write to
  /// the folder waits for: it would remove a file this build wrote.
  private var sweep: Background<Void>?

  /// A store in a folder (`SiteOutput.stateFolder`).
  init(folder: String) {
    self.folder = folder.hasSuffix("/") ? folder : folder + "/"
  }

  /// A store in memory, empty.
  init() {
    folder = nil
  }

  private func path(_ name: String) -> String? {
    folder.map { $0 + name + ".bin" }
  }

  /// A file's bytes, or nil when there is none or it cannot be read.
  func read(_ name: String) -> [UInt8]? {
    guard let path = path(name) else { return memory[name] }
    return CacheFile.read(path)
  }

  /// Whether there is a file of this name (it may still not be readable).
  func holds(_ name: String) -> Bool {
    guard let path = path(name) else { return memory[name] != nil }
    return FileSystem.kind(atPath: path) != .missing
  }

  /// A file's bytes, mapped in a folder (`MappedFile`: not copied, tens of megabytes for the
  /// state's copy of `documents.json`) with its stamp as mapped; nil when there is none or it
  /// cannot be read.
  func map(_ name: String) -> (bytes: HeldBytes, stamp: FileStamp?)? {
    guard let path = path(name) else { return memory[name].map { (.array($0), nil) } }
    return MappedFile.map(path).map { (.mapped($0), $0.stamp) }
  }

  /// Writes files by name, in parallel in a folder.
  ///
  /// - Returns: false when something could not be written.
  mutating func write(_ files: [String: [UInt8]]) -> Bool {
    guard let folder else {
      memory.merge(files) { _, new in new }
      return true
    }
    waitForSweep()
    guard
      (try? FileManager.default.createDirectory(
        atPath: folder + "shards", withIntermediateDirectories: true)) != nil
    else { return false }
    let writes = files.map { (folder + $0.key + ".bin", $0.value) }
    return writes.parallelMap { CacheFile.writeAtomically($1, to: $0) }.allSatisfy { $0 }
  }

  /// Writes files by name on another thread (`write(_:)`), for a store in a folder; in memory
  /// they are put at once. The value says whether all were written.
  mutating func writing(_ files: [String: [UInt8]]) -> Background<Bool> {
    guard folder != nil else {
      let written = write(files)
      return Background { written }
    }
    let store = self
    return Background {
      var store = store
      return store.write(files)
    }
  }

  /// Writes a file by name in a folder, its bytes put by `write` into the open file (under a
  /// temporary name, then renamed: `CacheFile.writeAtomically`), for bytes that are not in one
  /// buffer: the state's copy of `documents.json` patched in pieces.
  ///
  /// - Returns: the file's path; nil in memory, or when it could not be written.
  func write(_ name: String, by write: (Int32) -> Bool) -> String? {
    guard let path = path(name) else { return nil }
    waitForSweep()
    return CacheFile.writeAtomically(to: path, write) ? path : nil
  }

  /// Makes a file of the store the one at `path` (a hard link), for bytes written there
  /// already: the output's `documents.json` is the state's copy of it without being written
  /// twice. A file the store names is used only while its bytes have the hash of its name
  /// or it is still the file the output's record found unchanged (`BuildState.trusts`), so an
  /// edit of the linked file by hand is noticed.
  ///
  /// - Returns: false in memory, or when it cannot be linked (another file system).
  func hardLink(_ name: String, to path: String) -> Bool {
    guard let target = self.path(name) else { return false }
    let temporary = target + ".tmp-\(getpid())"
    unlink(temporary)
    guard link(path, temporary) == 0 else { return false }
    guard rename(temporary, target) == 0 else {
      unlink(temporary)
      return false
    }
    // A target that is the file already (a whole build whose `documents.json` was linked from
    // the last output) is left by `rename`, and so is the temporary name.
    unlink(temporary)
    return true
  }

  /// Removes a file.
  mutating func remove(_ name: String) {
    guard let path = path(name) else {
      memory[name] = nil
      return
    }
    unlink(path)
  }

  /// Puts a file out of the way under another name (`retired(_:)`), which no state names: a
  /// rename, while removing a file of tens of megabytes frees its blocks there and then. The
  /// next build removes it (`startSweeping(keeping:)`).
  mutating func retire(_ name: String) {
    guard let path = path(name), let retired = self.path(StateStore.retired(name)) else {
      memory[name] = nil
      return
    }
    if rename(path, retired) != 0 { unlink(path) }
  }

  /// The name a retired file (`retire(_:)`) is kept under until it is removed.
  static func retired(_ name: String) -> String {
    name + "-retired"
  }

  /// Removes every file but those named on another thread, for a store in a folder: a build
  /// from the state starts it with the names of the state it reads, so that the files the last
  /// update left (those of the state before it, and those it retired) are removed while this
  /// one loads. Every write to the folder waits for it (`waitForSweep`), in this store and in
  /// its copies.
  ///
  /// - Parameter names: asked for on the sweep's own thread, which may wait for them (a state
  ///   still being read); nil removes nothing.
  mutating func startSweeping(keeping names: @escaping @Sendable () -> Set<String>?) {
    guard folder != nil else { return }
    let store = self
    sweep = Background(on: .ownThread) {
      guard let names = names() else { return }
      var store = store
      store.keep(only: names)
    }
  }

  /// Waits for the sweep `startSweeping(keeping:)` started, if any.
  func waitForSweep() {
    sweep?.value
  }

  /// Removes every file but those named.
  mutating func keep(only names: Set<String>) {
    guard let folder else {
      memory = memory.filter { names.contains($0.key) }
      return
    }
    for sub in ["", "shards/"] {
      for file in (try? FileManager.default.contentsOfDirectory(atPath: folder + sub)) ?? []
      where file.hasSuffix(".bin") && !names.contains(sub + file.dropLast(".bin".count)) {
        unlink(folder + sub + file)
      }
    }
  }
}
