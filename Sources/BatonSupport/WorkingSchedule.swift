import Foundation

/// When one person works: a time zone, the hours of a working day and the working days of the
/// week. Response windows are counted in it.
///
/// Hours are local clock times, so a working day keeps its hours across a daylight-saving
/// change (09:00–17:00 is eight hours on the Monday after the clocks move, as on any other);
/// the moments themselves are real instants, so the length of a window never depends on the
/// zone it is shown in. A day's hours run from `start` to `end` on the same day (no shift past
/// midnight).
public struct WorkingSchedule: Sendable, Hashable {
  public var timeZone: TimeZone
  /// The start of a working day, in minutes after local midnight.
  public var start: Int
  /// The end of a working day, in minutes after local midnight (at most 24:00), after `start`.
  public var end: Int
  /// Working days, ISO numbered: 1 is Monday, 7 is Sunday.
  public var days: Set<Int>

  /// 09:00 to 17:00, Monday to Friday, in UTC: a person `people.yml` says nothing about.
  public static let standard = WorkingSchedule(
    checkedZone: TimeZone(secondsFromGMT: 0) ?? .current, start: 9 * 60, end: 17 * 60,
    days: [1, 2, 3, 4, 5])

  private init(checkedZone: TimeZone, start: Int, end: Int, days: Set<Int>) {
    self.timeZone = checkedZone
    self.start = start
    self.end = end
    self.days = days
  }

  /// A schedule; nil when it has no working time (no day, or a day that ends before it starts).
  public init?(timeZone: TimeZone, start: Int, end: Int, days: Set<Int>) {
    guard (0..<1440).contains(start), end > start, end <= 1440, !days.isEmpty,
      days.allSatisfy((1...7).contains)
    else { return nil }
    self.init(checkedZone: timeZone, start: start, end: end, days: days)
  }

  /// The length of one working day, in seconds.
  public var daySeconds: Int { (end - start) * 60 }

  /// The moment `seconds` of working time after `moment`.
  ///
  /// Time outside working hours does not count: a window opened on a Friday evening starts at
  /// Monday's first working hour. A window that ends exactly at the close of a day ends then,
  /// not at the next day's opening.
  public func adding(workingSeconds seconds: Int, to moment: Date) -> Date {
    var remaining = max(0, seconds)
    guard remaining > 0 else { return moment }
    var day = localDay(of: moment)
    // Each turn consumes a working day or ends; a week always holds a working day.
    while true {
      if let (open, close) = hours(on: day) {
        let from = max(open, moment)
        let available = close.timeIntervalSince(from)
        if available > 0 {
          if Double(remaining) <= available { return from.addingTimeInterval(Double(remaining)) }
          remaining -= Int(available)
        }
      }
      day = day.adding(days: 1)
    }
  }

  /// The working time between two moments, in seconds; negative when `end` is before `start`.
  public func workingSeconds(from start: Date, to end: Date) -> Int {
    guard start <= end else { return -workingSeconds(from: end, to: start) }
    var total = 0.0
    var day = localDay(of: start)
    let last = localDay(of: end)
    while day <= last {
      if let (open, close) = hours(on: day) {
        let from = max(open, start)
        let to = min(close, end)
        if to > from { total += to.timeIntervalSince(from) }
      }
      day = day.adding(days: 1)
    }
    return Int(total.rounded())
  }

  /// The opening and closing moments of a day, or nil when it is not a working day.
  public func hours(on day: Day) -> (open: Date, close: Date)? {
    guard days.contains(Self.weekday(of: day)) else { return nil }
    return (moment(on: day, minutes: start), moment(on: day, minutes: end))
  }

  /// The ISO weekday of a day: 1 is Monday, 7 is Sunday (1970-01-01 was a Thursday).
  public static func weekday(of day: Day) -> Int {
    let remainder = (day.ordinal + 3) % 7
    return (remainder < 0 ? remainder + 7 : remainder) + 1
  }

  /// The local calendar day holding a moment.
  public func localDay(of moment: Date) -> Day {
    let seconds =
      Int(moment.timeIntervalSince1970.rounded(.down))
      + timeZone.secondsFromGMT(for: moment)
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    return Day.epoch.adding(days: days)
  }

  /// The instant a local clock in the zone shows `minutes` after midnight on `day`.
  ///
  /// A clock time skipped by a change to summer time is read with the offset before the
  /// change (02:30 on a spring-forward night is 03:30 summer time), as clocks on walls read it.
  public func moment(on day: Day, minutes: Int) -> Date {
    let local = Double(day.ordinal * 86_400 + minutes * 60)
    let guess = local - Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local)))
    let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: guess))
    let settled = local - Double(offset)
    let check = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: settled))
    guard check != offset else { return Date(timeIntervalSince1970: settled) }
    // In a gap the two offsets disagree: the earlier offset names the later instant.
    return Date(timeIntervalSince1970: local - Double(min(offset, check)))
  }
}
