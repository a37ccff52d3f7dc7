import BatonConfig
import BatonGit
import BatonSupport
import Foundation

/// The status each older version of a decision had, kept between runs beside the history cache,
/// so that a build reads and parses only the versions it has not seen before.
///
/// A version is a blob, and a blob's status depends only on its bytes and on how statuses are
/// read. The file is therefore keyed by `key(_:)`: this format's version and every
/// status-tracked kind's statuses and sections. A file with another key, or damaged, is ignored
/// whole, and the statuses are read again. It holds the versions of the last run only, so it
/// does not grow with documents deleted since, and it is written atomically (temporary file,
/// then rename).
///
/// The format is text, one version per line:
///
///     baton-statuses 1 <key>
///     <blob id>\t<status, empty when the version has none>
///     end <number of versions>
struct StatusCache {
  static let fileName = "statuses-v1.txt"

  /// The status of each version by blob id; `nil` for a version that has none.
  var statuses: [ObjectID: String?]

  /// Changes whenever what `DocumentParser.status(of:)` reads may change for the same bytes:
  /// bump it with any change to status parsing, so a new Baton never trusts an older one's file.
  private static let format = "baton-statuses 1"

  /// The key for a configuration: the format and everything of a status-tracked kind that
  /// reading a status looks at (its statuses and its sections, which find `## Status`).
  static func key(_ configuration: Configuration) -> Digest {
    var hasher = StableHasher()
    hasher.combine(format)
    for name in configuration.kinds.keys.sorted() {
      guard let schema = configuration.kinds[name], LoadedHistory.tracksStatus(schema) else {
        continue
      }
      hasher.combine(name)
      hasher.combine(schema.statuses.count)
      for status in schema.statuses { hasher.combine(status) }
      hasher.combine(schema.sections.count)
      for section in schema.sections {
        hasher.combine(section.name)
        hasher.combine(section.role.rawValue)
        hasher.combine(section.aliases.count)
        for alias in section.aliases { hasher.combine(alias) }
      }
    }
    return hasher.finalize()
  }

  /// The cache in `directory` for `key`; empty when there is none, it has another key, or it is
  /// damaged.
  static func load(from directory: String, key: Digest) -> StatusCache {
    let empty = StatusCache(statuses: [:])
    guard let data = FileManager.default.contents(atPath: directory + "/" + fileName) else {
      return empty
    }
    let lines = Array(data).split(separator: 0x0A, omittingEmptySubsequences: false)
    // The header, at least the end line, and the empty remainder after the last newline.
    guard lines.count >= 3, lines.last?.isEmpty == true,
      String(decoding: lines[0], as: UTF8.self) == "\(format) \(key)",
      String(decoding: lines[lines.count - 2], as: UTF8.self) == "end \(lines.count - 3)"
    else { return empty }
    var statuses: [ObjectID: String?] = [:]
    statuses.reserveCapacity(lines.count - 3)
    for line in lines[1..<(lines.count - 2)] {
      guard line.count >= 41, line[line.startIndex + 40] == 0x09 else { return empty }
      let hex = line.prefix(40)
      guard hex.allSatisfy({ $0.isASCIIDigit || (0x61...0x66).contains($0) }) else { return empty }
      let status = line.dropFirst(41)
      statuses[ObjectID(hex: String(decoding: hex, as: UTF8.self))] =
        status.isEmpty ? String?.none : String(decoding: status, as: UTF8.self)
    }
    return StatusCache(statuses: statuses)
  }

  /// Writes the cache; returns a note when it could not.
  func save(to directory: String, key: Digest) -> String? {
    var text = "\(StatusCache.format) \(key)\n"
    var count = 0
    for (blob, status) in statuses.sorted(by: { $0.key < $1.key }) {
      // A status that cannot be written on one line, or that is empty, is read again next time.
      if let status, status.isEmpty || status.contains(where: { $0 == "\n" || $0 == "\t" }) {
        continue
      }
      text += blob.hex + "\t" + (status ?? "") + "\n"
      count += 1
    }
    text += "end \(count)\n"
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      try Data(text.utf8).write(
        to: URL(fileURLWithPath: directory + "/" + StatusCache.fileName), options: .atomic)
      return nil
    } catch {
      return "could not write the status cache in '\(directory)': \(error)"
    }
  }
}
