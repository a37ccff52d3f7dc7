/// `baton.yml` cannot be used at all: a tool failure (exit status 2), not a content finding.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
  public var path: String
  public var line: Int
  public var column: Int
  public var message: String

  public init(path: String, line: Int, column: Int, message: String) {
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String {
    "\(path):\(line):\(column): \(message)"
  }
}
