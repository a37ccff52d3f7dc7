/// A template that does not parse: what is wrong, and where (1-based line and column, columns
/// counting UTF-8 bytes).
public struct TemplateSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
  public var message: String
  public var line: Int
  public var column: Int

  public init(message: String, line: Int, column: Int) {
    self.message = message
    self.line = line
    self.column = column
  }

  public var description: String { "line \(line), column \(column): \(message)" }
}
