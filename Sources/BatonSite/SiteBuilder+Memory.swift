import BatonCorpus
import BatonGit
import BatonSearch
import BatonSource
import BatonSupport

extension SiteBuilder {
  /// What one render in memory keeps for the next in the same process (`baton serve`): the
  /// documents it parsed, the history it read, the runs of documents its search index read, and
  /// the build state of the site it rendered, in memory. An edit that changes only documents'
  /// own pages is an update from that state, as `baton build` makes from the state it keeps on
  /// disk (`update(from:…)`); otherwise the site is rendered whole, and files, history and runs
  /// that did not change are not read again. The site is the same as without it.
  public struct Memo: Sendable {
    public var parse: ParseMemo
    public var search: SearchMemo
    public var history: HistoryMemo
    /// The last site, and the state that describes it (being made after a whole render).
    var kept: Kept?

    /// A site in memory and its build state.
    struct Kept: Sendable {
      var site: RenderedSite
      var state: Background<(BuildState, StateStore)?>
    }

    /// An empty memo: everything is read.
    public init() {
      parse = ParseMemo()
      search = SearchMemo()
      history = HistoryMemo()
    }

    init(parsed: ParsedSource, search: SearchMemo, kept: Kept?) {
      self.parse = ParseMemo(parsed)
      self.search = search
      self.history = HistoryMemo(parsed.loaded)
      self.kept = kept
    }
  }

  /// A site rendered in memory.
  public struct Rendered: Sendable {
    /// The corpus, when the site was rendered whole; nil after an update from the state.
    public var corpus: Corpus?
    /// How many documents the site holds.
    public var documents: Int
    public var site: RenderedSite
    /// What the next render can reuse.
    public var memo: Memo
    /// Seconds spent in each stage (`load`, `parse`, then `assemble` and `render`, or `render`
    /// of an update).
    public var timings: [(stage: String, seconds: Double)] = []
    /// How many documents' pages an update rendered anew; nil when the site was rendered whole.
    public var updatedPages: Int?
  }

  /// Renders the site of a repository in memory, or updates the memo's last site from its
  /// state when only changed documents' own pages can differ from it (`update(from:…)`).
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
    let racyAfter = FileStamp.now() - BuildState.racySlack
    if let kept = memo.kept, let (state, store) = kept.state.value {
      do {
        let update = try self.update(
          from: { StateReading(state, store: store) }, store: store, source: source,
          options: options, racyAfter: racyAfter, timer: &timer)
        return updated(kept.site, with: update, store: store, memo: memo, timer: timer)
      } catch is Declined {
        timer.lap("state declined")
      }
    }
    let (parsed, started) = try loadAndParse(source, memo: memo, keepingState: true, timer: &timer)
    let corpus = parsed.assemble()
    timer.lap("assemble")
    let whole = try render(
      corpus, loaded: parsed.loaded, source: source, options: options, cache: cache,
      started: started, keeping: true)
    timer.lap("render")
    let search = started.search.value
    let state = keepState(
      whole, corpus: corpus, loaded: parsed.loaded, search: search, source: source,
      options: options, racyAfter: racyAfter, store: StateStore())
    return Rendered(
      corpus: corpus, documents: corpus.documents.count, site: whole.site,
      memo: Memo(
        parsed: parsed, search: search.memo, kept: Memo.Kept(site: whole.site, state: state)),
      timings: timer.laps)
  }

  /// The last site with an update's files in place, and the memo for the next render.
  static func updated(
    _ last: RenderedSite, with update: StateUpdate, store: StateStore, memo: Memo,
    timer: StageTimer
  ) -> Rendered {
    var fresh = update.files
    var files: [SiteFile] = []
    files.reserveCapacity(last.files.count + fresh.count)
    for file in last.files where !update.removed.contains(file.path) {
      files.append(fresh.removeValue(forKey: file.path) ?? file)
    }
    files += fresh.values.sorted { $0.path < $1.path }
    let site = RenderedSite(files: files)
    var store = store
    _ = store.write(update.storeFiles)
    store.keep(only: update.next.names)
    let state = (update.next, store)
    var next = memo
    next.kept = Memo.Kept(site: site, state: Background { state })
    return Rendered(
      corpus: nil, documents: update.next.documents.count, site: site, memo: next,
      timings: timer.laps, updatedPages: update.updatedPages)
  }
}
