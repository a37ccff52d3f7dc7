import Foundation

/// ISO 8601 timestamps in the offset their author wrote them in, as `git log --date=iso-strict`
/// shows them: `2024-03-01T10:00:00+02:00`.
package enum ISODate {
  /// A date at an offset east of UTC, in minutes.
  package static func string(_ date: Date, offsetMinutes: Int) -> String {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offsetMinutes * 60
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let rest = seconds - days * 86_400
    let day = Day.epoch.adding(days: days)
    let sign = offsetMinutes < 0 ? "-" : "+"
    let offset = abs(offsetMinutes)
    let two = { (value: Int) in value < 10 ? "0\(value)" : String(value) }
    return day.description + "T" + two(rest / 3600) + ":" + two(rest % 3600 / 60) + ":"
      + two(rest % 60) + sign + two(offset / 60) + ":" + two(offset % 60)
  }
}
