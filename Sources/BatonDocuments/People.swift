import BatonSupport

/// The people and teams of `people.yml`.
///
/// When the file exists every `@handle` and owner must resolve to a person or a team. Teams are
/// the `team:` values of people plus any entries of an optional `teams:` list.
public struct People: Sendable {
  /// Where the file is, relative to the repository.
  public let path: String
  public let people: [Person]
  /// Team handles and their members' handles.
  public let teams: [String: [String]]
  /// The line of each person's entry, for diagnostics.
  public let lines: [String: Int]
  /// When each person works, by lower-cased handle (see `schedule(for:)`).
  let schedules: [String: WorkingSchedule]
  /// The schedule of a handle the file gives none for: its top-level defaults.
  public let defaultSchedule: WorkingSchedule
  /// People by lower-cased handle, and lower-cased team handles: rules ask for every mention.
  private let byHandle: [String: Person]
  private let teamKeys: Set<String>
  /// Offsets in `people` by lower-cased e-mail and by lower-cased name, the first of each:
  /// commit authors are looked up for every answer and decision.
  private let byEmail: [String: Int]
  private let byName: [String: Int]
  /// The team handles in order, each lower-cased, and their lengths in UTF-8 bytes: a call to
  /// action names a team by writing its handle as a word (`CallToAction.responders`).
  public let teamWords: (handles: [(handle: String, folded: String)], lengths: Set<Int>)

  public init(
    path: String, people: [Person], teams: [String: [String]] = [:], lines: [String: Int] = [:],
    schedules: [String: WorkingSchedule] = [:], defaultSchedule: WorkingSchedule = .standard
  ) {
    self.path = path
    self.schedules = schedules
    self.defaultSchedule = defaultSchedule
    self.people = people
    self.teams = teams
    self.lines = lines
    self.byHandle = Dictionary(people.map { ($0.handle.lowercased(), $0) }) { first, _ in first }
    self.teamKeys = Set(teams.keys.map { $0.lowercased() })
    var byEmail: [String: Int] = [:]
    var byName: [String: Int] = [:]
    for (offset, person) in people.enumerated().reversed() {
      if let email = person.email { byEmail[email.lowercased()] = offset }
      if let name = person.name { byName[name.lowercased()] = offset }
    }
    self.byEmail = byEmail
    self.byName = byName
    let handles = teams.keys.sorted().map { (handle: $0, folded: $0.lowercased()) }
    self.teamWords = (handles, Set(handles.map(\.folded.utf8.count)))
  }

  /// The first person of the file with this e-mail or this name (case-insensitive), if any.
  public func person(email: String?, name: String?) -> Person? {
    let byMail = email.flatMap { byEmail[$0.lowercased()] } ?? Int.max
    let byWritten = name.flatMap { byName[$0.lowercased()] } ?? Int.max
    let first = Swift.min(byMail, byWritten)
    return first == Int.max ? nil : people[first]
  }

  /// The person with a handle (case-insensitive), if any.
  public func person(_ handle: String) -> Person? {
    byHandle[handle.lowercased()]
  }

  /// Whether a handle names a person or a team.
  public func knows(_ handle: String) -> Bool {
    let key = handle.lowercased()
    return byHandle[key] != nil || teamKeys.contains(key)
  }

  /// The handles a mention reaches: the person, or a team's members.
  public func members(of handle: String) -> [String] {
    if let person = person(handle) { return [person.handle] }
    return teams.first { $0.key.lowercased() == handle.lowercased() }?.value ?? []
  }

  /// Reads `people.yml`: a list of people, or `people:` (and optionally `teams:`) at the top.
  ///
  /// - Returns: the people, and diagnostics for entries that cannot be used.
  public static func parse(_ text: String, path: String) -> (People, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    func problem(_ line: Int, _ column: Int, _ message: String) {
      diagnostics.append(
        Diagnostic(
          .error, "people-file", message, at: SourceLocation(path: path, line: line, column: column)
        ))
    }
    let root: YAMLValue?
    do {
      root = try YAMLValue.parse(text)
    } catch {
      problem(error.line, error.column, "people file is not valid YAML: \(error.message)")
      return (People(path: path, people: []), diagnostics)
    }
    var list: [YAMLValue] = []
    var teamList: [YAMLValue] = []
    switch root {
    case .sequence(let items, _, _)?:
      list = items
    case .mapping?:
      if case .sequence(let items, _, _)? = root?["people"] { list = items }
      if case .sequence(let items, _, _)? = root?["teams"] { teamList = items }
    case nil:
      break
    default:
      problem(
        root?.line ?? 1, 1,
        "people file must be a list of people with 'handle', 'name', 'team' and 'timezone'")
    }
    var people: [Person] = []
    var teams: [String: [String]] = [:]
    var lines: [String: Int] = [:]
    var schedules: [String: WorkingSchedule] = [:]
    var defaults = WorkingSchedule.standard
    if let root, root.entries != nil {
      defaults = schedule(
        root, zone: root["timezone"]?.string, base: .standard, problem: problem)
    }
    for entry in list {
      guard let handle = entry["handle"]?.string.map(Person.handle(from:)), !handle.isEmpty else {
        problem(entry.line, entry.column, "person has no 'handle': add 'handle: name' to the entry")
        continue
      }
      if lines[handle.lowercased()] != nil {
        problem(entry.line, entry.column, "'\(handle)' is listed twice: keep one entry")
        continue
      }
      let zone = (entry["timezone"] ?? entry["time-zone"] ?? entry["tz"])?.string
      if let zone, !zone.isEmpty, !TimeZoneCheck.isKnown(zone) {
        problem(
          entry.line, entry.column,
          "'\(zone)' is not an IANA time zone: use a name such as 'Europe/Berlin'")
      }
      let team = entry["team"]?.string.map(Person.handle(from:))
      people.append(
        Person(
          handle: handle, name: entry["name"]?.string, team: team, timeZone: zone,
          email: entry["email"]?.string))
      lines[handle.lowercased()] = entry.line
      schedules[handle.lowercased()] = schedule(
        entry, zone: zone, base: defaults, problem: problem)
      if let team, !team.isEmpty { teams[team, default: []].append(handle) }
    }
    for entry in teamList {
      guard let handle = (entry["handle"]?.string ?? entry.string).map(Person.handle(from:)) else {
        continue
      }
      let members = entry["members"]?.strings?.map(Person.handle(from:)) ?? []
      teams[handle, default: []].append(contentsOf: members)
    }
    let result = People(
      path: path, people: people, teams: teams, lines: lines, schedules: schedules,
      defaultSchedule: defaults)
    return (result, diagnostics)
  }
}
