import BatonCorpus
import BatonSupport
import Foundation

/// How decisions flow, from the documents and the history Baton already walks: what
/// `baton metrics` prints.
///
/// Every period comes from commit dates and every age is measured at `asOf`, never at the
/// clock, so the same commit and the same `asOf` give the same numbers. Kinds are read through
/// their schema, never their name: time to decision covers kinds with a status timeline (a
/// numbered kind with statuses); proposals are documents of a record kind in an open status;
/// updates are documents of a report kind; pages past review are documents of a reviewable
/// kind.
public struct Metrics: Sendable, Encodable {
  /// The moment ages and deadlines are measured at (ISO 8601, UTC).
  public var asOf: String
  /// Events before this day are left out (time to decision, responses, updates).
  @Nullable public var since: String?
  /// What rows are grouped by; nil for no grouping (every row's group is `all`).
  @Nullable public var groupedBy: String?
  public var timeToDecision: [DecisionTime]
  public var responseTimes: [ResponseTime]
  public var teamResponseTimes: [ResponseTime]
  public var openProposals: [ProposalAges]
  public var callsToAction: [Share]
  public var reviews: [Share]
  public var updateCadence: [Cadence]
  public var updateStatuses: [StatusCounts]

  /// Time from entering an open status (proposed) to leaving it for an outcome (accepted,
  /// rejected …), in days, for the decisions whose outcome commit falls in a quarter.
  public struct DecisionTime: Sendable, Hashable, Encodable {
    /// `2026-Q4`, of the outcome commit's date in UTC.
    public var quarter: String
    public var group: String
    public var days: Statistics
  }

  /// How long a responder took to answer, in working hours, and the share within the window.
  public struct ResponseTime: Sendable, Hashable, Encodable {
    /// The person or team, without `@`.
    public var responder: String
    public var hours: Statistics
    /// Answers given within the document's response window (answers with a window only).
    public var withinWindow: Int
    /// Answers whose document had a response window.
    public var withWindow: Int

    enum CodingKeys: String, CodingKey {
      case responder, hours
      case withinWindow = "within_window"
      case withWindow = "with_window"
    }
  }

  /// Open proposals by how long they have been open.
  public struct ProposalAges: Sendable, Hashable, Encodable {
    public var group: String
    public var open: Int
    /// Counts per bucket, in `Metrics.ageBuckets` order.
    public var byAge: [Int]

    enum CodingKeys: String, CodingKey {
      case group, open
      case byAge = "by_age"
    }
  }

  /// A part of a whole: calls to action overdue among those open, pages past review among
  /// pages with a review date.
  public struct Share: Sendable, Hashable, Encodable {
    public var group: String
    public var total: Int
    public var count: Int
  }

  /// How often a team posts updates.
  public struct Cadence: Sendable, Hashable, Encodable {
    public var team: String
    public var updates: Int
    /// Updates per week over the period (from `since`, or the team's first update, to `asOf`).
    public var perWeek: Double
    /// The median number of days between consecutive updates; nil with fewer than two.
    @Nullable public var medianGapDays: Double?
    @Nullable public var last: String?

    enum CodingKeys: String, CodingKey {
      case team, updates, last
      case perWeek = "per_week"
      case medianGapDays = "median_gap_days"
    }
  }

  /// Updates of one month by status.
  public struct StatusCounts: Sendable, Hashable, Encodable {
    /// `2026-11`.
    public var month: String
    public var group: String
    /// Counts by status, for every status an update had that month.
    public var counts: [String: Int]
  }

  /// The age buckets of open proposals, in days: up to a week, a month, a quarter, older.
  public static let ageBuckets: [(label: String, upTo: Int)] = [
    ("0-7d", 7), ("8-30d", 30), ("31-90d", 90), ("90d+", Int.max),
  ]

  enum CodingKeys: String, CodingKey {
    case asOf = "as_of"
    case since
    case groupedBy = "grouped_by"
    case timeToDecision = "time_to_decision"
    case responseTimes = "response_times"
    case teamResponseTimes = "team_response_times"
    case openProposals = "open_proposals"
    case callsToAction = "calls_to_action"
    case reviews
    case updateCadence = "update_cadence"
    case updateStatuses = "update_statuses"
  }

  /// The metrics of a corpus (with history) as of a moment.
  ///
  /// - Parameters:
  ///   - since: the first day counted for events; nil counts all of history.
  ///   - grouping: what to group rows by; nil gives one group, `all`.
  ///   - asOf: the moment ages and deadlines are measured at.
  public init(corpus: Corpus, since: Day? = nil, grouping: MetricsGrouping? = nil, asOf: Date) {
    let scope = MetricsScope(corpus: corpus, since: since, grouping: grouping, asOf: asOf)
    self.asOf = ISODate.string(asOf, offsetMinutes: 0)
    self.since = since?.description
    self.groupedBy = grouping?.rawValue
    self.timeToDecision = scope.decisionTimes()
    (self.responseTimes, self.teamResponseTimes) = scope.responseTimes()
    self.openProposals = scope.proposalAges()
    self.callsToAction = scope.overdueCalls()
    self.reviews = scope.pastReview()
    let updates = scope.updates()
    self.updateCadence = scope.cadence(of: updates)
    self.updateStatuses = scope.updateStatuses(of: updates)
  }

  /// The metrics as JSON (sorted keys).
  public func json() -> String {
    JSONOutput.encode(self)
  }
}

/// What metrics rows are grouped by.
public enum MetricsGrouping: String, Sendable, CaseIterable {
  case kind, team, owner, tag
}
