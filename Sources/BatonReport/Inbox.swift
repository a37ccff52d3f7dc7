import BatonCorpus
import BatonDocuments
import BatonSupport
import Foundation

/// The open calls to action one person (or team) owes: what `baton inbox @handle` shows.
///
/// A call to action is owed when its section names the handle, or a team the handle belongs to
/// (`people.yml`: a person's `team:`, or a `teams:` entry's members). Deadlines are the end of
/// the deadline day in the person's time zone from `people.yml` (UTC when it gives none).
/// Items are sorted overdue first, then soonest, then those without a deadline.
public struct Inbox: Sendable, Encodable {
  /// The handle asked about, without `@`.
  public var handle: String
  /// The teams the handle belongs to, sorted.
  public var teams: [String]
  /// The IANA time zone deadlines are shown in; nil means UTC.
  @Nullable public var timeZone: String?
  /// The day deadlines are judged against.
  public var today: String
  public var items: [Item]

  /// One call to action.
  public struct Item: Sendable, Encodable, Hashable {
    public var path: String
    public var id: String
    public var title: String
    public var kind: String
    @Nullable public var status: String?
    /// The call to action's text, trimmed.
    public var ask: String
    /// The responder the section names that reaches the handle: the handle or a team.
    public var via: String
    /// The deadline day as written; nil when the section gives none.
    @Nullable public var deadline: String?
    /// The end of the deadline day in the handle's time zone (ISO 8601 with offset).
    @Nullable public var due: String?
    /// Days from today until the deadline; negative when overdue.
    @Nullable public var daysLeft: Int?
    /// With a response window (`sla:`), the working hours left until `due`, counted in the
    /// handle's working time; negative when overdue.
    @Nullable public var workingHoursLeft: Int? = nil
    public var overdue: Bool
    /// The line of the call-to-action section.
    public var line: Int
    /// What is owed: an answer, or (for the owner) a decision.
    public var action: Action = .respond
    /// For a decision: where it stands under its rule (`ready to accept: no objection by
    /// 2026-12-01`, `stuck: objection by @kenji: no rollback plan`).
    @Nullable public var state: String? = nil

    enum CodingKeys: String, CodingKey {
      case path, id, title, kind, status, ask, via, deadline, due, overdue, line, action, state
      case daysLeft = "days_left"
      case workingHoursLeft = "working_hours_left"
    }
  }

  /// What an inbox item asks of its reader.
  public enum Action: String, Sendable, Encodable, Hashable {
    /// Answer the call to action (it names the handle or one of their teams).
    case respond
    /// Decide: the handle owns the document and its decision rule is met, or it is stuck.
    case decide
  }

  enum CodingKeys: String, CodingKey {
    case handle, teams, today, items
    case timeZone = "time_zone"
  }

  /// The inbox of `handle` (with or without `@`).
  ///
  /// - Parameters:
  ///   - today: the day to judge deadlines against; nil means today in the handle's zone.
  ///   - now: the current time, used only when `today` is nil.
  public init(for handle: String, in corpus: Corpus, today: Day? = nil, now: Date = Date()) {
    let handle = Person.handle(from: handle)
    let key = handle.lowercased()
    let people = corpus.people
    let person = people?.person(handle)
    let zoneName = person?.timeZone.flatMap { TimeZone(identifier: $0) == nil ? nil : $0 }
    let zone = zoneName.flatMap(TimeZone.init(identifier:)) ?? TimeZone(secondsFromGMT: 0)
    let teams = Inbox.teams(of: key, person: person, people: people)
    let teamKeys = Set(teams.map { $0.lowercased() })
    let day = today ?? Day.today(in: zone ?? .current, now: now)
    let schedule = people?.schedule(for: handle) ?? .standard
    let moment = today.map { schedule.moment(on: $0, minutes: 0) } ?? now
    var items: [Item] = []
    for document in corpus.documents {
      guard
        let section = CallToAction.openSection(of: document, schema: corpus.schema(of: document))
      else { continue }
      let deadline = CallToAction.deadline(of: document, section: section)?.value
      func item(via: String) -> Item {
        Item(
          path: document.path, id: document.identifier.text, title: document.displayTitle,
          kind: document.kind, status: document.status?.value,
          ask: section.text.trimmingWhitespace(), via: via,
          deadline: deadline?.description,
          due: deadline.flatMap { Inbox.endOfDay($0, in: zone) },
          daysLeft: deadline.map { $0.ordinal - day.ordinal },
          overdue: deadline.map { $0 < day } ?? false, line: section.line
        ).timed(by: handle, via: via, document: document, corpus: corpus, now: moment, zone: zone)
      }
      if let decision = Inbox.decision(document, owner: key, in: corpus, today: day) {
        var owed = item(via: handle)
        (owed.action, owed.state) = (.decide, decision)
        items.append(owed)
        continue
      }
      if let ledger = corpus.ledger(of: document), !ledger.owes(key) { continue }
      let responders = CallToAction.responders(in: section, people: people)
      guard
        let via = responders.first(where: { responder in
          let name = responder.lowercased()
          let last = name.split(separator: "/").last.map(String.init) ?? name
          return name == key || teamKeys.contains(name) || teamKeys.contains(last)
        })
      else { continue }
      items.append(item(via: via))
    }
    self.handle = handle
    self.teams = teams.sorted()
    self.timeZone = zoneName
    self.today = day.description
    self.items = items.sorted { a, b in
      switch (a.daysLeft, b.daysLeft) {
      case (let x?, let y?) where x != y: x < y
      case (.some, nil): true
      case (nil, .some): false
      default: a.path < b.path
      }
    }
  }

  /// The teams a handle (lower case) belongs to: `teams:` entries listing it, and its `team:`.
  static func teams(of key: String, person: Person?, people: People?) -> Set<String> {
    var teams = Set<String>()
    guard let people else { return teams }
    for (team, members) in people.teams where members.contains(where: { $0.lowercased() == key }) {
      teams.insert(team)
    }
    if let team = person?.team, !team.isEmpty { teams.insert(team) }
    return teams
  }

  /// What the owner of `document` must decide: its state under its kind's rule when that is
  /// ready or stuck and `owner` (lower case) owns it; nil otherwise.
  static func decision(_ document: Document, owner: String, in corpus: Corpus, today: Day)
    -> String?
  {
    guard document.owner?.value.lowercased() == owner,
      let state = corpus.decisionState(of: document, today: today)
    else { return nil }
    switch state.phase {
    case .ready: return "ready to \(state.outcome?.rawValue ?? "decide"): \(state.reason)"
    case .stuck: return "stuck: \(state.reason)"
    case .pending: return nil
    }
  }

  /// 23:59:59 on `day` in `zone`, as ISO 8601 with the zone's offset on that day.
  static func endOfDay(_ day: Day, in zone: TimeZone?) -> String? {
    let zone = zone ?? TimeZone(secondsFromGMT: 0)
    guard let zone else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let next = day.adding(days: 1)
    guard
      let start = calendar.date(
        from: DateComponents(year: next.year, month: next.month, day: next.day))
    else { return nil }
    let end = start.addingTimeInterval(-1)
    return ISODate.string(end, offsetMinutes: zone.secondsFromGMT(for: end) / 60)
  }

  /// The inbox as JSON (sorted keys).
  public func json() -> String {
    JSONOutput.encode(self)
  }

  /// The inbox as text for a terminal: a line per call to action, overdue marked.
  public func text() -> String {
    let zone = timeZone ?? "UTC"
    let reach = teams.isEmpty ? "" : " (or \(teams.map { "@" + $0 }.joined(separator: ", ")))"
    guard !items.isEmpty else {
      return "@\(handle)\(reach) owes no open calls to action\n"
    }
    let overdue = items.filter(\.overdue).count
    let decide = items.filter { $0.action == .decide }.count
    var lines = [
      "@\(handle)\(reach) owes \(items.count) call\(items.count == 1 ? "" : "s") to action"
        + (decide > 0 ? ", \(decide) to decide" : "")
        + (overdue > 0 ? ", \(overdue) overdue" : "") + "; deadlines in \(zone), today \(today)",
      "",
    ]
    for item in items {
      let when: String
      if let hours = item.workingHoursLeft, let due = item.due {
        let time = due.replacingOccurrences(of: "T", with: " ")
        let unit = abs(hours) == 1 ? "working hour" : "working hours"
        if item.overdue {
          when = hours < 0 ? "OVERDUE by \(-hours) \(unit) (due \(time))" : "OVERDUE (due \(time))"
        } else {
          when = "due in \(hours) \(unit) (\(time))"
        }
      } else if let days = item.daysLeft, let due = item.due {
        let time = due.replacingOccurrences(of: "T", with: " ")
        switch days {
        case ..<0: when = "OVERDUE by \(-days) day\(days == -1 ? "" : "s") (due \(time))"
        case 0: when = "due today (\(time))"
        default: when = "due in \(days) day\(days == 1 ? "" : "s") (\(time))"
        }
      } else {
        when = "no deadline"
      }
      let via =
        item.via.lowercased() == handle.lowercased()
        ? "" : " via @\(TerminalText.escaped(item.via))"
      if let state = item.state {
        lines.append("DECIDE: \(TerminalText.escaped(state))")
      } else {
        lines.append("\(when)\(via)")
      }
      let e = TerminalText.escaped
      lines.append("  \(e(item.id))  \(e(item.title))  \(e(item.path)):\(item.line)")
      let ask = e(item.ask.split(whereSeparator: \.isNewline).joined(separator: " "))
      lines.append("  " + (ask.count > 200 ? String(ask.prefix(199)) + "…" : ask))
      lines.append("")
    }
    return lines.joined(separator: "\n")
  }
}

extension Inbox.Item {
  /// The item with its due moment from the document's response window (`sla:`), when it has
  /// one and history says when the call to action named `via`: the later of the window's end
  /// and the deadline day's (`Corpus.responseDue`), with the working hours `handle` has left.
  func timed(
    by handle: String, via: String, document: Document, corpus: Corpus, now: Date, zone: TimeZone?
  ) -> Inbox.Item {
    guard ResponseWindow.of(document, configuration: corpus.configuration) != nil,
      corpus.namedAt(via, in: document) != nil,
      let due = corpus.responseDue(for: via, in: document)
    else { return self }
    var item = self
    let zone = zone ?? TimeZone(secondsFromGMT: 0) ?? .current
    item.due = ISODate.string(due, offsetMinutes: zone.secondsFromGMT(for: due) / 60)
    let seconds = corpus.workingSecondsLeft(for: handle, until: due, now: now)
    item.workingHoursLeft = Int((Double(seconds) / 3600).rounded())
    item.overdue = due < now
    let schedule = corpus.people?.schedule(for: handle) ?? .standard
    item.daysLeft = schedule.localDay(of: due).ordinal - schedule.localDay(of: now).ordinal
    return item
  }
}
