/// One file of a rendered site, in memory: where it goes under the output folder and its bytes.
public struct SiteFile: Sendable, Hashable {
  /// The path under the output folder, with `/` separators and no leading `/`.
  public var path: String
  public var bytes: [UInt8]

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }

  public init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }
}
