/// An optional that JSON reports always write: `null` when absent, never a missing key.
///
/// Swift's synthesized `Encodable` skips nil optionals; the JSON contracts (`baton list`,
/// `documents.json`, `baton show`, `baton inbox`, `baton search`) promise every key, so their
/// optional fields are declared `@Nullable` instead of each type writing its own `encode(to:)`.
@propertyWrapper
public struct Nullable<Value: Encodable & Sendable>: Encodable, Sendable {
  public var wrappedValue: Value?

  public init(wrappedValue: Value?) {
    self.wrappedValue = wrappedValue
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if let value = wrappedValue { try container.encode(value) } else { try container.encodeNil() }
  }
}

extension Nullable: Equatable where Value: Equatable {}
extension Nullable: Hashable where Value: Hashable {}
