import BatonSupport

/// What the previous build rendered, so that pages whose inputs did not change are not rendered
/// again.
///
/// `baton build` fills it from the record of the output folder (`SiteManifest`), which holds keys
/// but not bytes: a page found there comes back as `SiteFile.kept` and the writer leaves the
/// file in place. `baton serve` keeps the previous site in memory and fills `bytes` too, so a
/// page found comes back with its bytes.
public struct RenderCache: Sendable {
  /// The key each page was rendered from, by path under the output folder.
  public var keys: [String: Digest]
  /// The bytes of those pages, when the cache holds them (in memory); nil when the output folder
  /// holds them.
  public var bytes: [String: [UInt8]]?

  public init(keys: [String: Digest] = [:], bytes: [String: [UInt8]]? = nil) {
    self.keys = keys
    self.bytes = bytes
  }

  /// A cache of a site rendered in memory: every page with a key, with its bytes.
  public init(site: RenderedSite) {
    var keys: [String: Digest] = [:]
    var bytes: [String: [UInt8]] = [:]
    for file in site.files where !file.isKept {
      guard let key = file.key else { continue }
      keys[file.path] = key
      bytes[file.path] = file.bytes
    }
    self.init(keys: keys, bytes: bytes)
  }

  /// The previous file for a page rendered from `key`, if the cache has it.
  func file(_ path: String, key: Digest) -> SiteFile? {
    guard keys[path] == key else { return nil }
    guard let bytes else { return .kept(path: path, key: key) }
    guard let previous = bytes[path] else { return nil }
    return SiteFile(path: path, bytes: previous, key: key)
  }
}
