/// A value read from a document, with the place it came from.
///
/// Metadata lives in several places in real repositories (front matter, a `## Status` section,
/// a bullet list under the title, a `Date:` line, the file name); remembering which lets a
/// diagnostic point at the value and `baton show` say where each value came from.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
  public var value: Value
  public var origin: ValueOrigin
  public var line: Int
  public var column: Int

  public init(_ value: Value, origin: ValueOrigin, line: Int, column: Int = 1) {
    self.value = value
    self.origin = origin
    self.line = line
    self.column = column
  }

  /// The value with another type, keeping the place.
  public func map<T: Sendable & Hashable>(_ transform: (Value) -> T) -> Located<T> {
    Located<T>(transform(value), origin: origin, line: line, column: column)
  }
}

/// Where a value was read from.
public enum ValueOrigin: String, Sendable, Hashable, Codable, CaseIterable {
  case frontMatter = "front matter"
  case statusSection = "status section"
  case bulletList = "bullet list"
  case dateLine = "date line"
  case heading = "heading"
  case fileName = "file name"
  case body = "body"
  /// A YAML file beside a folder document (`meta-file:`).
  case metaFile = "meta file"
  /// The collection's `default-status` in `baton.yml`.
  case configuration = "configuration"
}
