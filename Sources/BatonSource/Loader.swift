import BatonConfig
import BatonDocuments
import BatonGit
import BatonSupport
import Foundation

/// The Load stage: opens the repository, finds the handbook root and `baton.yml`, and reads the
/// collections' files from the working tree or a revision.
public enum Loader {
  /// The file `baton build` leaves in every output folder; a folder holding it is a built site,
  /// not part of the handbook.
  public static let builtSiteMarker = ".baton-site"

  package static let documentExtensions: Set<String> = ["md", "markdown"]

  /// Reads everything the later stages need, then closes the repository.
  ///
  /// - Throws: `SourceError` or `GitError` when the repository cannot be opened or the revision
  ///   does not exist; `ConfigurationError` when `baton.yml` cannot be used.
  public static func load(_ options: SourceOptions) throws -> LoadedSource {
    try load(options, documentsRead: nil)
  }

  /// Loads, handing the documents to `documentsRead` as soon as they are read, before the rest
  /// (the people file, the list of every file, drafts, history) is: Parse can start on them
  /// while Load finishes (see `Loader.loadAndParse`).
  ///
  /// - Parameters:
  ///   - memo: the history an earlier load in the same process read; it is taken instead of
  ///     reading the history again when its inputs are the same. Nil for a caller that keeps no
  ///     memo: the history's key (which reads `.mailmap`) is then not worked out, unless asked.
  ///   - historyKey: work out what the history is computed from (`LoadedSource.historyKey`)
  ///     even without a memo, and even when the history itself is not read.
  ///   - parseCache: hand `documentsRead` the parse cache (`ParseCache`), when there is a
  ///     cache folder.
  ///   - known: what an earlier load knew of the documents (`Known`), asked for once, when the
  ///     documents are listed and stamped and before any is read: a caller still working it
  ///     out (decoding a kept state) does so while the working tree is walked. What it throws
  ///     ends the load. Without it, the walk does not stamp the documents (each is read).
  package static func load(
    _ options: SourceOptions, memo: HistoryMemo? = nil, historyKey: Bool = false,
    parseCache: Bool = false, known: (() throws -> Known?)? = nil,
    documentsRead: ((Configuration, [LoadedSource.CollectionFile], ParseCache?) -> Void)?
  ) throws -> LoadedSource {
    let repository = try open(options)
    let head = try repository.headCommit()
    let (snapshot, commit) = try snapshot(repository, options: options)
    var (configuration, diagnostics, configurationBytes) = try configure(
      repository, snapshot: snapshot, options: options)
    let walked =
      options.includeHistory && memo == nil
      ? earlyWalk(options, head: commit ?? head, configuration: configuration) : nil
    let cache =
      parseCache ? readingParseCache(repository, configuration, configurationBytes, options) : nil
    let (files, everyPath, earlier) = try documents(
      repository, snapshot: snapshot, configuration: configuration, options: options,
      known: known, diagnostics: &diagnostics)
    let known = earlier?.drafts
    documentsRead?(configuration, files, cache)
    var peopleFile: SourceFile?
    if let path = configuration.peoplePath,
      let file = try repository.file(in: snapshot, at: path, maxBytes: options.maxFileBytes)
    {
      peopleFile = sourceFile(file, limit: options.maxFileBytes)
    }
    let (drafts, index) =
      snapshot == .workingTree
      ? workingTreeDrafts(
        repository, head: head, configuration: configuration, files: files, known: known)
      : ([:], nil)
    let paths = otherPaths(everyPath, configuration: configuration)
    var loaded = LoadedSource(
      configuration: configuration, configurationDiagnostics: diagnostics, files: files,
      peopleFile: peopleFile, filePaths: Set(paths),
      workingDirectory: repository.workingDirectory, commit: commit, head: head, drafts: drafts,
      userName: repository.configValue("user.name"),
      userEmail: repository.configValue("user.email"),
      isShallow: repository.isShallow)
    loaded.configurationBytes = configurationBytes
    loaded.index = index
    loaded.sortedFilePaths = paths
    defer { options.progress?(.finished) }
    try readHistory(
      &loaded, repository: repository, memo: memo, historyKey: historyKey, options: options,
      walked: walked)
    if let since = options.since {
      loaded.scope = try scope(
        repository, since: since, snapshot: snapshot, head: head, configuration: configuration)
    }
    return loaded
  }

  /// The parse cache (`ParseCache.place`), its file read on another thread from now on, while
  /// the documents are: it depends on the configuration alone.
  static func readingParseCache(
    _ repository: Repository, _ configuration: Configuration, _ configurationBytes: [UInt8]?,
    _ options: SourceOptions
  ) -> ParseCache? {
    ParseCache.place(
      directory: cacheDirectory(repository, options: options), configuration: configuration,
      configurationBytes: configurationBytes, options: options)?.reading(configuration)
  }

  /// The collections' documents, each once: a path met again in another Unicode normalisation
  /// form is reported (`duplicate-path`) and left out; and every path under the root, from the
  /// same walk of the working tree (`Repository.listing`); and what the caller knew, asked for
  /// once the walk is over (see `load(_:…known:…)`).
  static func documents(
    _ repository: Repository, snapshot: Snapshot, configuration: Configuration,
    options: SourceOptions, known: (() throws -> Known?)?, diagnostics: inout [Diagnostic]
  ) throws -> (files: [LoadedSource.CollectionFile], everyPath: [String], known: Known?) {
    var files: [LoadedSource.CollectionFile] = []
    // By path as Swift compares strings: two names in different Unicode normalisation forms
    // (`résumé` in NFC and in NFD) are one member, and the second is reported.
    var seen: Set<String> = []
    let listed = try repository.listing(
      in: snapshot, under: configuration.collections.map(\.path),
      extensions: documentExtensions, maxBytes: options.maxFileBytes,
      everyPathUnder: configuration.root, stamping: known != nil)
    let known = try known?()
    let read = listed.read(unchanged: known?.stamps ?? [:])
    let withResponses = known?.withResponses ?? []
    let collectionOf = collections(of: read, configuration: configuration)
    seen.reserveCapacity(read.count)
    files.reserveCapacity(read.count)
    for (file, collection) in zip(read, collectionOf) {
      let (inserted, first) = seen.insert(file.path)
      if !inserted {
        if !first.utf8.elementsEqual(file.path.utf8) {
          diagnostics.append(twinDiagnostic(file.path, first: first))
        }
        continue
      }
      guard let collection else { continue }
      var source = sourceFile(file, limit: options.maxFileBytes)
      source.metadata = try metadata(
        of: file.path, in: collection, repository: repository, snapshot: snapshot)
      var entry = LoadedSource.CollectionFile(
        file: source, collection: collection, stamp: file.stamp, isUnread: file.isUnread)
      entry.mayHoldResponses =
        file.isUnread
        ? withResponses.contains(file.path) : mayHoldResponses(entry, configuration: configuration)
      files.append(entry)
    }
    return (files, listed.paths, known)
  }

  /// The collection each file read is a document of, in order; nil for a file in none, not a
  /// document of its collection, or excluded. Worked out many files at a time: for 40,000
  /// files, 95M instructions on one core after the walk (mostly `Exclusions.contains` and
  /// `Configuration.collection(containing:)`).
  static func collections(of read: [RepositoryFile], configuration: Configuration)
    -> [Collection?]
  {
    let exclusions = configuration.exclusions()
    return read.parallelMap { file in
      guard let collection = configuration.collection(containing: file.path),
        isDocument(file.path, in: collection, kind: configuration.kinds[collection.kind]),
        !exclusions.contains(file.path, in: collection)
      else { return nil }
      return collection
    }
  }

  /// Every file under the root, sorted, for link checks; not hidden files, and not a site Baton built
  /// (thousands of pages would otherwise count as the handbook's attachments): the default
  /// `_site`, and any folder holding the marker `baton build` leaves in its output.
  static func otherPaths(_ everyPath: [String], configuration: Configuration) -> [String] {
    var builtSites = [Configuration.join(configuration.root, "_site") + "/"]
    for path in everyPath where path == builtSiteMarker || path.hasSuffix("/" + builtSiteMarker) {
      builtSites.append(String(path.dropLast(builtSiteMarker.count)))
    }
    return everyPath.filter { path in
      !isHidden(path) && !builtSites.contains { !$0.isEmpty && path.hasPrefix($0) }
    }
  }

  /// Reads the history into `loaded` when the options ask for it (or its responses need it),
  /// taking it from `memo` when its inputs are the same; works out its key when asked.
  static func readHistory(
    _ loaded: inout LoadedSource, repository: Repository, memo: HistoryMemo?, historyKey: Bool,
    options: SourceOptions, walked: EarlyWalk? = nil
  ) throws {
    let tip = loaded.commit ?? loaded.head
    let includeHistory =
      options.includeHistory
      || (options.includeHistoryForResponses && !pathsWithResponses(loaded.files).isEmpty)
    if let tip, (includeHistory && memo != nil) || historyKey {
      loaded.historyKey = HistoryMemo.key(
        repository, head: tip, configuration: loaded.configuration, files: loaded.files,
        options: options)
    }
    guard includeHistory else { return }
    guard let tip else {
      // An empty repository: no commits to walk, every document a draft.
      loaded.history = LoadedHistory(
        head: nil, isShallow: false, shallowBoundary: [], files: [:], statuses: [:],
        walkedCommits: 0)
      return
    }
    if let memo, let key = loaded.historyKey, let (history, notes) = memo.history(for: key) {
      loaded.history = history
      loaded.historyNotes = notes
    } else {
      loaded.history = try history(
        repository, head: tip, loaded: loaded, options: options, walked: walked,
        notes: &loaded.historyNotes)
    }
    loaded.notes += loaded.historyNotes
  }

  /// Which documents of the working tree are drafts, and the index they were found from
  /// (`KnownDrafts.Index`): git is asked only about the documents read while what `known` was
  /// found from still holds, else about every document.
  static func workingTreeDrafts(
    _ repository: Repository, head: ObjectID?, configuration: Configuration,
    files: [LoadedSource.CollectionFile], known: KnownDrafts?
  ) -> (drafts: [String: WorkingTreeStatus], index: KnownDrafts.Index?) {
    guard let head else {
      // No commit yet: every document is an uncommitted draft.
      var drafts: [String: WorkingTreeStatus] = [:]
      for entry in files { drafts[entry.file.path] = .new }
      return (drafts, nil)
    }
    let index = KnownDrafts.Index.now(repository, configuration: configuration, known: known?.index)
    let drafts =
      index.flatMap { known?.drafts(repository, head: head, index: $0, files: files) }
      ?? workingTreeStatus(repository, configuration: configuration, files: files)
    return (drafts, index)
  }

  /// Which documents are drafts: from git's status of the collections' folders, or, when the
  /// working tree keeps changing under libgit2 (files vanishing or turning into folders while
  /// it hashes them), from each document's own status.
  static func workingTreeStatus(
    _ repository: Repository, configuration: Configuration, files: [LoadedSource.CollectionFile]
  ) -> [String: WorkingTreeStatus] {
    do {
      return try repository.workingTreeStatus(under: configuration.collections.map(\.path))
    } catch {
      return repository.workingTreeStatus(ofEach: files.map(\.file.path))
    }
  }

  /// A document whose name differs from an earlier one's only in its Unicode normalisation.
  static func twinDiagnostic(_ path: String, first: String) -> Diagnostic {
    Diagnostic(
      .error, "duplicate-path",
      "'\(path)' has the same name as '\(first)' in another Unicode normalisation form (NFC "
        + "and NFD): only one can be published, so remove or rename the other",
      at: SourceLocation(path: path, line: 1, column: 1))
  }

  /// Whether a path or one of its folders starts with a dot (`.github/x.md`, `a/.draft.md`).
  package static func isHidden(_ path: String) -> Bool {
    var path = path
    return path.withUTF8 { bytes in
      var atStart = true
      for byte in bytes {
        if atStart, byte == UInt8(ascii: ".") { return true }
        atStart = byte == UInt8(ascii: "/")
      }
      return false
    }
  }

  /// The snapshot to read: the revision's commit, or the working tree.
  package static func snapshot(_ repository: Repository, options: SourceOptions) throws -> (
    Snapshot, commit: ObjectID?
  ) {
    if let revision = options.revision {
      let commit: ObjectID
      do {
        commit = try repository.resolveCommit(revision)
      } catch {
        throw SourceError(
          "revision '\(revision)' does not exist: use a branch, tag or commit id (\(error.message))"
        )
      }
      return (.commit(commit), commit)
    }
    guard repository.workingDirectory != nil else {
      throw SourceError(
        "the repository is bare: pass '--rev' with a branch or commit to read, e.g. --rev main")
    }
    return (.workingTree, nil)
  }

  /// Where a load with these options would read: the repository's working folder, the
  /// handbook root and the commit (the revision's, or HEAD's for the working tree). Cheap: no
  /// document is read (`BuildState` is found from it before loading).
  public static func locate(_ options: SourceOptions) throws -> (
    workingDirectory: String?, root: String, tip: ObjectID?
  ) {
    let repository = try open(options)
    let (snapshot, commit) = try snapshot(repository, options: options)
    let root = try handbookRoot(repository, snapshot: snapshot, options: options)
    return (repository.workingDirectory, root, try commit ?? repository.headCommit())
  }

  /// Finds the handbook root, reads `baton.yml` and keeps the default collections that exist;
  /// also gives `baton.yml`'s bytes, when there is one.
  package static func configure(
    _ repository: Repository, snapshot: Snapshot, options: SourceOptions
  ) throws -> (Configuration, [Diagnostic], [UInt8]?) {
    let root = try handbookRoot(repository, snapshot: snapshot, options: options)
    var configuration = Configuration(root: root)
    var diagnostics: [Diagnostic] = []
    var source: [UInt8]?
    var text: String?
    let configPath = Configuration.join(root, "baton.yml")
    if let proposed = options.configurationText {
      text = proposed
      (configuration, diagnostics) = try Configuration.parse(proposed, path: configPath)
    } else if let file = try repository.file(
      in: snapshot, at: configPath, maxBytes: Configuration.maxFileBytes)
    {
      let bytes = try configurationBytes(file)
      source = bytes
      guard let decoded = String(validating: bytes, as: UTF8.self) else {
        throw ConfigurationError(
          path: configPath, line: 1, column: 1, message: "baton.yml is not valid UTF-8 text")
      }
      text = decoded
      (configuration, diagnostics) = try Configuration.parse(decoded, path: configPath)
      try checkFolders(configuration, text: decoded, repository: repository, snapshot: snapshot)
    }
    if !configuration.collectionsDeclared {
      let existing = Set(
        try repository.existingFolders(
          in: snapshot, among: configuration.collections.map(\.path)))
      configuration.collections = deduplicatedNames(
        configuration.collections.filter { existing.contains($0.path) })
    }
    try readNewTemplates(&configuration, repository: repository, snapshot: snapshot)
    if options.requiresCollections {
      diagnostics += try requireCollections(
        configuration, repository: repository, snapshot: snapshot, configurationText: text)
    }
    return (configuration, diagnostics, source)
  }

  /// Gives each kind whose template a handbook overrides (`templates/new/<kind>.md`) that
  /// template's lines, for `unedited-template` (`KindSchema.reading(template:)`).
  static func readNewTemplates(
    _ configuration: inout Configuration, repository: Repository, snapshot: Snapshot
  ) throws {
    for name in configuration.kinds.keys.sorted() {
      let path = Configuration.join(configuration.root, "templates/new/\(name).md")
      guard let file = try repository.file(in: snapshot, at: path, maxBytes: 1 << 20),
        let bytes = file.contents, let schema = configuration.kinds[name]
      else { continue }
      configuration.kinds[name] = schema.reading(template: String(decoding: bytes, as: UTF8.self))
    }
  }

  /// `baton.yml`'s bytes; throws when it is there but cannot be used, rather than carrying on
  /// with the defaults as if there were none.
  static func configurationBytes(_ file: RepositoryFile) throws(ConfigurationError) -> [UInt8] {
    let problem: String
    switch file.problem {
    case nil:
      return file.contents ?? []
    case .tooLarge(let size):
      problem =
        "baton.yml is \(size) bytes, over the limit of \(Configuration.maxFileBytes): "
        + "a configuration is a few kilobytes, so check what was written into it"
    case .symlinkOutsideRepository(let target):
      problem =
        "baton.yml is a symbolic link to '\(target)', outside the repository: it is not "
        + "followed; put the configuration itself in the repository"
    case .notAFile:
      problem = "baton.yml is not a regular file: make it one"
    case .unreadable(let reason):
      problem = "baton.yml cannot be read: \(reason)"
    }
    throw ConfigurationError(path: file.path, line: 1, column: 1, message: problem)
  }

  /// Throws when a declared collection's folder is, or lies under, a symbolic link: the walk
  /// never follows one, so the collection would silently hold no documents.
  static func checkFolders(
    _ configuration: Configuration, text: String, repository: Repository, snapshot: Snapshot
  ) throws {
    guard configuration.collectionsDeclared, let path = configuration.path else { return }
    for collection in configuration.collections {
      guard
        let target = try repository.symbolicLink(onPath: collection.path, in: snapshot)
      else { continue }
      let (line, column) = Configuration.location(
        of: ["collections", collection.name, "path"], in: text)
      throw ConfigurationError(
        path: path, line: line, column: column,
        message:
          "collection '\(collection.name)' has its folder '\(collection.path)' through a symbolic "
          + "link (to '\(target)'), which Baton does not follow: name the real folder")
    }
  }

  package static func open(_ options: SourceOptions) throws -> Repository {
    do {
      if let path = options.repositoryPath {
        return try Repository(path: path)
      }
      return try Repository.discover(from: options.startDirectory)
    } catch {
      if error.isNotFound {
        throw SourceError(
          "not inside a git repository: run baton in one, or pass '--repo PATH'",
          path: options.repositoryPath ?? options.startDirectory)
      }
      throw error
    }
  }

  /// The folder holding `baton.yml`: the nearest one from the start folder up to the top.
  static func handbookRoot(
    _ repository: Repository, snapshot: Snapshot, options: SourceOptions
  ) throws -> String {
    guard let top = repository.workingDirectory else { return "" }
    let start = URL(fileURLWithPath: options.startDirectory).standardizedFileURL.path
    guard start == top || start.hasPrefix(top + "/") else { return "" }
    var relative = String(start.dropFirst(top.count)).split(separator: "/").map(String.init)
    // A proposed configuration lives in the start folder.
    if options.configurationText != nil { return relative.joined(separator: "/") }
    while !relative.isEmpty {
      let candidate = relative.joined(separator: "/")
      if try repository.file(in: snapshot, at: candidate + "/baton.yml", maxBytes: 1) != nil {
        return candidate
      }
      relative.removeLast()
    }
    return ""
  }

  static func sourceFile(_ file: RepositoryFile, limit: Int) -> SourceFile {
    let problem: ReadProblem? =
      switch file.problem {
      case .symlinkOutsideRepository(let target)?: .symlinkOutsideRepository(target: target)
      case .tooLarge(let size)?: .tooLarge(size: size, limit: limit)
      case .notAFile?: .unreadable("not a regular file")
      case .unreadable(let reason)?: .unreadable(reason)
      case nil: nil
      }
    return SourceFile(path: file.path, bytes: file.contents, problem: problem)
  }

  /// Gives default collections distinct names (`adr`, `adr-2`) when several folders exist.
  static func deduplicatedNames(_ collections: [Collection]) -> [Collection] {
    var used = Set<String>()
    return collections.map { collection in
      var result = collection
      var index = 2
      while !used.insert(result.name).inserted {
        result.name = "\(collection.name)-\(index)"
        index += 1
      }
      return result
    }
  }
}

extension Loader {
  /// What an earlier load knew of the working tree's documents, for a load not to read again
  /// those that did not change (`load(_:…known:…)`).
  package struct Known: Sendable {
    /// Documents known by their stamps: one whose stamp is still the one given is not read
    /// (`CollectionFile.isUnread`).
    package var stamps: [String: FileStamp]
    /// Those of `stamps` that may hold responses (`CollectionFile.mayHoldResponses`) as they
    /// were when their stamps were taken.
    package var withResponses: Set<String>
    /// The drafts the earlier load found; when they still apply, git is asked only about the
    /// documents read (`KnownDrafts`).
    package var drafts: KnownDrafts?

    /// What a caller knows.
    package init(
      stamps: [String: FileStamp], withResponses: Set<String>, drafts: KnownDrafts?
    ) {
      self.stamps = stamps
      self.withResponses = withResponses
      self.drafts = drafts
    }
  }

  /// Whether a folder lies in a git repository, and that repository's `user.name`, for
  /// `baton init` (which may run before the repository has any commit, or outside one).
  public static func repositoryUser(near path: String) -> (inRepository: Bool, userName: String?) {
    guard let repository = try? Repository.discover(from: path) else { return (false, nil) }
    return (true, repository.configValue("user.name"))
  }
}
