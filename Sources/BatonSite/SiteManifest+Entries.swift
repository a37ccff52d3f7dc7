import BatonSupport

extension SiteManifest {
  /// A record's entries by path: those read or made together, in arrays sorted by path (looked
  /// up by a binary search), and those set since, in a small table.
  ///
  /// A record of 80,000 files is read for every build; an edit then looks up a handful of paths
  /// and sets as many. A table of every path took longer to build than the lookups saved, and
  /// an edit's first change copied it whole.
  public struct Entries: Sendable {
    /// The paths read, sorted, and their entries.
    private var paths: [String]
    private var values: [Entry]
    /// Entries set since, by path: nil for one removed.
    private var changes: [String: Entry?] = [:]
    /// How many paths have an entry.
    public private(set) var count: Int

    /// No entries.
    public init() {
      self.init(sorted: [])
    }

    /// The entries of `sorted`, whose paths are sorted and distinct.
    init(sorted: [(String, Entry)]) {
      self.init(paths: sorted.map(\.0), values: sorted.map(\.1))
    }

    /// `values[i]` at `paths[i]`; the paths sorted and distinct.
    init(paths: [String], values: [Entry]) {
      self.paths = paths
      self.values = values
      count = paths.count
    }

    public var isEmpty: Bool { count == 0 }

    /// The entry at `path`, nil when there is none; set to nil to remove it.
    public subscript(path: String) -> Entry? {
      get {
        if let change = changes[path] { return change }
        let at = paths.lowerBound(of: path)
        return at < paths.count && paths[at] == path ? values[at] : nil
      }
      set {
        let old = self[path]
        changes[path] = .some(newValue)
        count += (newValue == nil ? 0 : 1) - (old == nil ? 0 : 1)
      }
    }

    /// Every path with its entry, sorted by path.
    public var sorted: [(path: String, entry: Entry)] {
      guard !changes.isEmpty else { return zip(paths, values).map { ($0, $1) } }
      let set = changes.sorted { $0.key < $1.key }
      var merged: [(path: String, entry: Entry)] = []
      merged.reserveCapacity(count)
      var (read, next) = (0, 0)
      while read < paths.count || next < set.count {
        if next == set.count || (read < paths.count && paths[read] < set[next].key) {
          merged.append((paths[read], values[read]))
          read += 1
          continue
        }
        if read < paths.count, paths[read] == set[next].key { read += 1 }
        if let entry = set[next].value { merged.append((set[next].key, entry)) }
        next += 1
      }
      return merged
    }

    /// Every path with an entry, sorted.
    public var keys: [String] {
      changes.isEmpty ? paths : sorted.map(\.path)
    }

    /// The paths read with their pages' keys, in order, while none has been set since; nil
    /// otherwise.
    var unchangedKeys: Zip2Sequence<[String], LazyMapSequence<[Entry], Digest?>>? {
      changes.isEmpty ? zip(paths, values.lazy.map(\.key)) : nil
    }
  }
}
