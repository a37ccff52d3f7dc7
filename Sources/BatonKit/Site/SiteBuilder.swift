import BatonGit
import Foundation

/// Runs every stage of `baton build`: Load → Parse → Assemble → Render → Write.
public enum SiteBuilder {
  /// What a build did.
  public struct Result: Sendable {
    /// How many documents the site holds.
    public var documents: Int
    public var site: RenderedSite
    public var summary: SiteWriter.Summary
    /// The folder written.
    public var output: String
    /// Pages taken from the render cache instead of rendered.
    public var cachedPages: Int
    /// How many documents' pages a build from the kept state rendered (see
    /// `update(from:…)`); nil when the site was rendered from the corpus.
    public var updatedPages: Int?
    /// Why a kept state was not used, when there was one.
    public var stateDeclined: String?
    /// What the user should hear about how the build read its inputs and caches: a history
    /// cache, build state or output record that was damaged or foreign and was ignored and
    /// rebuilt, a shallow clone. The library says it; the command line prints it.
    public var notes: [String] = []
    /// How many documents' files were read (a build from the state does not read those its
    /// stamps say are unchanged).
    public var documentsRead: Int?
    /// Seconds spent in each stage, in order (`load`, `parse`, `assemble`, `render`, `write`,
    /// `state`, and `state declined` before them when a kept state was tried and not used);
    /// parsing starts while loading ends (see `Loader.loadAndParse`).
    public var timings: [(stage: String, seconds: Double)]
  }

  /// The output folder when none is given: `_site` in the handbook root's folder.
  public static func defaultOutput(workingDirectory: String, root: String) -> String {
    (workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/")
      + (root.isEmpty ? "_site" : root + "/_site")
  }

  /// Where the render cache of an output folder is kept: `.baton/cache/site-v1/` beside
  /// `baton.yml`, one record per output folder; nil for a bare repository (no cache).
  public static func manifestPath(loaded: LoadedSource, output: String) -> String? {
    loaded.workingDirectory.map {
      manifestPath(workingDirectory: $0, root: loaded.configuration.root, output: output)
    }
  }

  static func manifestPath(workingDirectory: String, root: String, output: String) -> String {
    let base = defaultOutput(workingDirectory: workingDirectory, root: root)
    let folder = String(base.dropLast("_site".count)) + ".baton/cache/site-v1/"
    let name = Digest(of: Array(SiteWriter(folder: output).folder.utf8)).description
    return folder + name + ".manifest"
  }

  /// Hashes of every document's bytes by path, which key the pages' bodies in the render cache.
  public static func documentDigests(_ loaded: LoadedSource) -> [String: Digest] {
    let pairs = loaded.files.parallelMap { entry -> (String, Digest)? in
      entry.file.bytes.map { (entry.file.path, Digest(of: $0)) }
    }
    var digests: [String: Digest] = [:]
    digests.reserveCapacity(pairs.count)
    for case let (path, digest)? in pairs { digests[path] = digest }
    return digests
  }

  /// What one render in memory keeps for the next in the same process (`baton serve`): the
  /// documents it parsed, the history it read, the runs of documents its search index read, and
  /// the render itself. Files, history and runs that did not change are not read again, and a
  /// render that only documents' own pages can differ from is updated (see `update`); the site
  /// is the same as without it.
  public struct Memo: Sendable {
    public var parse: ParseMemo
    public var search: SearchMemo
    public var history: HistoryMemo
    /// The last render, which the next updates when only documents' own pages change.
    var last: LastRender?

    /// An empty memo: everything is read.
    public init() {
      parse = ParseMemo()
      search = SearchMemo()
      history = HistoryMemo()
    }

    init(parsed: ParsedSource, search: SearchMemo, last: LastRender?) {
      self.parse = ParseMemo(parsed)
      self.search = search
      self.history = HistoryMemo(parsed.loaded)
      self.last = last
    }
  }

  /// A site rendered in memory.
  public struct Rendered: Sendable {
    public var corpus: Corpus
    public var site: RenderedSite
    /// What the next render can reuse.
    public var memo: Memo
    /// Seconds spent in each stage (`load`, `parse`, then `assemble` and `render`, or `update`).
    public var timings: [(stage: String, seconds: Double)] = []
    /// How many documents' pages an update rendered anew; nil when every page was rendered
    /// (see `update`).
    public var updatedPages: Int?
  }

  /// Renders the site of a repository in memory (Load → Parse → Assemble → Render), or updates
  /// the memo's last render when only changed documents' own pages can differ from it
  /// (Load → Parse → update; see `update`).
  ///
  /// - Parameters:
  ///   - cache: what the previous render produced; pages whose inputs did not change are taken
  ///     from it.
  ///   - memo: what the previous render read (its `Rendered.memo`).
  public static func render(
    _ source: SourceOptions, options: SiteOptions, cache: RenderCache = RenderCache(),
    memo: Memo = Memo()
  ) throws -> Rendered {
    var timer = StageTimer()
    let (parsed, started) = try loadAndParse(source, memo: memo, keepingState: false, timer: &timer)
    if let last = memo.last,
      var updated = try update(
        last, parsed: parsed, started: started, source: source, options: options)
    {
      timer.lap("patch")
      updated.timings = timer.laps
      return updated
    }
    let corpus = parsed.assemble()
    timer.lap("assemble")
    let (site, renderer, inputs, _) = try render(
      corpus, loaded: parsed.loaded, source: source, options: options, cache: cache,
      started: started, keeping: false)
    timer.lap("render")
    let last = LastRender(
      loaded: parsed.loaded, renderer: renderer, site: site, inputs: inputs,
      search: started.search.value)
    return Rendered(
      corpus: corpus, site: site,
      memo: Memo(parsed: parsed, search: started.search.value.memo, last: last),
      timings: timer.laps)
  }

  /// What `loadAndParse` works out from the parsed documents before the corpus is assembled.
  struct Started: Sendable {
    /// Where the pages go, for the layout.
    var paths: SiteLayout.PagePaths
    /// The search index, being built.
    var search: Background<SearchIndex.Built>
  }

  /// Loads and parses, and starts the search index as soon as the documents are parsed.
  ///
  /// The index needs only the documents and where their pages go, both known before the corpus
  /// is assembled: it is built while Load reads the history (seconds on one core when the
  /// history cache is cold) and then beside the pages. The pages' paths worked out for it are
  /// the layout's too, so they are worked out once and the index and the pages agree.
  ///
  /// - Parameters:
  ///   - memo: what an earlier render in the same process read, or nil for a build that keeps
  ///     nothing for a next one.
  ///   - keepingState: work out what `BuildState` keeps (the history's key, the search index's
  ///     state).
  static func loadAndParse(
    _ source: SourceOptions, memo: Memo?, keepingState: Bool, timer: inout StageTimer
  ) throws -> (ParsedSource, Started) {
    try Loader.loadAndParse(
      source, memo: memo?.parse ?? ParseMemo(), history: memo?.history,
      historyKey: keepingState && source.includeHistory, timer: &timer
    ) {
      configuration, parsed in
      let documents = Corpus.ordered(parsed)
      let paths = SiteLayout.pages(configuration: configuration, documents: documents)
      return Started(
        paths: paths,
        search: SiteRenderer.searchIndex(
          documents, pages: paths.pages, memo: memo?.search, keepingState: keepingState))
    }
  }

  static func render(
    _ corpus: Corpus, loaded: LoadedSource, source: SourceOptions, options: SiteOptions,
    cache: RenderCache, started: Started, keeping: Bool
  ) throws -> (RenderedSite, SiteRenderer, Loader.SiteInputs, SiteRenderer.Kept?) {
    let layout = SiteLayout(corpus: corpus, paths: started.paths)
    let inputs = try Loader.siteInputs(
      source, loaded: loaded, attachments: layout.attachments.sorted())
    let theme = try Theme(overrides: inputs.templateOverrides)
    let renderer = SiteRenderer(
      corpus: corpus, theme: theme, options: options, documentDigests: documentDigests(loaded),
      layout: layout)
    let (site, kept) = try renderer.render(
      attachments: inputs.attachments, cache: cache, search: started.search, keeping: keeping)
    return (site, renderer, inputs, kept)
  }

  /// Builds the site and writes it to `output` (default: `_site` beside `baton.yml`).
  ///
  /// With the state the last build into the same folder kept (`BuildState`), a build after
  /// edits to documents' bodies renders only their pages (`update(from:…)`). Otherwise pages
  /// whose inputs did not change since the last build are neither rendered nor written (see
  /// `SiteManifest`), and the build keeps a state for the next. `cache: false` renders and
  /// writes everything, and keeps nothing.
  public static func build(
    _ source: SourceOptions, output: String?, options: SiteOptions, cache: Bool = true
  ) throws -> Result {
    let lock = try lockOutput(source, output: output, options: options)
    defer { withExtendedLifetime(lock) {} }
    var timer = StageTimer()
    // Stamps of files read from here on are trusted by a later build only if older than this.
    let racyAfter = FileStamp.now() - BuildState.racySlack
    var declined: String?
    var notes: [String] = []
    /// The output's record when it was read already, with the manifest's path it was read from.
    var known: (path: String, record: SiteManifest?)?
    if cache, let located = try? Loader.locate(source), let top = located.workingDirectory {
      let folder = output ?? defaultOutput(workingDirectory: top, root: located.root)
      let stateFolder = BuildState.folder(
        workingDirectory: top, root: located.root, output: folder)
      if BuildState.read(stateFolder) == nil,
        FileSystem.kind(atPath: stateFolder + "state.bin") == .file
      {
        notes.append(
          "ignored the build state '\(stateFolder)' because it could not be read (damaged, or "
            + "written by another version of baton); rendered every page and kept a new one")
      }
      if let state = BuildState.read(stateFolder) {
        let writer = SiteWriter(
          folder: folder,
          manifestPath: manifestPath(workingDirectory: top, root: located.root, output: folder))
        // The output's record is read (and its files checked) while the documents load.
        let record = Background { writer.manifest() }
        if state.tip != located.tip?.hex {
          declined = "the commit changed"
        } else if !writer.mayHaveRecord {
          declined = "the output is not the one the state was kept with"
        } else {
          switch try update(
            from: state, folder: stateFolder, record: record, source: source, writer: writer,
            options: options, racyAfter: racyAfter, timer: &timer)
          {
          case .built(var result):
            result.notes = notes + result.notes
            return result
          case .declined(let reason): declined = reason
          case .discarded(let reason):
            declined = reason
            notes.append(
              "ignored the build state '\(stateFolder)' because \(reason); rendered every page "
                + "and kept a new one")
          }
          timer.lap("state declined")
        }
        known = writer.manifestPath.map { ($0, record.value) }
      }
    }
    let (parsed, started) = try loadAndParse(
      source, memo: nil, keepingState: cache, timer: &timer)
    let loaded = parsed.loaded
    let corpus = parsed.assemble()
    timer.lap("assemble")
    guard
      let folder = output
        ?? loaded.workingDirectory.map({
          defaultOutput(workingDirectory: $0, root: loaded.configuration.root)
        })
    else {
      throw SourceError("the repository is bare: pass '--output DIR' to say where to write")
    }
    let writer = SiteWriter(
      folder: folder, manifestPath: cache ? manifestPath(loaded: loaded, output: folder) : nil)
    let record =
      known.flatMap { $0.path == writer.manifestPath ? $0.record : nil } ?? writer.manifest()
    if record == nil, writer.mayHaveRecord {
      notes.append(
        "ignored the record of the last build '\(writer.manifestPath ?? "")' because it could "
          + "not be read (damaged, or written by another version of baton); compared and wrote "
          + "every file")
    }
    let stateFolder = loaded.workingDirectory.map {
      BuildState.folder(workingDirectory: $0, root: loaded.configuration.root, output: folder)
    }
    let keeping = cache && stateFolder != nil
    let (site, renderer, inputs, kept) = try render(
      corpus, loaded: loaded, source: source, options: options,
      cache: record?.renderCache ?? RenderCache(), started: started, keeping: keeping)
    timer.lap("render")
    notes += renderer.withheld(attachments: inputs.attachments).map(Self.withheldNote)
    // The output changes now: a state kept from before no longer describes it. The next one's
    // files are made and written while the site is.
    if let stateFolder { BuildState.remove(stateFolder) }
    var next: Background<BuildState?>?
    if keeping, let stateFolder, let kept, let search = started.search.value.state {
      let inputs = BuildState.inputs(
        loaded, options: options, includesHistory: source.includeHistory, site: inputs)
      let listed = site.files.first { $0.path == "documents.json" }?.bytes ?? []
      next = Background {
        BuildState.make(
          corpus: corpus, loaded: loaded, renderer: renderer, kept: kept, search: search,
          listed: listed, inputs: inputs, racyAfter: racyAfter, folder: stateFolder)
      }
    }
    let summary = try writer.write(site, previous: record)
    timer.lap("write")
    if let stateFolder, var state = next?.value, let recordDigest = summary.record {
      state.record = recordDigest
      _ = state.write(to: stateFolder)
      timer.lap("state")
    }
    return Result(
      documents: corpus.documents.count, site: site, summary: summary, output: writer.folder,
      cachedPages: site.files.lazy.filter(\.isKept).count, stateDeclined: declined,
      notes: notes + loaded.notes, timings: timer.laps)
  }

  /// What a build says of a linked file it did not publish (`SiteRenderer.withheld`).
  static func withheldNote(_ path: String) -> String {
    "did not publish '\(path)', which a document links to: it could run script in the site; "
      + "remove its script or link to it in the repository, or set 'unsafe-html: true' if "
      + "every author is trusted"
  }

  /// Checks that the output folder may be written (`Loader.checkOutput`) and takes its lock
  /// (`OutputLock`), held until the build has written the folder, its record and its state;
  /// nil for a bare repository without an output folder (the build then says so).
  static func lockOutput(
    _ source: SourceOptions, output: String?, options: SiteOptions
  ) throws -> OutputLock? {
    var folder = output
    if folder == nil, let located = try? Loader.locate(source), let top = located.workingDirectory {
      folder = defaultOutput(workingDirectory: top, root: located.root)
    }
    guard let folder else { return nil }
    let absolute = SiteWriter(folder: folder).folder
    try Loader.checkOutput(absolute, options: source)
    return try OutputLock.acquire(folder: absolute, wait: options.waitForLock) {
      options.lockWaiting?($0)
    }
  }
}
