/// An ISO 8601 week: Monday to Sunday, numbered within the year its Thursday falls in, so
/// 2026-12-31 is in `2026-W53` and 2027-01-04 starts `2027-W01`.
public struct ISOWeek: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The week's first day.
  public let monday: Day

  /// The week a day falls in.
  public init(containing day: Day) {
    // Day 0 (1970-01-01) was a Thursday: its ISO weekday (Monday 1) is 4.
    let weekday = ((day.ordinal + 3) % 7 + 7) % 7 + 1
    monday = day.adding(days: 1 - weekday)
  }

  /// The week's last day.
  public var sunday: Day { monday.adding(days: 6) }

  /// The year the week is numbered in: its Thursday's.
  public var year: Int { monday.adding(days: 3).year }

  /// The week's number in its year, 1 to 53.
  public var number: Int {
    let thursday = monday.adding(days: 3)
    let first = Day(year: thursday.year, month: 1, day: 1)?.ordinal ?? thursday.ordinal
    return (thursday.ordinal - first) / 7 + 1
  }

  /// The week after this one.
  public var next: ISOWeek { ISOWeek(containing: monday.adding(days: 7)) }

  /// `2026-W49`.
  public var description: String {
    "\(year)-W" + (number < 10 ? "0" : "") + String(number)
  }

  public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool { lhs.monday < rhs.monday }
}
