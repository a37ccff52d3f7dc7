import Foundation

/// IANA time zones, checked and applied to deadlines.
package enum TimeZoneCheck {
  package static func isKnown(_ identifier: String) -> Bool {
    TimeZone(identifier: identifier) != nil
  }
}
