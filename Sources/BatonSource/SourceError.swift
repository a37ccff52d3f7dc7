/// The repository cannot be read: a tool failure (exit status 2).
public struct SourceError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var path: String?

  public init(_ message: String, path: String? = nil) {
    self.message = message
    self.path = path
  }

  public var description: String {
    path.map { "\($0): \(message)" } ?? message
  }
}
