internal import CGit2
import Dispatch
import Foundation
import Synchronization

/// Lists and reads files of a working tree the way git sees it.
///
/// Skips what git ignores (libgit2's rules, checked once per folder and once per candidate file)
/// unless the index tracks it, skips `.git` and nested repositories, and never follows a symbolic
/// link out of the repository. Owns the index handle it loads, when it first needs it, and
/// holds the repository, so that its handle outlives the walker's use of it.
final class WorkingTreeWalker {
  private let repository: Repository
  private let workdir: String
  /// The working folder, held open: every file is opened beneath it (see `RootedFolder`).
  private let rooted: RootedFolder
  /// The index once loaded (`index`): nil until then.
  private(set) var loadedIndex: LoadedIndex?
  /// Where the last lookup in the index file ended: the walk asks for paths in order, so the
  /// next one is found from there in a few comparisons (`IndexFile.lowerBound`).
  private var hint = 0
  private let maxBytes: Int

  /// The index as the walk asks it whether it tracks a path.
  enum LoadedIndex {
    /// The index file, read in place.
    case file(IndexFile)
    /// libgit2's index, for an index file `IndexFile` does not read; freed by the walker.
    case library(OpaquePointer)
    /// No index could be read: nothing is tracked.
    case unreadable
  }

  init(repository: Repository, maxBytes: Int) throws(GitError) {
    guard let workdir = repository.workingDirectory else {
      throw GitError.failure(
        "a bare repository has no working tree", function: "workingTree",
        path: repository.gitDirectory)
    }
    self.repository = repository
    self.workdir = workdir
    self.rooted = RootedFolder(path: workdir)
    self.maxBytes = maxBytes
  }

  deinit {
    if case .library(let index) = loadedIndex { git_index_free(index) }
  }

  /// The index, loaded when the walk first asks whether it tracks a path: reading one file
  /// (`file(at:)`, for `baton.yml` or `people.yml`) never does. The index file is read in
  /// place (`IndexFile`: a few million instructions at 40,000 entries); libgit2 loads it only
  /// when that reader cannot (it then hashes the whole file and maps every entry, 205 million).
  private var index: LoadedIndex {
    if let loaded = loadedIndex { return loaded }
    var loaded = LoadedIndex.unreadable
    if let file = repository.indexFile() {
      loaded = .file(file)
    } else {
      var index: OpaquePointer?
      if git_repository_index(&index, repository.handle) == 0, let index {
        loaded = .library(index)
      }
    }
    loadedIndex = loaded
    return loaded
  }

  /// A file the walk found, to be read once the walk (which asks libgit2, so runs on one
  /// thread) is over.
  struct Candidate: Sendable {
    var path: String
    /// Whether the name on disk is valid UTF-8; when not, `path` names no file.
    var isUTF8 = true
    /// Whether it is a folder, listed only when its name is not UTF-8 (its files go unread).
    var isFolder = false
    /// Its stamp, taken from its folder as the walk listed it, when the walk was asked to
    /// stamp it (a regular file with a UTF-8 name): read before the caller knows which stamps
    /// it knows (`FileReader.read(_:unchanged:)`).
    var stamp: FileStamp?
    /// Whether its stamp is the one the caller knows: it is not read.
    var isUnchanged = false
  }

  /// Reads the files in order of their paths: the caller's sort of what was read (large
  /// values) then finds them sorted already.
  func collect(prefix: String, extensions: Set<String>, into files: inout [RepositoryFile]) {
    let listed = candidates(prefix: prefix, extensions: extensions, stamping: nil)
    files += reader.read(listed.sorted { $0.path < $1.path }, unchanged: [:])
  }

  /// Reads the files the walk lists (`FileReader`), on any thread.
  var reader: FileReader { FileReader(rooted: rooted, maxBytes: maxBytes) }

  /// The paths `collect` would read, without reading them.
  func collectPaths(prefix: String, extensions: Set<String>, into paths: inout [String]) {
    paths +=
      candidates(prefix: prefix, extensions: extensions, stamping: nil)
      .filter { !$0.isFolder }.map(\.path)
  }

  /// What `collect(prefix:extensions:into:)` would read for each prefix, listed and stamped
  /// but not read, sorted by path; and what `collectPaths(prefix:extensions:into:)` lists
  /// under `root` with no extensions, from one walk of `root`. A prefix under which that walk
  /// found nothing (outside `root`, under an ignored folder, or empty) is walked apart; one
  /// under which it found a file was entered, and so walked whole, as its own walk would.
  /// Documents are stamped only when `stamping`: a caller with no stamps to compare them with
  /// reads every file, and the read stamps it.
  func list(
    prefixes: [String], extensions: Set<String>, everyPathUnder root: String, stamping: Bool
  ) -> (candidates: [Candidate], paths: [String]) {
    let stamped = stamping ? extensions : nil
    let every = candidates(prefix: root, extensions: [], stamping: stamped)
    var documents: [Candidate] = []
    var reached: Set<String> = []
    for candidate in every {
      guard let prefix = prefixes.first(where: { isPath(candidate.path, under: [$0]) }) else {
        continue
      }
      reached.insert(prefix)
      if candidate.isFolder || hasExtension(candidate.path, in: extensions) {
        documents.append(candidate)
      }
    }
    for prefix in prefixes where !reached.contains(prefix) {
      documents += candidates(prefix: prefix, extensions: extensions, stamping: stamped)
    }
    let paths = every.filter { !$0.isFolder }.map(\.path)
    return (documents.sorted { $0.path < $1.path }, paths)
  }

  /// The files under a folder prefix ("" for the root) that the walk keeps, those whose names
  /// end in one of `stamping` stamped (none when nil).
  private func candidates(prefix: String, extensions: Set<String>, stamping: Set<String>?)
    -> [Candidate]
  {
    var candidates: [Candidate] = []
    guard prefix.isEmpty || !isIgnored(prefix, isDirectory: true),
      case .opened(let folder, _) = rooted.open(prefix, folder: true, following: false)
    else { return [] }
    let walk = Walk(extensions: extensions, stamping: stamping)
    self.walk(folder: prefix, descriptor: folder, walk, into: &candidates)
    return candidates
  }

  /// What a walk lists: files whose names end in one of `extensions` (all when empty), those
  /// ending in one of `stamping` stamped (none when nil).
  private struct Walk {
    var extensions: Set<String>
    var stamping: Set<String>?
  }

  func file(at path: String) -> RepositoryFile? {
    reader.read(path: path, listed: false)
  }

  /// Walks `folder` (repository-relative, "" for the root), open at `descriptor`, which it
  /// closes, recursively; subfolders are opened from it without following a symbolic link.
  private func walk(
    folder: String, descriptor: Int32, _ walk: Walk, into files: inout [Candidate]
  ) {
    defer { close(descriptor) }
    let entries = FileSystem.entries(of: dup(descriptor))
    if !folder.isEmpty && entries.contains(where: { $0.name == ".git" }) {
      return  // a nested repository or submodule: not part of this one
    }
    let base = folder.isEmpty ? "" : folder + "/"
    for entry in WorkingTreeWalker.inPathOrder(entries) {
      if entry.name == ".git" { continue }
      let path = base + entry.name
      switch entry.kind {
      case .directory:
        // A folder whose name is not UTF-8 cannot be named in a path: its files are not
        // read, and the folder is listed so that a reader is told why.
        guard entry.isUTF8 else {
          files.append(Candidate(path: path, isUTF8: false, isFolder: true))
          continue
        }
        guard !isIgnored(path, isDirectory: true) else { continue }
        let child = openat(
          descriptor, entry.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard child >= 0 else { continue }
        self.walk(folder: path, descriptor: child, walk, into: &files)
      case .file, .symlink:
        guard hasExtension(entry.name, in: walk.extensions),
          !isIgnored(path, isDirectory: false)
        else { continue }
        var candidate = Candidate(path: path, isUTF8: entry.isUTF8)
        if let stamping = walk.stamping, hasExtension(entry.name, in: stamping) {
          candidate.stamp = stamp(of: entry, in: descriptor)
        }
        files.append(candidate)
      case .other, .missing:
        continue
      }
    }
  }

  /// A folder's entries in the order of the paths they lead to: a folder's as its name and a
  /// slash (`a.md` before `a/`, `a/` before `a0.md`). The walk then lists paths in order, and
  /// the sorts of its lists (which stay, for names not in Unicode's composed form) find them
  /// sorted: one comparison each.
  static func inPathOrder(_ entries: [FileSystem.Entry]) -> [FileSystem.Entry] {
    entries.map { ($0.kind == .directory ? $0.name + "/" : $0.name, $0) }
      .sorted { $0.0 < $1.0 }.map(\.1)
  }

  /// The stamp of a listed file, taken from its folder open at `descriptor` (one lookup of
  /// its name, not of each component of its path); nil for a symbolic link (a change of its
  /// target does not show in its stamp).
  private func stamp(of entry: FileSystem.Entry, in descriptor: Int32) -> FileStamp? {
    guard entry.kind == .file, entry.isUTF8 else { return nil }
    return FileStamp.of(path: entry.name, in: descriptor)
  }

  private func isIgnored(_ path: String, isDirectory: Bool) -> Bool {
    // Tracked files stay visible even when a pattern matches them, as in git. Most documents
    // are tracked, and an index lookup is far cheaper than libgit2's ignore check (which
    // rebuilds the rules of every parent folder on each call), so the index goes first.
    if !isDirectory, tracks(path) { return false }
    var ignored: Int32 = 0
    let query = isDirectory ? path + "/" : path
    guard git_ignore_path_is_ignored(&ignored, repository.handle, query) == 0, ignored == 1 else {
      return false
    }
    return isDirectory ? !tracksAnything(under: path) : true
  }

  /// Whether the index tracks `path`: it has an entry for it at stage 0 (a conflicted path,
  /// with only stages 1 to 3, is not, as in `git_index_get_bypath`).
  private func tracks(_ path: String) -> Bool {
    switch index {
    case .file(let file):
      return withBytes(of: path) { key in
        let position = file.lowerBound(of: key, hint: hint)
        hint = position
        return file.hasPath(key, at: position) && file.entries[position].stage == 0
      }
    case .library(let index):
      return git_index_get_bypath(index, path, 0) != nil
    case .unreadable:
      return false
    }
  }

  /// Whether the index tracks any path in the folder `path` (at any stage, as in
  /// `git_index_find_prefix`).
  private func tracksAnything(under path: String) -> Bool {
    switch index {
    case .file(let file):
      return withBytes(of: path + "/") { prefix in
        file.hasPrefix(prefix, at: file.lowerBound(of: prefix, hint: hint))
      }
    case .library(let index):
      var position = 0
      return git_index_find_prefix(&position, index, path + "/") == 0
    case .unreadable:
      return false
    }
  }
}

/// Reads files of the working tree, each through one descriptor, opened beneath the working
/// folder (`RootedFolder`): a symbolic link is followed only inside it. Holds no libgit2
/// handle, so it reads on any thread, after the walker that listed the files is gone.
struct FileReader: Sendable {
  let rooted: RootedFolder
  let maxBytes: Int

  /// Reads the candidates in order, many at a time: reading is plain file I/O, no libgit2.
  /// Those whose stamp (taken by the walk) is the one `unchanged` gives are not read.
  ///
  /// Files not in the page cache make each read wait on the disk, so a thread per core would
  /// leave the cores and the device idle most of the time: `readerThreads` threads keep that
  /// many reads in flight. On a 2-core VM with the page cache dropped, 10,000 files take 0.3 s
  /// instead of 0.7 s with two threads (sixteen threads do no better than eight); with the files
  /// cached, the time is the same. When few files are left to read, they are read on this
  /// thread.
  func read(_ listed: [WorkingTreeWalker.Candidate], unchanged: [String: FileStamp])
    -> [RepositoryFile]
  {
    var candidates = listed
    var toRead = candidates.count
    if !unchanged.isEmpty {
      for index in candidates.indices {
        guard let stamp = candidates[index].stamp, unchanged[candidates[index].path] == stamp
        else { continue }
        candidates[index].isUnchanged = true
        toRead -= 1
      }
    }
    guard toRead > 64 else { return read(candidates[...]) }
    let chunkSize = 32
    let chunkCount = (candidates.count + chunkSize - 1) / chunkSize
    let next = Atomic<Int>(0)
    let results = Mutex<[[RepositoryFile]]>(Array(repeating: [], count: chunkCount))
    let threads = min(FileReader.readerThreads, chunkCount)
    let finished = DispatchSemaphore(value: 0)
    for _ in 0..<threads {
      let thread = Thread { [candidates] in
        while true {
          let chunk = next.add(1, ordering: .relaxed).oldValue
          guard chunk < chunkCount else { break }
          let start = chunk * chunkSize
          let read = self.read(candidates[start..<min(start + chunkSize, candidates.count)])
          results.withLock { $0[chunk] = read }
        }
        finished.signal()
      }
      thread.stackSize = 1 << 20
      thread.start()
    }
    for _ in 0..<threads { finished.wait() }
    return results.withLock { $0.flatMap { $0 } }
  }

  /// Reads in flight at once (see `read(_:unchanged:)`).
  static let readerThreads = max(8, ProcessInfo.processInfo.activeProcessorCount)

  /// Reads candidates sorted by path, each folder's files opened beneath the folder held open
  /// (`RootedFolder.open(_:in:)`).
  private func read(_ candidates: ArraySlice<WorkingTreeWalker.Candidate>) -> [RepositoryFile] {
    var held: RootedFolder.Held?
    defer { rooted.release(&held) }
    return candidates.map { read($0, in: &held) }
  }

  private func read(
    _ candidate: WorkingTreeWalker.Candidate, in held: inout RootedFolder.Held?
  ) -> RepositoryFile {
    guard candidate.isUTF8 else {
      let reason =
        candidate.isFolder
        ? "the folder's name is not valid UTF-8: rename it, its files are not read"
        : "the file's name is not valid UTF-8: rename it"
      return RepositoryFile(
        path: candidate.path, contents: nil, size: 0, problem: .unreadable(reason))
    }
    if candidate.isUnchanged, let stamp = candidate.stamp {
      var file = RepositoryFile(
        path: candidate.path, contents: nil, size: stamp.size, problem: nil, stamp: stamp)
      file.isUnread = true
      return file
    }
    // The walk listed it: if it is gone now, it was removed while Baton ran.
    return read(path: candidate.path, listed: true, in: &held)
      ?? RepositoryFile(
        path: candidate.path, contents: nil, size: 0,
        problem: .unreadable("the file was removed while baton was reading it"))
  }

  /// Reads `path`; nil when nothing is there. `listed` when a walk found it (a symbolic link's
  /// target then has no stamp: its changes do not show in the link's own).
  func read(path: String, listed: Bool) -> RepositoryFile? {
    var held: RootedFolder.Held?
    defer { rooted.release(&held) }
    return read(path: path, listed: listed, in: &held)
  }

  private func read(path: String, listed: Bool, in held: inout RootedFolder.Held?)
    -> RepositoryFile?
  {
    let failure = { (problem: RepositoryFile.Problem) in
      RepositoryFile(path: path, contents: nil, size: 0, problem: problem)
    }
    switch rooted.open(path, in: &held) {
    case .opened(let descriptor, let throughLink):
      defer { close(descriptor) }
      let result = FileSystem.read(descriptor: descriptor, maxBytes: maxBytes)
      return RepositoryFile(
        path: path, contents: result.contents, size: result.size, problem: result.problem,
        stamp: throughLink ? nil : result.stamp)
    case .missing(let target?):
      return failure(.unreadable("broken symbolic link to '\(target)': its target does not exist"))
    case .missing(nil):
      return nil
    case .outside(let target), .link(let target):
      return failure(.symlinkOutsideRepository(target: target))
    case .loop:
      return failure(.unreadable("symbolic link loop: its links lead back to themselves"))
    case .notAFolder:
      return failure(.unreadable("a part of its path is not a folder"))
    case .failed(let code):
      return failure(.unreadable(FileSystem.describe(code)))
    }
  }
}
