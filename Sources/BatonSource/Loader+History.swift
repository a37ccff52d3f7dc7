import BatonConfig
import BatonDocuments
import BatonGit
import BatonSupport
import Foundation

extension Loader {
  /// What `baton debug history` reports: one history pass, timed by the caller.
  public struct HistoryPass: Sendable {
    /// Commits walked by this run (0 when the cache already covered the head).
    public var walkedCommits: Int
    /// Documents (paths at the head, under the collections) that have history.
    public var documents: Int
    /// The commit walked up to; nil in an empty repository.
    public var head: ObjectID?
    /// Where the cache is kept; nil when it is not used.
    public var cacheDirectory: String?
    /// Notes about the cache and a shallow clone.
    public var notes: [String]
    /// The history itself: a caller that ends the process may keep it alive to the end rather
    /// than free it (freeing a long history takes a measurable share of the pass).
    public var history: History?
  }

  /// Runs only the history pass over the handbook, for benchmarks and debugging.
  ///
  /// - Throws: `SourceError`, `GitError` or `ConfigurationError` as `load` does.
  public static func historyPass(_ options: SourceOptions) throws -> HistoryPass {
    let repository = try open(options)
    let head = try repository.headCommit()
    var snapshotOptions = options
    if snapshotOptions.revision == nil, repository.workingDirectory == nil {
      snapshotOptions.revision = "HEAD"
    }
    let (snapshot, commit) = try snapshot(repository, options: snapshotOptions)
    let (configuration, _, _) = try configure(
      repository, snapshot: snapshot, options: snapshotOptions)
    let cache = cacheDirectory(repository, options: options)
    guard let tip = commit ?? head else {
      return HistoryPass(
        walkedCommits: 0, documents: 0, head: nil, cacheDirectory: cache, notes: [], history: nil)
    }
    let (history, notes) = try walk(
      repository, head: tip, configuration: configuration, options: options,
      cacheDirectory: cache)
    return HistoryPass(
      walkedCommits: history.walkedCommits,
      documents: history.files.keys.filter { configuration.collection(containing: $0) != nil }
        .count, head: tip,
      cacheDirectory: cache, notes: notes, history: history)
  }

  /// The history of the loaded documents, with the status of every older version of a
  /// decision (for status timelines).
  ///
  /// A version's status is read with its document's parser, exactly as `parse` reads the
  /// current one. Statuses are kept in `StatusCache` beside the history cache: only versions
  /// not seen by an earlier run are read from git and parsed.
  static func history(
    _ repository: Repository, head: ObjectID, loaded: LoadedSource, options: SourceOptions,
    walked: EarlyWalk? = nil, notes: inout [String]
  ) throws -> LoadedHistory {
    let directory = cacheDirectory(repository, options: options)
    let (history, walkNotes) = try walk(
      repository, head: head, configuration: loaded.configuration, options: options,
      cacheDirectory: directory, walked: walked)
    notes += walkNotes
    let key = StatusCache.key(loaded.configuration)
    let cached = directory.map { StatusCache.load(from: $0, key: key) }
    var files: [String: FileHistory] = [:]
    var known: [ObjectID: String?] = [:]
    var wanted: [(blob: ObjectID, path: String, parser: DocumentParser)] = []
    var seen = Set<ObjectID>()
    for entry in loaded.files {
      guard let fileHistory = history.files[entry.file.path] else { continue }
      files[entry.file.path] = fileHistory
      let schema = loaded.configuration.schema(ofKind: entry.collection.kind)
      guard LoadedHistory.tracksStatus(schema) else { continue }
      let parser = DocumentParser(collection: entry.collection, schema: schema, keepsBody: false)
      for version in fileHistory.entries {
        guard let blob = version.blob, seen.insert(blob).inserted else { continue }
        if let status = cached?.statuses[blob] {
          known[blob] = status
        } else {
          wanted.append((blob, entry.file.path, parser))
        }
      }
    }
    var read: [(blob: ObjectID, path: String, parser: DocumentParser, bytes: [UInt8])] = []
    read.reserveCapacity(wanted.count)
    for (index, job) in wanted.enumerated() {
      if index % 500 == 0 { options.progress?(.readingVersions(read: index, total: wanted.count)) }
      // A version that cannot be read (a partial clone, a pruned object) only loses its status,
      // and is not cached.
      if let bytes = try? repository.blob(job.blob, maxBytes: options.maxFileBytes) {
        read.append((job.blob, job.path, job.parser, bytes))
      }
    }
    let parsed = read.parallelMap { job in
      (job.blob, job.parser.status(of: SourceFile(path: job.path, bytes: job.bytes)))
    }
    for (blob, status) in parsed { known[blob] = status }
    // Rewritten when a version was read or one of the file's is no longer wanted.
    if let directory, let cached, !parsed.isEmpty || cached.statuses.count != known.count {
      if let note = StatusCache(statuses: known).save(to: directory, key: key) {
        notes.append(note)
      }
    }
    var statuses: [ObjectID: String] = [:]
    statuses.reserveCapacity(known.count)
    for case (let blob, let status?) in known { statuses[blob] = status }
    var result = LoadedHistory(
      head: head, isShallow: history.isShallow, shallowBoundary: Set(history.shallowBoundary),
      files: files, statuses: statuses, walkedCommits: history.walkedCommits)
    result.versions = versionDocuments(
      repository, files: files, loaded: loaded, options: options)
    return result
  }

  /// A walk started on another thread (`earlyWalk`).
  typealias EarlyWalk = Background<Result<(History, [String]), any Error>>

  /// The walk a load that includes history needs (`walk`), started on another thread with its
  /// own repository handle as soon as the configuration is known, so that it runs while the
  /// documents are read and parsed (a libgit2 handle stays on one thread); nil in an empty
  /// repository.
  static func earlyWalk(_ options: SourceOptions, head: ObjectID?, configuration: Configuration)
    -> EarlyWalk?
  {
    guard let head else { return nil }
    return Background {
      Result {
        let repository = try open(options)
        return try walk(
          repository, head: head, configuration: configuration, options: options,
          cacheDirectory: cacheDirectory(repository, options: options))
      }
    }
  }

  /// One walk over the handbook, with the cache and the shallow-clone note.
  ///
  /// The walk covers the whole handbook root, not only the collections' folders: a decision
  /// moved from `doc/adr/` to `docs/decisions/` is a rename only if the walk sees both sides,
  /// and the old folder is usually no collection any more. With `walked`, the walk it started.
  private static func walk(
    _ repository: Repository, head: ObjectID, configuration: Configuration,
    options: SourceOptions, cacheDirectory: String?, walked: EarlyWalk? = nil
  ) throws -> (History, [String]) {
    if let walked { return try walked.value.get() }
    let prefixes = [configuration.root]
    guard !configuration.collections.isEmpty else {
      let empty = History(
        head: head, isShallow: repository.isShallow, shallowBoundary: [], files: [:],
        walkedCommits: 0)
      return (empty, [])
    }
    let progress = options.progress
    let historyOptions = HistoryOptions(
      prefixes: prefixes, extensions: documentExtensions,
      progress: progress.map { report in { @Sendable in report(.walkingHistory(commits: $0)) } })
    var (history, notes) = try repository.history(
      upTo: head, options: historyOptions, cacheDirectory: cacheDirectory)
    if history.isShallow {
      notes.append(shallowNote(history.shallowBoundary))
    }
    return (history, notes)
  }

  /// The note a shallow clone gets, naming where history stops and how to fetch all of it.
  static func shallowNote(_ boundary: [ObjectID]) -> String {
    let at = boundary.isEmpty ? "an unknown commit" : boundary.map(\.short).joined(separator: ", ")
    return "history is truncated at \(at): dates are approximate; "
      + "in GitHub Actions set `fetch-depth: 0`, in GitLab CI `GIT_DEPTH: 0`"
  }

  /// The history cache's folder: `.baton/cache` at the repository's top (the git folder when
  /// bare), outside any output folder. `.baton/.gitignore` (`*`) keeps git from seeing it.
  static func cacheDirectory(_ repository: Repository, options: SourceOptions) -> String? {
    guard options.useHistoryCache else { return nil }
    if let explicit = options.historyCacheDirectory { return explicit }
    guard let base = repository.workingDirectory ?? gitDirectory(options) else { return nil }
    let folder = base + "/.baton"
    let ignore = folder + "/.gitignore"
    if !FileManager.default.fileExists(atPath: ignore) {
      // Best effort: when the folder cannot be written, saving the cache says so in a note.
      try? FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true)
      try? Data("# Baton's cache: never committed\n*\n".utf8).write(
        to: URL(fileURLWithPath: ignore), options: .atomic)
    }
    return folder + "/cache"
  }

  /// The folder of a bare repository: the given path, or the nearest folder above the start
  /// folder that holds `HEAD`, `objects` and `refs`.
  private static func gitDirectory(_ options: SourceOptions) -> String? {
    let start = options.repositoryPath ?? options.startDirectory
    var url = URL(fileURLWithPath: start).standardizedFileURL
    let manager = FileManager.default
    while true {
      let path = url.path
      if manager.fileExists(atPath: path + "/HEAD"), manager.fileExists(atPath: path + "/objects"),
        manager.fileExists(atPath: path + "/refs")
      {
        return path
      }
      let parent = url.deletingLastPathComponent()
      if parent.path == path { return nil }
      url = parent
    }
  }

  /// The documents changed since the merge base of `since` and the checked commit, and the
  /// document paths on `since` itself.
  static func scope(
    _ repository: Repository, since: String, snapshot: Snapshot, head: ObjectID?,
    configuration: Configuration
  ) throws -> ChangeScope {
    let shallowAdvice =
      repository.isShallow
      ? " (this clone is shallow: in GitHub Actions set `fetch-depth: 0`, in GitLab CI "
        + "`GIT_DEPTH: 0`)" : ""
    let reference: ObjectID
    do {
      reference = try repository.resolveCommit(since)
    } catch {
      throw SourceError(
        "'--since \(since)' does not name a commit here: fetch it first, e.g. "
          + "'git fetch origin main'\(shallowAdvice)")
    }
    let checked: ObjectID?
    switch snapshot {
    case .commit(let id): checked = id
    case .workingTree: checked = head
    }
    guard let checked, let base = try repository.mergeBase(reference, checked) else {
      throw SourceError(
        "'\(since)' shares no history with the checked commit, so nothing can be compared"
          + shallowAdvice)
    }
    let prefixes = configuration.collections.map(\.path)
    var changed = Set<String>()
    var added = Set<String>()
    var removed = Set<String>()
    for change in try repository.changes(from: base, to: snapshot, under: prefixes) {
      guard hasDocumentExtension(change.path) else { continue }
      switch change.kind {
      case .added:
        changed.insert(change.path)
        added.insert(change.path)
      case .modified:
        changed.insert(change.path)
      case .renamed(let from):
        changed.insert(change.path)
        added.insert(change.path)
        removed.insert(from)
      case .deleted:
        removed.insert(change.path)
      }
    }
    let onReference = try repository.paths(
      in: .commit(reference), under: prefixes, extensions: documentExtensions)
    return ChangeScope(
      reference: since, referenceCommit: reference.hex, mergeBase: base.hex,
      changedPaths: changed, addedPaths: added, removedPaths: removed,
      pathsOnReference: Set(onReference))
  }

  private static func hasDocumentExtension(_ path: String) -> Bool {
    guard let dot = path.lastIndex(of: ".") else { return false }
    return documentExtensions.contains(path[path.index(after: dot)...].lowercased())
  }
}
