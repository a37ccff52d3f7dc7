/// A person or team from `people.yml`.
public struct Person: Sendable, Hashable, Codable {
  /// The handle without `@`.
  public var handle: String
  public var name: String?
  public var team: String?
  /// IANA time zone, such as `Europe/Berlin`.
  public var timeZone: String?
  public var email: String?

  public init(
    handle: String, name: String? = nil, team: String? = nil, timeZone: String? = nil,
    email: String? = nil
  ) {
    self.handle = handle
    self.name = name
    self.team = team
    self.timeZone = timeZone
    self.email = email
  }

  /// The handle in a value such as `"@ada"`, `"ada"` or `"Ada Lovelace"` (kept as written).
  public static func handle(from text: String) -> String {
    var value = text.trimmingWhitespace()
    if value.hasPrefix("@") { value.removeFirst() }
    return value
  }
}
