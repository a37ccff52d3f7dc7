import Dispatch
import Foundation
import Synchronization

extension Repository {
  /// What one walk over the commits found.
  struct HistoryWalk: Sendable {
    /// The records of the commits that touched documents, newest first.
    var records: [HistoryRecord]
    /// The commits without parents that were walked.
    var roots: [RawID]
    /// How many commits were walked.
    var walked: Int
  }

  /// The fewest commits worth a walker of their own: below that, opening another repository
  /// and warming another object cache costs more than the thread saves.
  static let commitsPerWalker = 2_000

  /// Walks the commits reachable from `head` but not from `hidden`, on every core.
  ///
  /// libgit2 orders the commits on this thread; the ordered list is then cut into consecutive
  /// runs, one per core, and each run is visited by its own `HistoryWalker` on its own
  /// `Repository` (libgit2 objects are not shared between threads). A commit is compared with
  /// its parents on its own, so the runs' records, joined in order, are what one walker would
  /// have found.
  ///
  /// - Parameters:
  ///   - walkers: how many runs at most (default: one per core).
  ///   - minimumPerWalker: the fewest commits a run gets (default `commitsPerWalker`).
  func walkHistory(
    head: RawID, hiding hidden: RawID?, prefixes: [String], extensions: Set<String>,
    progress: (@Sendable (Int) -> Void)?, walkers: Int? = nil,
    minimumPerWalker: Int = Repository.commitsPerWalker
  ) throws(GitError) -> HistoryWalk {
    let ordering = try HistoryWalker(repository: self, prefixes: prefixes, extensions: extensions)
    let ids = try ordering.commits(head: head, hiding: hidden)
    let cores = walkers ?? ProcessInfo.processInfo.activeProcessorCount
    let runs = max(1, min(cores, ids.count / max(1, minimumPerWalker)))
    let visited = Atomic<Int>(0)
    @Sendable func walk(_ slice: ArraySlice<RawID>, with walker: HistoryWalker) throws(GitError)
      -> HistoryWalk
    {
      let records = try walker.visit(slice) {
        let count = visited.add(1, ordering: .relaxed).newValue
        if let progress, count % 1000 == 0 { progress(count) }
      }
      return HistoryWalk(records: records, roots: walker.roots, walked: walker.walked)
    }
    if runs == 1 {
      // The walker that ordered the commits visits them: no second repository to open.
      let result = try walk(ids[...], with: ordering)
      progress?(ids.count)
      return result
    }
    let size = (ids.count + runs - 1) / runs
    let path = gitDirectory
    let results = Mutex<[Result<HistoryWalk, GitError>?]>(Array(repeating: nil, count: runs))
    DispatchQueue.concurrentPerform(iterations: runs) { run in
      let slice = ids[min(ids.count, run * size)..<min(ids.count, (run + 1) * size)]
      let result = Result { () throws(GitError) -> HistoryWalk in
        try walk(
          slice,
          with: try HistoryWalker(
            repository: try Repository(path: path), prefixes: prefixes, extensions: extensions))
      }
      results.withLock { $0[run] = result }
    }
    var joined = HistoryWalk(records: [], roots: [], walked: 0)
    for result in results.withLock({ $0 }) {
      guard let result else { continue }
      let part = try result.get()
      joined.records += part.records
      joined.roots += part.roots
      joined.walked += part.walked
    }
    progress?(ids.count)
    return joined
  }
}
