/// The id of a git object, as 40 lowercase hex digits.
public struct ObjectID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// The full hexadecimal id.
  public let hex: String

  /// Creates an id from its hexadecimal form; the caller guarantees it is a full id.
  public init(hex: String) {
    self.hex = hex.lowercased()
  }

  /// Creates an id from hex digits already known to be lowercase (skips the copy).
  init(lowercaseHex: String) {
    self.hex = lowercaseHex
  }

  /// The first seven hex digits, as `git log --oneline` shows them.
  public var short: String { String(hex.prefix(7)) }

  public var description: String { hex }

  public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.hex < rhs.hex }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    hex = try container.decode(String.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(hex)
  }
}
