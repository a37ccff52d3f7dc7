import BatonSupport
import Foundation

extension People {
  /// When a person works, for response windows: their time zone, working hours and working days
  /// from `people.yml`, each defaulting to the file's top-level `working-hours` and
  /// `working-days`, then to 09:00–17:00, Monday to Friday; the zone defaults to UTC.
  ///
  /// A team, or a handle `people.yml` does not list, works the file's default schedule.
  public func schedule(for handle: String) -> WorkingSchedule {
    schedules[handle.lowercased()] ?? defaultSchedule
  }

  /// The schedule of an entry of `people.yml` (a person, or the file's top level for the
  /// defaults), starting from `base`; values that cannot be read are reported through `problem`
  /// and left at `base`'s.
  static func schedule(
    _ entry: YAMLValue, zone: String?, base: WorkingSchedule,
    problem: (Int, Int, String) -> Void
  ) -> WorkingSchedule {
    var result = base
    if let zone, let known = TimeZone(identifier: zone) { result.timeZone = known }
    if let value = entry["working-hours"] ?? entry["hours"] {
      if let text = value.string, let (start, end) = workingHours(text) {
        result.start = start
        result.end = end
      } else {
        problem(
          value.line, value.column,
          "'\(value.string ?? "")' is not working hours: write them as '09:00-17:00'")
      }
    }
    if let value = entry["working-days"] ?? entry["days"] {
      if let list = value.strings, let days = workingDays(list) {
        result.days = days
      } else {
        problem(
          value.line, value.column,
          "working days must name weekdays, such as [mon, tue, wed, thu, fri] or 'sun-thu'")
      }
    }
    return result
  }

  /// `09:00-17:00` (or `9-17`, `09:00–17:30`) as minutes after midnight; nil when unreadable or
  /// when the day ends before it starts.
  static func workingHours(_ text: String) -> (Int, Int)? {
    let parts = text.split(whereSeparator: { $0 == "-" || $0 == "–" }).map {
      $0.trimmingWhitespace()
    }
    guard parts.count == 2, let start = clockMinutes(parts[0]), let end = clockMinutes(parts[1]),
      end > start, end <= 1440
    else { return nil }
    return (start, end)
  }

  private static func clockMinutes(_ text: String) -> Int? {
    let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
    guard (1...2).contains(pieces.count), let hours = Int(pieces[0]), (0...24).contains(hours)
    else { return nil }
    let minutes = pieces.count == 2 ? Int(pieces[1]) : 0
    guard let minutes, (0..<60).contains(minutes), hours * 60 + minutes <= 1440 else { return nil }
    return hours * 60 + minutes
  }

  private static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

  /// Weekday names (`mon`, `Monday`) and ranges (`mon-fri`, `sun-thu`) as ISO weekdays.
  static func workingDays(_ items: [String]) -> Set<Int>? {
    var days = Set<Int>()
    for item in items.flatMap({ $0.split(separator: ",") }) {
      let ends = item.split(separator: "-").map { weekday(String($0)) }
      switch ends.count {
      case 1:
        guard let day = ends[0] else { return nil }
        days.insert(day)
      case 2:
        guard let first = ends[0], let last = ends[1] else { return nil }
        var day = first
        days.insert(day)
        while day != last {
          day = day % 7 + 1
          days.insert(day)
        }
      default:
        return nil
      }
    }
    return days.isEmpty ? nil : days
  }

  private static func weekday(_ name: String) -> Int? {
    let key = name.trimmingWhitespace().lowercased()
    guard key.count >= 3 else { return nil }
    return weekdayNames.firstIndex { key.hasPrefix($0) }.map { $0 + 1 }
  }
}
