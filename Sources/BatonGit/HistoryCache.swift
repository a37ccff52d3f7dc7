import Foundation

/// The on-disk history cache: the records of every commit that touched documents up to `head`.
///
/// Stored as JSON in `<cacheDirectory>/history-v1.json`, written atomically (temporary file, then
/// rename). It is trusted only for the same options, the same root commits (repository
/// identity), the same shallow boundary, and a `head` that is still an ancestor of the new head.
struct HistoryCache: Codable {
  static let version = 1
  static let fileName = "history-v1.json"

  var version: Int
  var head: String
  var roots: [String]
  var prefixes: [String]
  var extensions: [String]
  var shallowBoundary: [String]
  var walkedCommits: Int
  var records: [HistoryRecord]

  static func load(from directory: String) -> Result<HistoryCache, LoadFailure>? {
    let path = directory + "/" + fileName
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      let cache = try JSONDecoder().decode(HistoryCache.self, from: data)
      guard cache.version == version else {
        return .failure(LoadFailure(reason: "it has format version \(cache.version)"))
      }
      return .success(cache)
    } catch {
      return .failure(LoadFailure(reason: "it could not be read (\(error))"))
    }
  }

  /// Writes the cache atomically; returns a note when it could not.
  func save(to directory: String) -> String? {
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
      let data = try JSONEncoder().encode(self)
      try data.write(
        to: URL(fileURLWithPath: directory + "/" + HistoryCache.fileName), options: .atomic)
      return nil
    } catch {
      return "could not write the history cache in '\(directory)': \(error)"
    }
  }

  struct LoadFailure: Error {
    var reason: String
  }
}
