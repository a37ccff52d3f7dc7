import BatonConfig
import BatonDocuments
import BatonSupport
import Foundation

/// The response window a call to action gives its responders, from `baton.yml`'s `sla:`, and
/// each responder's deadline counted in their own working hours (`people.yml`).
///
/// A document's urgency is its `urgency:` field, else its kind's `sla:`, else `standard` when
/// `sla:` declares it. A responder's deadline is the moment the call to action named them plus
/// the window in that person's working time; a team's is the latest of its members'.
public struct ResponseWindow: Sendable, Hashable {
  /// The urgency's name, lower case (`urgent`, `standard`).
  public var urgency: String
  public var duration: WorkingDuration

  public init(urgency: String, duration: WorkingDuration) {
    self.urgency = urgency
    self.duration = duration
  }

  /// The urgency `standard`: the window of a kind that names none.
  public static let fallbackUrgency = "standard"

  /// The window of a document, or nil when its urgency names no window (or `sla:` is empty).
  public static func of(_ document: Document, configuration: Configuration) -> ResponseWindow? {
    let written = document.field("urgency")?.value.text.trimmingWhitespace().lowercased()
    let kindDefault = configuration.schema(ofKind: document.kind).urgency
    return named(
      written.flatMap { $0.isEmpty ? nil : $0 } ?? kindDefault ?? fallbackUrgency,
      configuration: configuration)
  }

  /// The window a kind's new documents get.
  public static func of(kind: KindSchema, configuration: Configuration) -> ResponseWindow? {
    named(kind.urgency ?? fallbackUrgency, configuration: configuration)
  }

  /// The window named `urgency`, if `sla:` declares it.
  public static func named(_ urgency: String, configuration: Configuration) -> ResponseWindow? {
    let key = urgency.lowercased()
    return configuration.responseWindows[key].map { ResponseWindow(urgency: key, duration: $0) }
  }

  /// The deadline of a responder (a person or a team) named at `moment`: the window counted in
  /// the person's working time, or for a team the latest of its members' deadlines.
  public func deadline(for responder: String, namedAt moment: Date, people: People?) -> Date {
    ResponseWindow.schedules(of: responder, people: people)
      .map { $0.adding(workingSeconds: duration.seconds(in: $0), to: moment) }
      .max() ?? moment
  }

  /// The latest deadline of several responders, and the day it falls on in the zone of the
  /// responder it belongs to: what `baton new` writes as `respond-by`.
  public func respondBy(responders: [String], namedAt moment: Date, people: People?) -> Day {
    var latest: (date: Date, day: Day)?
    for responder in responders {
      for schedule in ResponseWindow.schedules(of: responder, people: people) {
        let date = schedule.adding(workingSeconds: duration.seconds(in: schedule), to: moment)
        if latest.map({ date > $0.date }) ?? true {
          latest = (date, schedule.localDay(of: date))
        }
      }
    }
    if let latest { return latest.day }
    let schedule = people?.defaultSchedule ?? .standard
    return schedule.localDay(
      of: schedule.adding(workingSeconds: duration.seconds(in: schedule), to: moment))
  }

  /// The schedules a responder's deadline is counted in: the person's, or each member's.
  public static func schedules(of responder: String, people: People?) -> [WorkingSchedule] {
    guard let people else { return [.standard] }
    if people.person(responder) != nil { return [people.schedule(for: responder)] }
    let members = people.members(of: responder)
    guard !members.isEmpty else { return [people.schedule(for: responder)] }
    return members.map(people.schedule(for:))
  }
}
