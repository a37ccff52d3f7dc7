import BatonDocuments
import BatonSupport
import Foundation

extension Corpus {
  /// When a document's call to action named a responder (a handle or a team): the commit since
  /// which it has named them without a break, for documents whose versions were read (those
  /// holding responses); else the commit that put the document in its open status, else the
  /// one that added it. Nil without history.
  public func namedAt(_ responder: String, in document: Document) -> Date? {
    guard let history = history[document.path] else { return nil }
    let key = Person.handle(from: responder).lowercased()
    if let named = history.named[key] { return named.date }
    let schema = schema(of: document)
    if let opened = history.statusTimeline.last(where: { schema.openStatuses.contains($0.status) })
    {
      return opened.event.date
    }
    return history.created?.date
  }

  /// The moment a responder's answer is due: the later of the end of their response window
  /// (`namedAt` plus the document's window in their working time) and the end of the
  /// call to action's deadline day in their time zone. Nobody is due before the date the
  /// document gives, nor before their window closes. Nil when neither is known.
  public func responseDue(for responder: String, in document: Document) -> Date? {
    let schema = schema(of: document)
    let section = CallToAction.openSection(of: document, schema: schema)
    let day = section.flatMap { CallToAction.deadline(of: document, section: $0)?.value }
    let schedules = ResponseWindow.schedules(of: responder, people: people)
    let endOfDay = day.map { day in
      schedules.map { $0.moment(on: day.adding(days: 1), minutes: 0).addingTimeInterval(-1) }
        .max() ?? WorkingSchedule.standard.moment(on: day.adding(days: 1), minutes: 0)
    }
    var window: Date?
    if let response = ResponseWindow.of(document, configuration: configuration),
      let named = namedAt(responder, in: document)
    {
      window = response.deadline(for: responder, namedAt: named, people: people)
    }
    switch (endOfDay, window) {
    case (let a?, let b?): return max(a, b)
    case (let a?, nil): return a
    case (nil, let b?): return b
    default: return nil
    }
  }

  /// The working time a responder has left until `due`, in seconds (negative when overdue),
  /// counted in their schedule (a team's: its first member's, else the default).
  public func workingSecondsLeft(for responder: String, until due: Date, now: Date) -> Int {
    let schedules = ResponseWindow.schedules(of: responder, people: people)
    return (schedules.first ?? .standard).workingSeconds(from: now, to: due)
  }
}

extension Corpus {
  /// Who is overdue on a document's open call to action at `moment`, soonest due first: each
  /// responder still to answer (the ledger's outstanding ones, or every responder of a kind
  /// without responses) whose due moment (`responseDue`: their response window in their
  /// working hours, or the end of the deadline day in their zone) is before `moment`.
  ///
  /// A call that names nobody is overdue once its deadline day has ended in UTC (the
  /// responder is then `""`). Empty when nothing is overdue or there is no open call.
  public func overdueResponders(
    of document: Document, at moment: Date
  ) -> [(responder: String, due: Date)] {
    let schema = schema(of: document)
    guard let section = CallToAction.openSection(of: document, schema: schema) else { return [] }
    let responders = CallToAction.responders(in: section, people: people)
    guard !responders.isEmpty else {
      guard let day = CallToAction.deadline(of: document, section: section)?.value else {
        return []
      }
      let due = WorkingSchedule.standard.moment(on: day.adding(days: 1), minutes: 0)
        .addingTimeInterval(-1)
      return due < moment ? [("", due)] : []
    }
    let owing = ledger(of: document).map { Set($0.outstanding.map { $0.handle.lowercased() }) }
    var result: [(responder: String, due: Date)] = []
    for responder in responders where owing?.contains(responder.lowercased()) ?? true {
      if let due = responseDue(for: responder, in: document), due < moment {
        result.append((responder, due))
      }
    }
    return result.sorted { ($0.due, $0.responder) < ($1.due, $1.responder) }
  }
}
