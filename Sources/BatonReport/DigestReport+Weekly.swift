import BatonCorpus
import BatonSupport
import Foundation

extension DigestReport {
  /// One week's digest, as the site publishes it.
  public struct Week: Sendable {
    public var week: ISOWeek
    public var report: DigestReport
    /// Whether this is the week of the last commit, the only one whose digest says what is
    /// ready, stuck, overdue and past review: those are judged at that commit, and older weeks
    /// cannot be judged again from today's documents.
    public var isLatest: Bool
  }

  /// The digest of every ISO week that has something in it, oldest first, from the week of the
  /// first commit that touched a document to the week of the last (which is always there).
  ///
  /// Weeks come from commit dates, never from the clock, so two builds of one commit agree.
  /// The sections of events (decided, proposed, updates, new pages) are worked out once over
  /// the whole history and shared out by week; a proposal stays in the week it was made in
  /// whatever became of it. The sections of state are judged at the last commit, in its week.
  /// Items do not quote their asks' text (see `DigestScope.quotesAsks`).
  public static func weekly(corpus: Corpus, addresses: [String: String]) -> [Week] {
    var first: Date?
    var last: Date?
    for history in corpus.history.values {
      if let date = history.created?.date, first.map({ date < $0 }) ?? true { first = date }
      if let date = history.updated?.date, last.map({ date > $0 }) ?? true { last = date }
    }
    guard let first, let last else { return [] }
    var scope = DigestScope(
      corpus: corpus, since: first, until: last, audience: nil, addresses: addresses)
    scope.keepsDecidedProposals = true
    scope.quotesAsks = false
    var weeks: [ISOWeek: DigestReport] = [:]
    func report(_ week: ISOWeek) -> DigestReport {
      weeks[week] ?? DigestReport(week: week, until: last)
    }
    func share(_ dated: [DigestScope.Dated], _ path: WritableKeyPath<DigestReport, [Item]>) {
      for entry in dated {
        let week = ISOWeek(containing: MetricsScope.utcDay(of: entry.date))
        // In place: a copy taken out and stored back would copy the week's items on every
        // append (thousands in a busy week).
        weeks[week, default: DigestReport(week: week, until: last)][keyPath: path].append(
          entry.item)
      }
    }
    share(scope.decided(), \.decided)
    share(scope.proposed(), \.proposed)
    share(scope.updates(), \.updates)
    share(scope.newPages(), \.newPages)
    let latest = ISOWeek(containing: MetricsScope.utcDay(of: last))
    var current = report(latest)
    var now = DigestScope(
      corpus: corpus, since: first, until: last, audience: nil, addresses: addresses)
    now.quotesAsks = false
    (current.ready, current.stuck) = now.decisionStates()
    current.overdue = now.overdue()
    current.pastReview = now.pastReview()
    weeks[latest] = current
    return weeks.keys.sorted().compactMap { week in
      weeks[week].map { Week(week: week, report: $0, isLatest: week == latest) }
    }
  }
}

extension DigestReport {
  /// The digest with each item's address taken from `addresses` (a document's page by path,
  /// `SiteAddresses.pages`): what passing them to `init` gives, for a caller that works them
  /// out while the digest is made.
  package func addressed(by addresses: [String: String]) -> DigestReport {
    withURLs { addresses[$0.path] }
  }

  /// The digest with `prefix` before every item's address: a site's relative addresses made
  /// absolute for a feed.
  package func linked(prefix: String) -> DigestReport {
    withURLs { $0.url.map { prefix + $0 } }
  }

  /// The digest with every item's address the one `url` gives for it.
  private func withURLs(_ url: (Item) -> String?) -> DigestReport {
    var copy = self
    for (_, path) in DigestReport.sectionPaths {
      for index in copy[keyPath: path].indices {
        copy[keyPath: path][index].url = url(copy[keyPath: path][index])
      }
    }
    return copy
  }
}

extension DigestReport {
  /// The digest with at most `limit` items per section; `html()` then says how many more each
  /// section has.
  package func capped(_ limit: Int) -> DigestReport {
    var copy = self
    for (section, path) in DigestReport.sectionPaths {
      let items = copy[keyPath: path]
      guard items.count > limit else { continue }
      copy[keyPath: path] = Array(items.prefix(limit))
      copy.hidden[section] = items.count - limit
    }
    return copy
  }

  /// Where each section's items are.
  static var sectionPaths: [(Section, WritableKeyPath<DigestReport, [Item]>)] {
    [
      (.decided, \.decided), (.proposed, \.proposed), (.ready, \.ready), (.stuck, \.stuck),
      (.overdue, \.overdue), (.updates, \.updates), (.pastReview, \.pastReview),
      (.newPages, \.newPages),
    ]
  }
}
