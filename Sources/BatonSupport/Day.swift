import Foundation

/// A calendar day with no time and no zone, as documents write dates.
///
/// Parses ISO `2024-03-01` (also with a time after it, which is dropped), day-first
/// `01/03/2024`, `1.3.2024` or `10/04/18`, and named months (`15 September 2021`,
/// `Sep 15, 2021`, `05-Jul-2001`); a slashed date whose first number is over 12 is read
/// month-first only when the second cannot be a month.
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
    guard let day = Day.numeric(text) ?? Day.words(text) else { return nil }
    self = day
  }

  /// `2024-03-01`, `01/03/2024`, `10/04/18` (two-digit years only with slashes).
  private static func numeric(_ text: String) -> Day? {
    // A byte scan: dates are read for every date-like run of every document, so this is hot.
    var bytes = Substring(text).utf8[...]
    while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
    while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
    // Three runs of digits split by `-`, `/` or `.` (runs of separators count as one).
    var values: [Int] = []
    var widths: [Int] = []
    var index = bytes.startIndex
    var inDigits = false
    var slashed = false
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
        slashed = slashed || byte == UInt8(ascii: "/")
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
    var (a, b, c) = (values[0], values[1], values[2])
    if widths[0] == 4 { return Day(year: a, month: b, day: c) }
    if widths[2] == 2, slashed, widths[0] <= 2, widths[1] <= 2 {
      c += c < 70 ? 2000 : 1900
    } else if widths[2] != 4 {
      return nil
    }
    // Day first, unless that is impossible and month first is not.
    if b > 12, a <= 12 { swap(&a, &b) }
    return Day(year: c, month: b, day: a)
  }

  /// `15 September 2021`, `15-Jul-2001`, `Sep 15, 2021`: a month's English name or its first
  /// three letters, with a day and a four-digit year.
  private static func words(_ text: String) -> Day? {
    guard text.utf8.contains(where: { $0.isASCIIUppercase || $0.isASCIILowercase }) else {
      return nil
    }
    let tokens = text.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
    guard tokens.count == 3 else { return nil }
    let month: Int
    let (dayToken, yearToken): (Substring, Substring)
    if let name = monthNumber(tokens[1]) {
      (month, dayToken, yearToken) = (name, tokens[0], tokens[2])
    } else if let name = monthNumber(tokens[0]) {
      (month, dayToken, yearToken) = (name, tokens[1], tokens[2])
    } else {
      return nil
    }
    guard yearToken.count == 4, let year = Int(yearToken), dayToken.count <= 2,
      let day = Int(dayToken)
    else { return nil }
    return Day(year: year, month: month, day: day)
  }

  private static let monthNames = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
  ]

  private static func monthNumber(_ token: Substring) -> Int? {
    let name = token.lowercased()
    guard name.count >= 3 else { return nil }
    if let index = monthNames.firstIndex(where: { $0 == name || $0.prefix(3) == name }) {
      return index + 1
    }
    return name == "sept" ? 9 : nil
  }

  /// Today in the given time zone.
  public static func today(in zone: TimeZone = .current, now: Date = Date()) -> Day {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let parts = calendar.dateComponents([.year, .month, .day], from: now)
    return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
      ?? Day.epoch
  }

  package static let epoch = Day(uncheckedYear: 1970, month: 1, day: 1)

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
