import Foundation

/// IANA time zones, checked and applied to deadlines.
enum TimeZoneCheck {
  static func isKnown(_ identifier: String) -> Bool {
    TimeZone(identifier: identifier) != nil
  }
}
