import Foundation

/// A calendar day with no time and no zone, as documents write dates.
///
/// Parses ISO `2024-03-01` (also with a time after it, which is dropped) and day-first
/// `01/03/2024` or `1.3.2024`; a slashed date whose first number is over 12 is read month-first
/// only when the second cannot be a month.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...Day.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Reads a date as written in a document; nil when it is not one.
  public init?(parsing text: String) {
    // A byte scan: dates are read for every date-like run of every document, so this is hot.
    var bytes = Substring(text).utf8[...]
    while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
    while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
    // Three runs of digits split by `-`, `/` or `.` (runs of separators count as one).
    var values: [Int] = []
    var widths: [Int] = []
    var index = bytes.startIndex
    var inDigits = false
    while index < bytes.endIndex {
      let byte = bytes[index]
      if byte.isASCIIDigit {
        if !inDigits {
          values.append(0)
          widths.append(0)
          inDigits = true
        }
        widths[widths.count - 1] += 1
        guard widths[widths.count - 1] <= 9 else { return nil }
        values[values.count - 1] = values[values.count - 1] * 10 + Int(byte - 0x30)
      } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".")
      {
        inDigits = false
      } else {
        break
      }
      index = bytes.index(after: index)
    }
    // What follows the date may only be a time ("2024-03-01T10:00", "2024-03-01 10:00").
    if index < bytes.endIndex, bytes[index] != UInt8(ascii: "T"), bytes[index] != 0x20 {
      return nil
    }
    guard values.count == 3 else { return nil }
    let (a, b, c) = (values[0], values[1], values[2])
    if widths[0] == 4 {
      self.init(year: a, month: b, day: c)
    } else if widths[2] == 4 {
      if b > 12, a <= 12 {
        self.init(year: c, month: a, day: b)
      } else {
        self.init(year: c, month: b, day: a)
      }
    } else {
      return nil
    }
  }

  /// Today in the given time zone.
  public static func today(in zone: TimeZone = .current, now: Date = Date()) -> Day {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let parts = calendar.dateComponents([.year, .month, .day], from: now)
    return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
      ?? Day.epoch
  }

  static let epoch = Day(uncheckedYear: 1970, month: 1, day: 1)

  private init(uncheckedYear year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Days since 1970-01-01 (proleptic Gregorian), for differences between days.
  public var ordinal: Int {
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  /// The day `count` days after this one.
  public func adding(days count: Int) -> Day {
    let z = ordinal + count + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    return Day(uncheckedYear: y, month: m, day: d)
  }

  /// `YYYY-MM-DD`, written digit by digit (a site writes hundreds of thousands of dates; a
  /// format string went through Foundation for each).
  public var description: String {
    guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
      return String(format: "%04d-%02d-%02d", year, month, day)
    }
    return String(unsafeUninitializedCapacity: 10) { buffer in
      func put(_ value: Int, _ digits: Int, at offset: Int) {
        var value = value
        for index in stride(from: offset + digits - 1, through: offset, by: -1) {
          buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
          value /= 10
        }
      }
      put(year, 4, at: 0)
      buffer[4] = UInt8(ascii: "-")
      put(month, 2, at: 5)
      buffer[7] = UInt8(ascii: "-")
      put(day, 2, at: 8)
      return 10
    }
  }

  public static func < (lhs: Day, rhs: Day) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}
