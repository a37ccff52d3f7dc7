/// A YAML value with the line and column of each node, independent of Yams' own types.
///
/// Front matter and `baton.yml` are composed into this tree (never decoded into typed values by
/// Yams), so scalars keep their text as written (`2024-03-01` stays a string) and every value can
/// point at its line.
public indirect enum YAMLValue: Sendable, Hashable {
  case scalar(String, line: Int, column: Int)
  case sequence([YAMLValue], line: Int, column: Int)
  case mapping([YAMLEntry], line: Int, column: Int)

  /// The 1-based line of the node, relative to the YAML text.
  public var line: Int {
    switch self {
    case .scalar(_, let line, _), .sequence(_, let line, _), .mapping(_, let line, _): line
    }
  }

  /// The 1-based column of the node.
  public var column: Int {
    switch self {
    case .scalar(_, _, let column), .sequence(_, _, let column), .mapping(_, _, let column):
      column
    }
  }

  /// The scalar's text, or nil for collections and YAML nulls.
  public var string: String? {
    guard case .scalar(let text, _, _) = self else { return nil }
    return text
  }

  /// A scalar as a one-element list, a sequence of scalars as a list; nil otherwise.
  public var strings: [String]? {
    switch self {
    case .scalar(let text, _, _):
      text.isEmpty ? [] : [text]
    case .sequence(let items, _, _):
      items.compactMap(\.string)
    case .mapping:
      nil
    }
  }

  /// The entries of a mapping; nil for other nodes.
  public var entries: [YAMLEntry]? {
    guard case .mapping(let entries, _, _) = self else { return nil }
    return entries
  }

  /// The value for a key of a mapping.
  public subscript(key: String) -> YAMLValue? {
    entries?.first { $0.key == key }?.value
  }

  /// Composes YAML text into a located tree.
  ///
  /// Aliases are expanded within a budget, and nesting is limited (see `YAMLComposer`).
  ///
  /// - Throws: `YAMLSyntaxError` with the line and column the parser stopped at.
  public static func parse(_ text: String) throws(YAMLSyntaxError) -> YAMLValue? {
    try YAMLComposer.compose(text)
  }
}

/// One key of a YAML mapping, in document order.
public struct YAMLEntry: Sendable, Hashable {
  public var key: String
  public var keyLine: Int
  public var keyColumn: Int
  public var value: YAMLValue
}

/// A YAML text that does not parse, with the parser's own message and position.
public struct YAMLSyntaxError: Error, Sendable, Hashable {
  public var message: String
  public var line: Int
  public var column: Int

  init(message: String, line: Int, column: Int) {
    self.message = message
    self.line = line
    self.column = column
  }
}
