/// A place in a Markdown source file.
///
/// Lines and columns are 1-based. The column counts UTF-8 bytes from the start of the line, not
/// characters, because that is what cmark-gfm reports and what editors and SARIF accept when they
/// are told the encoding. An end position is inclusive (it points at the last byte of the node);
/// cmark-gfm reports a block that ends on a line break as column 0 of the following line.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The 1-based line number.
  public var line: Int
  /// The 1-based column, counted in UTF-8 bytes.
  public var column: Int

  /// Creates a position from a 1-based line and a 1-based UTF-8 byte column.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }

  /// `line:column`, as used in diagnostics.
  public var description: String { "\(line):\(column)" }
}
