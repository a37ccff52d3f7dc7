import BatonSupport

/// The parts of `baton.yml` that let it read a log in its own dialect: field aliases per kind,
/// and per collection a default status, excludes, folder documents and their meta file.
extension Configuration {
  /// The fields an alias may stand for.
  public static let aliasableFields = [
    "status", "date", "owner", "author", "deciders", "tags", "supersedes", "superseded-by",
    "respond-by", "title", "review-by", "reviewed", "team", "consulted", "informed",
  ]

  /// `fields: { date: [start-date, creation-date], owner: "Author(s)" }`: each Baton field and
  /// the names documents write it under, folded for matching.
  static func fieldAliases(
    _ value: YAMLValue, _ fail: (YAMLValue, String) -> ConfigurationError
  ) throws(ConfigurationError) -> [String: String] {
    guard let entries = value.entries else {
      throw fail(value, "'fields' must map Baton's field names to the names documents use")
    }
    var result: [String: String] = [:]
    for entry in entries {
      guard aliasableFields.contains(entry.key) else {
        throw fail(
          entry.value,
          "'\(entry.key)' is not a field that takes aliases: use one of "
            + aliasableFields.joined(separator: ", "))
      }
      guard let names = entry.value.strings ?? entry.value.string.map({ [$0] }) else {
        throw fail(entry.value, "the aliases of '\(entry.key)' must be a name or a list of names")
      }
      for name in names { result[KindSchema.foldFieldName(name)] = entry.key }
    }
    return result
  }

  /// Reads a collection's `default-status`, `exclude`, `layout` and `meta-file`.
  static func readDialect(
    _ value: YAMLValue, into collection: inout Collection,
    _ fail: (YAMLValue, String) -> ConfigurationError
  ) throws(ConfigurationError) {
    if let status = value["default-status"] {
      guard let text = status.string, !text.isEmpty else {
        throw fail(status, "'default-status' must be one status")
      }
      collection.defaultStatus = text.lowercased()
    }
    if let exclude = value["exclude"] {
      collection.excludes = try globs(exclude, "exclude", fail)
    }
    if let layout = value["layout"] {
      guard let known = layout.string.flatMap(Collection.Layout.init(rawValue:)) else {
        throw fail(layout, "'layout' must be 'files' or 'folders'")
      }
      collection.layout = known
    }
    if let meta = value["meta-file"] {
      guard let name = meta.string, !name.isEmpty, !name.contains("/") else {
        throw fail(meta, "'meta-file' must be a file name such as 'meta.yaml'")
      }
      collection.metaFile = name
      collection.layout = .folders
    }
  }

  /// A glob or a list of globs.
  static func globs(
    _ value: YAMLValue, _ key: String, _ fail: (YAMLValue, String) -> ConfigurationError
  ) throws(ConfigurationError) -> [String] {
    guard let list = value.strings ?? value.string.map({ [$0] }) else {
      throw fail(value, "'\(key)' must be a glob or a list of globs, such as '*.src.md'")
    }
    return list.filter { !$0.isEmpty }
  }

  /// The handbook's and its collections' exclude globs, each compiled once: Load asks about
  /// every document, and compiling a glob per document and pattern was a visible share of it.
  public func exclusions() -> Exclusions {
    Exclusions(
      root: root, handbook: excludes.map(Glob.init),
      collections: Dictionary(
        collections.map { ($0.name, $0.excludes.map(Glob.init)) },
        uniquingKeysWith: { first, _ in first }))
  }
}

/// Whether a repository path is excluded, by the handbook's globs or its collection's
/// (`Configuration.exclusions()`).
public struct Exclusions: Sendable {
  let root: String
  let handbook: [Glob]
  let collections: [String: [Glob]]

  public func contains(_ path: String, in collection: Collection) -> Bool {
    if let globs = collections[collection.name], !globs.isEmpty {
      let inside = collection.relative(path)
      if globs.contains(where: { $0.matches(inside) }) { return true }
    }
    guard !handbook.isEmpty else { return false }
    let underRoot = root.isEmpty ? path : String(path.dropFirst(root.count + 1))
    return handbook.contains { $0.matches(underRoot) }
  }
}
