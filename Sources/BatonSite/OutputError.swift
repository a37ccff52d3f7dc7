/// The site cannot be written: a tool failure (exit status 2).
public struct OutputError: Error, Sendable, CustomStringConvertible {
  /// The file or folder concerned.
  public var path: String
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { "\(path): \(message)" }
}
