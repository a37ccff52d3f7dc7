/// A file of the search index, to be written under the site's root.
public struct SearchFile: Sendable, Hashable {
  /// The path relative to the site's root, under `search/` (`search/t/0f3k9q2mvu.js`).
  public var path: String
  /// The file's bytes.
  public var bytes: [UInt8]

  /// Creates a file.
  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }
}
