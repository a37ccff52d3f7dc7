import Foundation
import Testing

@testable import BatonCorpus
@testable import BatonSite
@testable import BatonSupport

/// Fast paths of the site's small helpers must give what the plain reading they replaced gives:
/// the day of a commit counted without `Calendar`, dates written without a format string,
/// field labels spelled out on bytes.
@Suite struct SiteDayTests {
  @Test func fieldLabelsAreTheKeysSpelledOut() {
    for key in ["respond-by", "owner", "decision-makers", "", "-lead", "Already", "été-x", "a"] {
      let spaced = key.replacingOccurrences(of: "-", with: " ")
      #expect(SiteRenderer.label(key) == spaced.prefix(1).uppercased() + spaced.dropFirst())
    }
  }

  @Test func daysAreWrittenAsTheFormatStringWroteThem() throws {
    for (year, month, day) in [
      (1, 1, 1), (999, 9, 9), (2024, 2, 29), (2026, 11, 24), (9999, 12, 31),
    ] {
      let value = try #require(Day(year: year, month: month, day: day))
      #expect(value.description == String(format: "%04d-%02d-%02d", year, month, day))
    }
  }

  @Test func countedDaysMatchTheCalendar() throws {
    var seconds: Double = 0
    var offset = -14 * 60
    while seconds < 4_200_000_000 {
      let event = DocumentHistory.Event(
        commit: "c", authorName: "a", authorEmail: "e",
        date: Date(timeIntervalSince1970: seconds), timeZoneOffsetMinutes: offset,
        subject: "s")
      let zone = try #require(TimeZone(secondsFromGMT: offset * 60))
      #expect(SiteRenderer.day(of: event) == Day.today(in: zone, now: event.date))
      seconds += 86_400 * 17.37 + 3_599.5
      offset = offset >= 14 * 60 ? -14 * 60 : offset + 45
    }
  }
}
