/// A commit author after `.mailmap` is applied.
public struct Person: Sendable, Hashable, Codable {
  /// The canonical name.
  public let name: String
  /// The canonical email.
  public let email: String

  /// Creates a person.
  public init(name: String, email: String) {
    self.name = name
    self.email = email
  }
}
