import BatonCorpus
import BatonDocuments
import BatonSupport
import Foundation

/// What happened in a period and what awaits whom: what `baton digest` prints.
///
/// Events are placed by their commit dates (a decision by the commit that gave it its outcome,
/// a proposal or page by the commit that added it, an update by its date), so the digest of a
/// period is the same whenever it is made; overdue calls to action and pages past review are
/// judged at `until`. Kinds are read through their schema: decisions are kinds with statuses
/// and an open one, proposals those of a record kind still open, updates those of a report kind
/// in an open status, pages those of a page listing.
public struct DigestReport: Sendable, Encodable {
  /// The first moment of the period (ISO 8601, UTC).
  public var from: String
  /// The last moment of the period, when deadlines are judged (ISO 8601, UTC).
  public var until: String
  /// The person or team the digest is for, without `@`; nil for everyone.
  @Nullable public var audience: String?
  public var decided: [Item]
  public var proposed: [Item]
  public var ready: [Item]
  public var stuck: [Item]
  public var overdue: [Item]
  public var updates: [Item]
  public var pastReview: [Item]
  public var newPages: [Item]
  /// How many items `capped` left out of each section.
  var hidden: [Section: Int] = [:]

  /// One document in a section of the digest.
  public struct Item: Sendable, Hashable, Encodable {
    public var path: String
    /// The document's number as written (`0042`, `ADR-7`); empty for unnumbered documents.
    public var id: String
    public var title: String
    /// The page's address on the site (absolute with `base-url`).
    @Nullable public var url: String?
    @Nullable public var status: String?
    /// The person behind the item: who gave the outcome, the owner, the author (`@handle`,
    /// or a commit author's name when `people.yml` does not know them).
    @Nullable public var person: String?
    /// The day the item is about: the outcome's, the deadline, the review date.
    @Nullable public var day: String?
    /// Who the call to action asks (handles and teams, without `@`).
    public var asks: [String]
    /// What the item says in a line: the ask, why it is stuck, a team.
    @Nullable public var note: String?
  }

  enum CodingKeys: String, CodingKey {
    case from, until, audience, decided, proposed, ready, stuck, overdue, updates
    case pastReview = "past_review"
    case newPages = "new_pages"
  }

  /// The digest of a corpus (with history) for the period from `since` to `until`.
  ///
  /// - Parameters:
  ///   - audience: a handle or team: only what they own, wrote, decided or are asked.
  ///   - addresses: each document's page address by path (`SiteAddresses.pages`).
  public init(
    corpus: Corpus, since: Date, until: Date, audience: String? = nil,
    addresses: [String: String] = [:]
  ) {
    let scope = DigestScope(
      corpus: corpus, since: since, until: until, audience: audience, addresses: addresses)
    self.from = ISODate.string(since, offsetMinutes: 0)
    self.until = ISODate.string(until, offsetMinutes: 0)
    self.audience = audience.map(Person.handle(from:))
    // The calls to action (the costliest sections) are judged on another thread meanwhile.
    let asks = Background { (scope.decisionStates(), scope.overdue()) }
    self.decided = scope.decided().map(\.item)
    self.proposed = scope.proposed().map(\.item)
    self.updates = scope.updates().map(\.item)
    self.pastReview = scope.pastReview()
    self.newPages = scope.newPages().map(\.item)
    ((self.ready, self.stuck), self.overdue) = asks.value
  }

  /// An empty digest of a week: Monday 00:00 to Sunday 23:59:59 UTC, or to `until` when the
  /// week ends later.
  init(week: ISOWeek, until: Date) {
    let start = WorkingSchedule.standard.moment(on: week.monday, minutes: 0)
    let end = min(
      until,
      WorkingSchedule.standard.moment(on: week.next.monday, minutes: 0).addingTimeInterval(-1))
    self.from = ISODate.string(start, offsetMinutes: 0)
    self.until = ISODate.string(end, offsetMinutes: 0)
    self._audience = Nullable(wrappedValue: nil)
    self.decided = []
    self.proposed = []
    self.ready = []
    self.stuck = []
    self.overdue = []
    self.updates = []
    self.pastReview = []
    self.newPages = []
  }

  /// The digest as JSON (sorted keys).
  public func json() -> String {
    JSONOutput.encode(self)
  }

  /// The sections in order.
  package var sections: [(section: Section, items: [Item])] {
    [
      (.decided, decided), (.proposed, proposed), (.ready, ready), (.stuck, stuck),
      (.overdue, overdue), (.updates, updates), (.pastReview, pastReview),
      (.newPages, newPages),
    ]
  }

  /// A section of the digest: its heading and how it describes an item.
  package enum Section: String, CaseIterable {
    case decided = "Decided"
    case proposed = "New proposals"
    case ready = "Ready to decide"
    case stuck = "Stuck"
    case overdue = "Overdue calls to action"
    case updates = "Blocked and at-risk updates"
    case pastReview = "Pages past review"
    case newPages = "New handbook pages"
  }

  /// Whether nothing happened and nothing awaits anyone.
  public var isEmpty: Bool { sections.allSatisfy { $0.items.isEmpty } }
}
