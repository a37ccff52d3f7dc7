import BatonSupport

/// What the previous build rendered, so that pages whose inputs did not change are not rendered
/// again: for each page, what it read (`DependencyRecord`).
///
/// `baton build` fills it from the build state's records, each kept only while the output's
/// record (`SiteManifest`) says the file was written from it: a page found there comes back as
/// `SiteFile.kept` and the writer leaves the file in place. `baton serve` keeps the previous
/// site in memory and fills `bytes` too, so a page found comes back with its bytes.
public struct RenderCache: Sendable {
  /// What each page read, by path under the output folder.
  var records: [String: DependencyRecord]
  /// The bytes of those pages, when the cache holds them (in memory); nil when the output folder
  /// holds them.
  var bytes: [String: [UInt8]]?

  /// An empty cache: every page is rendered.
  public init() {
    self.records = [:]
  }

  init(records: [String: DependencyRecord], bytes: [String: [UInt8]]? = nil) {
    self.records = records
    self.bytes = bytes
  }

  /// A cache of a site rendered in memory: every page with a record, with its bytes.
  public init(site: RenderedSite) {
    var records: [String: DependencyRecord] = [:]
    var bytes: [String: [UInt8]] = [:]
    for file in site.files where !file.isKept {
      guard let record = file.record else { continue }
      records[file.path] = record
      bytes[file.path] = file.bytes
    }
    self.init(records: records, bytes: bytes)
  }

  /// A cache of the pages of an output folder: the records of the pages the output's record
  /// says were written from them.
  init(records: [String: DependencyRecord], output: SiteManifest) {
    var kept: [String: DependencyRecord] = [:]
    for (path, record) in records where output.entries[path]?.key == record.key {
      kept[path] = record
    }
    self.init(records: kept)
  }

  /// The previous file at `path`, when everything it read has the digest `table` gives now.
  func file(_ path: String, table: DependencyTable) -> SiteFile? {
    guard let record = records[path], record.isCurrent(in: table) else { return nil }
    let key = record.key
    guard let bytes else {
      var file = SiteFile.kept(path: path, key: key)
      file.record = record
      return file
    }
    guard let previous = bytes[path] else { return nil }
    return SiteFile(path: path, rendered: previous, key: key, record: record)
  }
}
