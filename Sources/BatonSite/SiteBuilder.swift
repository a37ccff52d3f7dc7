import BatonCorpus
import BatonGit
import BatonSearch
import BatonSource
import BatonSupport
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
    /// What the build worked with and is done with (the old state, the output's record, what
    /// was loaded), handed back instead of freed: freeing tens of thousands of values is a
    /// measurable share of a one-page build. A caller about to exit keeps it until then; any
    /// other drops it.
    public var retired: [any Sendable] = []
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
      // A build that keeps nothing for the next reads each tree twice, for the page and the
      // search entry, then lets it go; a memo's next render may need the trees again.
      if memo == nil {
        for document in documents { document.releaseBody(afterReaders: readersOfABody) }
      }
      let paths = SiteLayout.pages(configuration: configuration, documents: documents)
      return Started(
        paths: paths,
        search: SiteRenderer.searchIndex(
          documents, pages: paths.pages, memo: memo?.search, keepingState: keepingState))
    }
  }

  /// What reads a document's Markdown tree in a build: its page and its search entry.
  static let readersOfABody = 2

  /// A whole render: every page, and with `keeping` what the build state keeps.
  struct Whole {
    var site: RenderedSite
    var renderer: SiteRenderer
    var inputs: Loader.SiteInputs
    var kept: SiteRenderer.Kept?
  }

  static func render(
    _ corpus: Corpus, loaded: LoadedSource, source: SourceOptions, options: SiteOptions,
    cache: RenderCache, started: Started, keeping: Bool, stream: SiteWriter.Stream? = nil
  ) throws -> Whole {
    let layout = SiteLayout(corpus: corpus, paths: started.paths)
    let inputs = try Loader.siteInputs(
      source, loaded: loaded, attachments: layout.attachments.sorted())
    let theme = try Theme(overrides: inputs.templateOverrides)
    let renderer = SiteRenderer(
      corpus: corpus, theme: theme, options: options, documentDigests: documentDigests(loaded),
      configuration: configurationDigest(loaded), layout: layout)
    let (site, kept) = try renderer.render(
      attachments: inputs.attachments, cache: cache, search: started.search, keeping: keeping,
      stream: stream)
    return Whole(site: site, renderer: renderer, inputs: inputs, kept: kept)
  }

  /// The digests Load took of every document (`CollectionFile.digest`) by path, which key the
  /// pages' bodies in the render cache.
  public static func documentDigests(_ loaded: LoadedSource) -> [String: Digest] {
    var digests: [String: Digest] = [:]
    digests.reserveCapacity(loaded.files.count)
    for entry in loaded.files { digests[entry.file.path] = entry.digest }
    return digests
  }

  /// A hash of the configuration's bytes (of none, without `baton.yml`): what every page reads
  /// of it (`Dependency.Facet.site`).
  static func configurationDigest(_ loaded: LoadedSource) -> Digest {
    var hasher = StableHasher()
    hasher.combine(loaded.configurationBytes != nil)
    hasher.combine(bytes: loaded.configurationBytes ?? [])
    return hasher.finalize()
  }

  /// Starts making the state a whole render leaves for the next update, its files written to
  /// `store`; nil when the render kept nothing for it or the files could not be written.
  ///
  /// - Parameter listed: the digest of `documents.json`, when the caller takes it (for the
  ///   writer, which records it): it is hashed once for both.
  static func keepState(
    _ whole: Whole, corpus: Corpus, loaded: LoadedSource, search: SearchIndex.Built,
    source: SourceOptions, options: SiteOptions, racyAfter: Int64, store: StateStore,
    listed digest: Background<Digest>? = nil
  ) -> Background<(BuildState, StateStore)?> {
    let inputs = BuildState.inputs(
      loaded, options: options, includesHistory: source.includeHistory, site: whole.inputs)
    let listed = whole.site.file("documents.json")?.bytes ?? []
    return Background {
      guard let kept = whole.kept, let searchState = search.state else { return nil }
      var store = store
      guard
        let state = BuildState.make(
          corpus: corpus, loaded: loaded, renderer: whole.renderer, kept: kept,
          search: searchState, listed: (listed, digest?.value), pages: whole.site.files,
          inputs: inputs, racyAfter: racyAfter, store: &store)
      else { return nil }
      return (state, store)
    }
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
    let place = try SiteOutput.resolve(source, output: output, cache: cache)
    let lock = try lockOutput(place, source: source, options: options)
    defer { withExtendedLifetime(lock) {} }
    var timer = StageTimer()
    // Stamps of files read from here on are trusted by a later build only if older than this.
    let racyAfter = FileStamp.now() - BuildState.racySlack
    var tried = Tried()
    if let result = try buildFromState(
      place, source: source, options: options, racyAfter: racyAfter, tried: &tried,
      timer: &timer)
    {
      return result
    }
    return try buildWhole(
      place, source: source, options: options, racyAfter: racyAfter, tried: tried,
      timer: &timer)
  }

  /// What trying the kept state left for a whole build.
  struct Tried {
    /// Why the state was not used.
    var declined: String?
    var notes: [String] = []
    /// The output's record, when it was read already.
    var record: Background<SiteManifest?>?
    /// What each page read when the kept state's site was rendered whole, when there was one.
    var records: [String: DependencyRecord]?
  }

  /// Builds from the state the last build into the same output kept, when only documents' own
  /// pages, search entries and records can have changed (`update(from:…)`) and the output is
  /// the one the state was kept with; nil when the whole site must be built (why is in
  /// `tried`).
  ///
  /// The state is read on another thread while this one walks the working tree, and the
  /// update waits for it only once the documents are listed and stamped: both cores work from
  /// the start. A state that turns out not to be usable (damaged, another commit's) leaves
  /// that walk wasted, a small share of the whole build that follows.
  static func buildFromState(
    _ place: SiteOutput, source: SourceOptions, options: SiteOptions, racyAfter: Int64,
    tried: inout Tried, timer: inout StageTimer
  ) throws -> Result? {
    guard place.keepsState, let folder = place.stateFolder else { return nil }
    var store = StateStore(folder: folder)
    let writer = place.writer
    guard store.holds("state") else {
      // The output's record is read (and its files checked) while the whole build loads.
      tried.record = Background { writer.manifest() }
      return nil
    }
    let expected = Expected(tip: place.tip?.hex, hasRecord: writer.mayHaveRecord)
    let reading = readState(store)
    // The output's record is read and its files checked (81,500 stamps at 40,000 documents)
    // once the state is read: until then the other core decodes the state, which the walk on
    // this one waits for; the record is not needed before the update writes. A whole build
    // takes it too.
    let record = Background(on: .ownThread) {
      _ = reading.value
      return writer.manifest()
    }
    tried.record = record
    // What the last update left in the store is removed while this build loads; the build
    // waits for it before it writes to the store.
    store.startSweeping { reading.value.map { $0.state.names.union(["state"]) } }
    defer { store.waitForSweep() }
    do {
      let update = try self.update(
        from: { try expected.usable(reading.value) }, store: store, source: source,
        options: options, racyAfter: racyAfter, timer: &timer)
      let state = try expected.usable(reading.value).state
      // The files the update did not render are the output's: it must be whole, and the one
      // the state describes.
      guard let kept = record.value, kept.isComplete, kept.digest == state.record else {
        throw Declined("the output is not the one the state was kept with")
      }
      if let listing = update.listing, !state.trusts(listing, record: kept) {
        throw Declined(
          "its copy of documents.json could not be read or was not the one it wrote",
          discarded: true)
      }
      store.waitForSweep()
      var result = try write(update, record: kept, writer: writer, store: &store, timer: &timer)
      result.retired += [state, kept, update]
      return result
    } catch {
      try declined(
        error, state: reading.value?.state, expected: expected, store: store,
        folder: folder, tried: &tried)
      timer.lap("state declined")
      return nil
    }
  }

  /// The kept state in `store` read on another thread, with what an update takes from it
  /// (`StateReading`) started as soon as it is read; nil when there is none that can be read.
  static func readState(_ store: StateStore) -> Background<StateReading?> {
    // Its own thread: it waits on the frame's decode, in the pool.
    Background(on: .ownThread) {
      BuildState.read(store).map { StateReading($0, store: store) }
    }
  }

  /// What a kept state must have been kept with for a build to update from it, whatever the
  /// documents are: the commit read, and an output with a record.
  struct Expected: Sendable {
    var tip: String?
    var hasRecord: Bool

    /// Why `state` cannot be updated from; nil when it can.
    func unusable(_ state: BuildState) -> String? {
      guard state.tip == tip else { return "the commit changed" }
      guard hasRecord else { return "the output is not the one the state was kept with" }
      return nil
    }

    /// The state as read, when it can be updated from; else throws `Declined`.
    func usable(_ read: StateReading?) throws -> StateReading {
      guard let read else { throw Declined("it could not be read") }
      if let reason = unusable(read.state) { throw Declined(reason) }
      return read
    }
  }

  /// Puts in `tried` why the kept state (nil when it could not be read) was not used, given
  /// what the update from it threw; rethrows what is no reason to build the whole site.
  static func declined(
    _ error: any Error, state: BuildState?, expected: Expected, store: StateStore,
    folder: String, tried: inout Tried
  ) throws {
    guard let state else {
      tried.notes.append(
        "ignored the build state '\(folder)' because it could not be read (damaged, or "
          + "written by another version of baton); rendered every page and kept a new one")
      return
    }
    if let reason = expected.unusable(state) {
      tried.declined = reason
      // Another commit's state still tells what each page read.
      if state.tip != expected.tip { tried.records = state.records(in: store) }
      return
    }
    guard let declined = error as? Declined else { throw error }
    tried.declined = declined.reason
    tried.records = state.records(in: store)
    if declined.discarded {
      tried.notes.append(
        "ignored the build state '\(folder)' because \(declined.reason); rendered every page "
          + "and kept a new one")
    }
  }

  /// Writes an update from the state: its files, every other file kept as the output has it;
  /// then the next state.
  static func write(
    _ update: StateUpdate, record: SiteManifest, writer: SiteWriter, store: inout StateStore,
    timer: inout StageTimer
  ) throws -> Result {
    // What does not wait on the output's files is done on another core while they are
    // written: the site handed back (every file of the record), the next state's body, and
    // the state's new files (its listing is written already, and linked into the output).
    let site = Background { updatedSite(update, record: record) }
    BuildState.retire(&store)
    let next = update.next
    let file = Background { next.encodedFile() }
    let stored = store.writing(update.storeFiles)
    let summary =
      try writer.writeChanges(
        Array(update.files.values), linked: update.linked, removed: update.removed,
        record: record, digests: update.digests)
      ?? writer.write(updatedSite(try update.readingLinked(), record: record), previous: record)
    timer.lap("write")
    if let recordDigest = summary.record, stored.value {
      var next = next
      next.record = recordDigest
      _ = next.write(file.take(), to: &store)
      timer.lap("state")
    }
    return Result(
      documents: update.next.documents.count, site: site.value, summary: summary,
      output: writer.folder,
      cachedPages: site.value.files.lazy.filter { $0.isKept && $0.key != nil }.count,
      updatedPages: update.updatedPages, documentsRead: update.documentsRead,
      timings: timer.laps)
  }

  /// The site an update leaves: the files it rendered (those it linked, `StateUpdate.linked`,
  /// written), and every other file of the record but those it removed, kept; in order,
  /// merged without sorting the record's paths again.
  ///
  /// The record's paths are walked in order beside the few rendered and removed ones, sorted,
  /// instead of being looked up (tens of thousands of files).
  static func updatedSite(_ update: StateUpdate, record: SiteManifest) -> RenderedSite {
    let linked = update.linked.keys.map { SiteFile.written(path: $0, key: nil) }
    let rendered = (Array(update.files.values) + linked).sorted { $0.path < $1.path }
    let skipped = (Array(update.files.keys) + update.linked.keys + update.removed).sorted()
    guard let listed = record.entries.unchangedKeys else {
      let sorted = record.entries.sorted.lazy.map { ($0.path, $0.entry.key) }
      return merged(rendered, skipping: skipped, into: sorted, count: record.entries.count)
    }
    return merged(rendered, skipping: skipped, into: listed, count: record.entries.count)
  }

  /// `rendered` put among the kept files of `listed` (paths with their keys, sorted), but for
  /// those of `skipped` (sorted).
  private static func merged<Listed: Sequence<(String, Digest?)>>(
    _ rendered: [SiteFile], skipping skipped: [String], into listed: Listed, count: Int
  ) -> RenderedSite {
    var files: [SiteFile] = []
    files.reserveCapacity(count + rendered.count)
    var next = rendered.startIndex
    var skip = skipped.startIndex
    for (path, key) in listed {
      while skip < skipped.endIndex, skipped[skip] < path { skip += 1 }
      if skip < skipped.endIndex, skipped[skip] == path { continue }
      while next < rendered.endIndex, rendered[next].path < path {
        files.append(rendered[next])
        next += 1
      }
      files.append(.kept(path: path, key: key))
    }
    files.append(contentsOf: rendered[next...])
    return RenderedSite(sorted: files)
  }

  /// Builds the whole site, taking from the output's record the pages whose inputs did not
  /// change, and keeps a state for the next build.
  static func buildWhole(
    _ place: SiteOutput, source: SourceOptions, options: SiteOptions, racyAfter: Int64,
    tried: Tried, timer: inout StageTimer
  ) throws -> Result {
    var notes = tried.notes
    let (parsed, started) = try loadAndParse(
      source, memo: nil, keepingState: place.keepsState, timer: &timer)
    let loaded = parsed.loaded
    let corpus = parsed.assemble()
    timer.lap("assemble")
    let writer = place.writer
    let record = tried.record.map(\.value) ?? writer.manifest()
    if record == nil, writer.mayHaveRecord {
      notes.append(
        "ignored the record of the last build '\(writer.manifestPath ?? "")' because it could "
          + "not be read (damaged, or written by another version of baton); compared and wrote "
          + "every file")
    }
    let store = place.stateFolder.map(StateStore.init(folder:))
    // Without a record every page is rendered and written: each goes to disk as soon as it is
    // rendered instead of being held (tens of thousands of pages are hundreds of megabytes).
    let stream = record == nil ? try writer.stream() : nil
    let cache = record.map { RenderCache(records: tried.records ?? [:], output: $0) }
    let whole = try render(
      corpus, loaded: loaded, source: source, options: options,
      cache: cache ?? RenderCache(), started: started, keeping: place.keepsState, stream: stream)
    timer.lap("render")
    notes += whole.renderer.withheld(attachments: whole.inputs.attachments).map(withheldNote)
    // The output changes now: a state kept from before no longer describes it. The next one's
    // files are made and written while the site is.
    if var old = store { BuildState.remove(&old) }
    // `documents.json` (tens of megabytes) is hashed once, for the record and the state.
    let listedAt = whole.site.files.firstIndex { $0.path == "documents.json" }
    let listed = listedAt.map { at in Background { Digest(of: whole.site.files[at].bytes) } }
    let next = (place.keepsState ? store : nil).map {
      keepState(
        whole, corpus: corpus, loaded: loaded, search: started.search.value, source: source,
        options: options, racyAfter: racyAfter, store: $0, listed: listed)
    }
    let summary =
      try stream?.finish(whole.site, digest: { $0 == listedAt ? listed?.value : nil })
      ?? writer.write(whole.site, previous: record)
    timer.lap("write")
    if let (state, kept) = next?.value, let recordDigest = summary.record {
      var (state, kept) = (state, kept)
      state.record = recordDigest
      // The state's copy of documents.json is the output's file, as an update leaves it (one
      // inode): the next update trusts it by the output's record without hashing it. Written
      // to the store only when it cannot be linked (`BuildState.writeFiles`).
      if kept.hardLink(state.listing, to: writer.folder + "/documents.json")
        || kept.write([state.listing: listedAt.map { whole.site.files[$0].bytes } ?? []])
      {
        _ = state.write(to: &kept)
      }
      timer.lap("state")
    }
    return Result(
      documents: corpus.documents.count, site: whole.site, summary: summary,
      output: writer.folder, cachedPages: whole.site.files.lazy.filter(\.isKept).count,
      stateDeclined: tried.declined, notes: notes + loaded.notes, timings: timer.laps,
      retired: [parsed, corpus, record, started.search.value])
  }

  /// What a build says of a linked file it did not publish (`SiteRenderer.withheld`).
  static func withheldNote(_ path: String) -> String {
    "did not publish '\(path)', which a document links to: it could run script in the site; "
      + "remove its script or link to it in the repository, or set 'unsafe-html: true' if "
      + "every author is trusted"
  }

  /// Checks that the output folder may be written (`Loader.checkOutput`) and takes its lock
  /// (`OutputLock`), held until the build has written the folder, its record and its state.
  static func lockOutput(
    _ output: SiteOutput, source: SourceOptions, options: SiteOptions
  ) throws -> OutputLock? {
    try Loader.checkOutput(output.folder, options: source)
    return try OutputLock.acquire(folder: output.folder, wait: options.waitForLock) {
      options.lockWaiting?($0)
    }
  }
}
