import BatonSupport

/// One file of a rendered site, in memory: where it goes under the output folder and its bytes.
public struct SiteFile: Sendable, Hashable {
  /// The path under the output folder, with `/` separators and no leading `/`.
  public var path: String
  /// The file's bytes; empty when `isKept` or `isWritten`.
  public var bytes: [UInt8]
  /// The key of what the page read as it was rendered (`DependencyRecord.key`), when it is a
  /// cacheable page; nil for feeds, assets and other files rebuilt every time.
  public var key: Digest?
  /// What the page read as it was rendered, for the next build's render cache; not part of the
  /// file's identity.
  var record: DependencyRecord?
  /// True when the render cache said the previous build's file at this path is still right:
  /// its bytes were not rendered, and the writer keeps the file already in the output folder.
  public var isKept: Bool
  /// True when the file is already in the folder a streamed write is making
  /// (`SiteWriter.Stream.put`): its bytes were written there and are not held.
  public internal(set) var isWritten = false
  /// What a streamed write kept of the file as it put it (`SiteWriter.Stream.put`): the digest
  /// and stamp the output's record takes, carried with the file to `finish` instead of kept in
  /// tables by path. Not part of the file's identity.
  var placed: SiteWriter.Placement?

  public init(path: String, bytes: [UInt8], key: Digest? = nil) {
    self.path = path
    self.bytes = SiteFile.fitted(bytes)
    self.key = key
    self.isKept = false
  }

  /// A page with its bytes as rendered (or as the last render left them), not `fitted`: a
  /// streamed write drops them once written, so the render fits them only when the site holds
  /// them (`fit()`).
  init(path: String, rendered bytes: [UInt8], key: Digest, record: DependencyRecord) {
    self.path = path
    self.bytes = bytes
    self.key = key
    self.isKept = false
    self.record = record
  }

  /// Puts the bytes in a buffer of their own size when theirs has much room to spare.
  mutating func fit() {
    bytes = SiteFile.fitted(bytes)
  }

  public static func == (a: SiteFile, b: SiteFile) -> Bool {
    (a.path, a.bytes, a.key, a.isKept, a.isWritten) == (
      b.path, b.bytes, b.key, b.isKept, b.isWritten
    )
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(path)
    hasher.combine(bytes)
    hasher.combine(key)
    hasher.combine(isKept)
    hasher.combine(isWritten)
  }

  /// The bytes in a buffer of their own size when theirs has much room to spare. Rendering
  /// appends, and an array that grows by doubling keeps up to as much room as it uses; a site
  /// holds every file in memory until the last is written, so on a handbook of tens of
  /// thousands of pages that room is hundreds of megabytes. Copying a page costs far less
  /// than rendering it.
  static func fitted(_ bytes: [UInt8]) -> [UInt8] {
    guard bytes.capacity - bytes.count > max(1024, bytes.count / 8) else { return bytes }
    return bytes.withUnsafeBufferPointer { Array($0) }
  }

  public init(path: String, text: String, key: Digest? = nil) {
    self.init(path: path, bytes: Array(text.utf8), key: key)
  }

  /// A file already written by a streamed write, without its bytes; `placed` says what the
  /// write kept of it for the output's record.
  static func written(path: String, key: Digest?, placed: SiteWriter.Placement? = nil)
    -> SiteFile
  {
    var file = SiteFile(path: path, bytes: [], key: key)
    file.isWritten = true
    file.placed = placed
    return file
  }

  /// A page whose previous output is still right, left as it is in the output folder.
  public static func kept(path: String, key: Digest?) -> SiteFile {
    var file = SiteFile(path: path, bytes: [], key: key)
    file.isKept = true
    return file
  }
}
