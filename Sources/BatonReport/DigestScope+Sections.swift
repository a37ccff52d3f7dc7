import BatonSupport
import Foundation

extension DigestScope {
  /// An item of a section with the moment it is placed at: the commit of an outcome, of a
  /// proposal's or page's first version, an update's day.
  struct Dated {
    var date: Date
    var item: DigestReport.Item
  }

  /// Documents that got an outcome in the period, newest first, with who committed it.
  func decided() -> [Dated] {
    var found: [Dated] = []
    var outcomesByKind: [String: Set<String>] = [:]
    for document in corpus.documents {
      let schema = corpus.schema(of: document)
      let outcomes = MetricsScope.outcomes(of: schema, kind: document.kind, known: &outcomesByKind)
      guard !outcomes.isEmpty, let timeline = corpus.history[document.path]?.statusTimeline,
        let change = timeline.last(where: { outcomes.contains($0.status) && within($0.event.date) }
        ),
        timeline.contains(where: { schema.openStatuses.contains($0.status) }),
        concerns(document, asks: [])
      else { continue }
      var item = item(
        document, person: handle(of: change.event), day: MetricsScope.utcDay(of: change.event.date))
      item.status = change.status
      found.append(Dated(date: change.event.date, item: item))
    }
    return found.sorted { ($1.date, $0.item.path) < ($0.date, $1.item.path) }
  }

  /// Proposals added in the period and still open (or, with `keepsDecidedProposals`, opened
  /// in it whatever became of them), with what they ask of whom by when.
  func proposed() -> [Dated] {
    corpus.documents.compactMap { document -> Dated? in
      let schema = corpus.schema(of: document)
      let history = corpus.history[document.path]
      guard schema.listing == .record,
        let status = keepsDecidedProposals
          ? history?.statusTimeline.first?.status ?? document.status?.value
          : document.status?.value,
        schema.openStatuses.contains(status),
        let created = history?.created?.date, within(created)
      else { return nil }
      let call = openCall(of: document)
      guard concerns(document, asks: call?.asks ?? []) else { return nil }
      return Dated(
        date: created,
        item: item(document, day: call?.deadline, asks: call?.asks ?? [], note: call?.text))
    }
  }

  /// Open calls to action that someone still owes past their due moment at `until` (their
  /// response window in their working hours, or the deadline day; `Corpus.overdueResponders`),
  /// the oldest due day first; the day is the deadline, else the first responder's due day.
  func overdue() -> [DigestReport.Item] {
    corpus.documents.compactMap { document -> DigestReport.Item? in
      let late = corpus.overdueResponders(of: document, at: until)
      guard let first = late.first, let call = openCall(of: document),
        concerns(document, asks: call.asks)
      else { return nil }
      let day = call.deadline ?? MetricsScope.utcDay(of: first.due)
      return item(document, day: day, asks: call.asks, note: call.text)
    }.sorted { ($0.day ?? "", $0.path) < ($1.day ?? "", $1.path) }
  }

  /// Updates dated in the period that are in an open status (blocked, at risk), with their
  /// asks.
  func updates() -> [Dated] {
    corpus.documents.compactMap { document -> Dated? in
      let schema = corpus.schema(of: document)
      guard schema.listing == .report, let status = document.status?.value,
        schema.openStatuses.contains(status)
      else { return nil }
      let created = corpus.history[document.path]?.created?.date
      let day = document.date ?? created.map(MetricsScope.utcDay(of:))
      guard let day, day >= MetricsScope.utcDay(of: since), day <= today else { return nil }
      let call = openCall(of: document)
      guard concerns(document, asks: call?.asks ?? []) else { return nil }
      let team = document.team.map { "team \($0)" }
      return Dated(
        date: WorkingSchedule.standard.moment(on: day, minutes: 0),
        item: item(document, day: day, asks: call?.asks ?? [], note: call?.text ?? team))
    }
  }

  /// Pages past their review date, the oldest first.
  func pastReview() -> [DigestReport.Item] {
    let period = corpus.configuration.reviewPeriodDays
    // Sorted by the day itself, which orders as its text does, rather than by the text.
    return corpus.documents.compactMap { document -> (due: Day, item: DigestReport.Item)? in
      guard corpus.schema(of: document).reviewable,
        let due = document.reviewBy(periodDays: period)?.value, due < today,
        concerns(document, asks: [])
      else { return nil }
      return (due, item(document, day: due))
    }.sorted { ($0.due, $0.item.path) < ($1.due, $1.item.path) }.map(\.item)
  }

  /// Pages added in the period.
  func newPages() -> [Dated] {
    corpus.documents.compactMap { document -> Dated? in
      guard corpus.schema(of: document).listing == .page,
        let created = corpus.history[document.path]?.created?.date, within(created),
        concerns(document, asks: [])
      else { return nil }
      return Dated(date: created, item: item(document, day: MetricsScope.utcDay(of: created)))
    }
  }
}

extension DigestScope {
  /// Open decisions whose rule is met (ready to decide) and those past their deadline without
  /// it (stuck), with why and who is still to answer.
  func decisionStates() -> (ready: [DigestReport.Item], stuck: [DigestReport.Item]) {
    var ready: [DigestReport.Item] = []
    var stuck: [DigestReport.Item] = []
    for document in corpus.documents {
      guard let state = corpus.decisionState(of: document, today: today), state.phase != .pending
      else { continue }
      let waiting = corpus.ledger(of: document)?.outstanding.map(\.handle) ?? []
      guard concerns(document, asks: waiting) else { continue }
      if state.phase == .ready {
        let verb = state.outcome.map { "ready to \($0.rawValue): " } ?? ""
        ready.append(item(document, day: state.deadline, asks: waiting, note: verb + state.reason))
      } else {
        stuck.append(item(document, day: state.deadline, asks: waiting, note: state.reason))
      }
    }
    return (ready, stuck)
  }
}
