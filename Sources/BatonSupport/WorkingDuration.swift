/// A length of working time, as `baton.yml` writes a response window: `2h`, `30m`, `1d`,
/// `1h30m`, `2d4h`.
///
/// Hours and minutes are working hours and minutes; a day (`d`) is one working day of the
/// schedule it is counted in (eight hours for 09:00–17:00), so `1d` is "by the same time on the
/// next working day" whatever a person's hours are.
public struct WorkingDuration: Sendable, Hashable, CustomStringConvertible {
  public var days: Int
  public var minutes: Int

  public init(days: Int = 0, minutes: Int = 0) {
    self.days = days
    self.minutes = minutes
  }

  /// Reads `2h`, `30m`, `1d`, `1h30m`, `2d 4h` (units `d`, `h`, `m`, also spelled out); nil when
  /// the text is not such a duration.
  public init?(parsing text: String) {
    var days = 0
    var minutes = 0
    var number = ""
    var sawUnit = false
    var unit = ""
    func flush() -> Bool {
      guard !unit.isEmpty else { return true }
      guard let value = Int(number), value <= 100_000 else { return false }
      switch unit {
      case "d", "day", "days": days += value
      case "h", "hr", "hrs", "hour", "hours": minutes += value * 60
      case "m", "min", "mins", "minute", "minutes": minutes += value
      default: return false
      }
      sawUnit = true
      number = ""
      unit = ""
      return true
    }
    for character in text.lowercased() where character != " " {
      if character.isASCII, character.isNumber {
        guard flush() else { return nil }
        number.append(character)
      } else if character.isASCII, character.isLetter, !number.isEmpty {
        unit.append(character)
      } else {
        return nil
      }
    }
    guard flush(), number.isEmpty, sawUnit else { return nil }
    self.init(days: days, minutes: minutes)
  }

  /// The duration's working seconds in a schedule.
  public func seconds(in schedule: WorkingSchedule) -> Int {
    days * schedule.daySeconds + minutes * 60
  }

  /// `1d4h30m`, in the units it was given (`0m` for nothing).
  public var description: String {
    var text = days > 0 ? "\(days)d" : ""
    if minutes / 60 > 0 { text += "\(minutes / 60)h" }
    if minutes % 60 > 0 || text.isEmpty { text += "\(minutes % 60)m" }
    return text
  }
}
