import BatonDocuments
import BatonSupport
import Foundation
import Testing

/// Response windows counted in working time: weekends, evenings, several days, daylight saving.
@Suite struct WorkingScheduleTests {
  static func schedule(
    _ zone: String, hours: (Int, Int) = (9, 17), days: Set<Int> = [1, 2, 3, 4, 5]
  ) throws -> WorkingSchedule {
    let timeZone = try #require(TimeZone(identifier: zone))
    return try #require(
      WorkingSchedule(timeZone: timeZone, start: hours.0 * 60, end: hours.1 * 60, days: days))
  }

  /// An instant written in ISO 8601 (a typo gives the distant past, which no expectation meets).
  static func moment(_ text: String) -> Date {
    ISO8601DateFormatter().date(from: text) ?? .distantPast
  }

  static let hour = 3600

  @Test func aWindowWithinOneDayEndsTheSameDay() throws {
    let berlin = try Self.schedule("Europe/Berlin")
    // Monday 2026-11-23 15:00 in Berlin (UTC+1).
    let named = Self.moment("2026-11-23T14:00:00Z")
    #expect(
      berlin.adding(workingSeconds: 2 * Self.hour, to: named) == Self.moment("2026-11-23T16:00:00Z")
    )
  }

  @Test func aWindowThatFillsTheDayEndsAtTheCloseNotTheNextOpening() throws {
    let utc = try Self.schedule("UTC")
    let monday = Self.moment("2026-11-23T09:00:00Z")
    #expect(
      utc.adding(workingSeconds: 8 * Self.hour, to: monday) == Self.moment("2026-11-23T17:00:00Z"))
    #expect(
      utc.adding(workingSeconds: 24 * Self.hour, to: monday) == Self.moment("2026-11-25T17:00:00Z"))
  }

  @Test func theWeekendDoesNotCount() throws {
    let utc = try Self.schedule("UTC")
    // Friday 2026-11-27 16:00: one hour on Friday, one on Monday.
    let friday = Self.moment("2026-11-27T16:00:00Z")
    let due = utc.adding(workingSeconds: 2 * Self.hour, to: friday)
    #expect(due == Self.moment("2026-11-30T10:00:00Z"))
    #expect(utc.workingSeconds(from: friday, to: due) == 2 * Self.hour)
    // Named on Saturday evening: the window opens on Monday morning.
    let saturday = Self.moment("2026-11-28T20:00:00Z")
    #expect(
      utc.adding(workingSeconds: 2 * Self.hour, to: saturday) == Self.moment("2026-11-30T11:00:00Z")
    )
  }

  @Test func aWeekendThatEndsSummerTimeKeepsMondaysLocalHours() throws {
    let berlin = try Self.schedule("Europe/Berlin")
    // Friday 2026-10-23 16:00 CEST (UTC+2); the clocks go back on Sunday 25 October.
    let friday = Self.moment("2026-10-23T14:00:00Z")
    let due = berlin.adding(workingSeconds: 2 * Self.hour, to: friday)
    // Monday 10:00 CET is 09:00 UTC; counted at Friday's offset it would be 08:00 UTC.
    #expect(due == Self.moment("2026-10-26T09:00:00Z"))
    #expect(berlin.workingSeconds(from: friday, to: due) == 2 * Self.hour)
  }

  @Test func aWindowOfSeveralDaysAcrossTheStartOfSummerTime() throws {
    let newYork = try Self.schedule("America/New_York")
    // Friday 2026-03-06 16:00 EST (UTC-5); clocks go forward on Sunday 8 March.
    let friday = Self.moment("2026-03-06T21:00:00Z")
    let due = newYork.adding(workingSeconds: 24 * Self.hour, to: friday)
    // 1 h Friday, 8 Monday, 8 Tuesday, 7 Wednesday: Wednesday 16:00 EDT (UTC-4).
    #expect(due == Self.moment("2026-03-11T20:00:00Z"))
    #expect(newYork.workingSeconds(from: friday, to: due) == 24 * Self.hour)
  }

  @Test func aWorkingWeekFromSundayToThursday() throws {
    let days = People.parse(
      "people:\n  - handle: dana\n    timezone: Asia/Jerusalem\n    working-days: sun-thu\n",
      path: "people.yml"
    ).0.schedule(for: "dana").days
    #expect(days == [7, 1, 2, 3, 4])
    let jerusalem = try Self.schedule("Asia/Jerusalem", days: days)
    // Thursday 2026-11-26 16:00 (UTC+2) plus 2 h: Friday and Saturday are off.
    let thursday = Self.moment("2026-11-26T14:00:00Z")
    #expect(
      jerusalem.adding(workingSeconds: 2 * Self.hour, to: thursday)
        == Self.moment("2026-11-29T08:00:00Z"))
  }

  @Test func workingSecondsInvertsAddingAcrossAYearInSeveralZones() throws {
    let zones = ["Europe/London", "America/Los_Angeles", "Australia/Sydney", "Asia/Kolkata"]
    var generator = SystemRandomNumberGenerator()
    let start = Self.moment("2026-01-01T00:00:00Z")
    for zone in zones {
      let schedule = try Self.schedule(zone, hours: (8, 18))
      for _ in 0..<200 {
        let moment = start.addingTimeInterval(
          Double(Int.random(in: 0..<31_536_000, using: &generator)))
        let seconds = Int.random(in: 0..<(60 * Self.hour), using: &generator)
        let due = schedule.adding(workingSeconds: seconds, to: moment)
        #expect(schedule.workingSeconds(from: moment, to: due) == seconds, "\(zone) \(moment)")
        #expect(due >= moment)
      }
    }
  }

  @Test func durationsReadAsWorkingTime() throws {
    let utc = try Self.schedule("UTC", hours: (9, 15))
    #expect(WorkingDuration(parsing: "2h")?.seconds(in: utc) == 7200)
    #expect(WorkingDuration(parsing: "1h30m")?.seconds(in: utc) == 5400)
    #expect(WorkingDuration(parsing: "1d")?.seconds(in: utc) == 6 * Self.hour)
    #expect(WorkingDuration(parsing: "2d 4h")?.description == "2d4h")
    #expect(WorkingDuration(parsing: "24") == nil)
    #expect(WorkingDuration(parsing: "1.5h") == nil)
    #expect(WorkingDuration(parsing: "h2") == nil)
  }

  @Test func peopleFileSchedulesWithDefaultsAndProblems() throws {
    let (people, problems) = People.parse(
      """
      working-hours: "08:00-16:00"
      people:
        - handle: ada
          timezone: Europe/London
        - handle: kenji
          timezone: Asia/Tokyo
          working-hours: 10:00-18:30
          working-days: [mon, tue, wed, thu]
        - handle: bad
          working-hours: nine to five
      """, path: "people.yml")
    #expect(
      problems.map(\.message) == [
        "'nine to five' is not working hours: write them as '09:00-17:00'"
      ])
    #expect(problems.first?.location.line == 10)
    let ada = people.schedule(for: "@ada".dropFirst().description)
    #expect(ada.timeZone.identifier == "Europe/London")
    #expect((ada.start, ada.end, ada.days) == (480, 960, [1, 2, 3, 4, 5]))
    let kenji = people.schedule(for: "Kenji")
    #expect((kenji.start, kenji.end, kenji.days) == (600, 1110, [1, 2, 3, 4]))
    #expect(people.schedule(for: "nobody").start == 480)
  }
}
