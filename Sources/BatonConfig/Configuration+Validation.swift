import BatonSupport

extension Configuration {
  /// The largest `baton.yml` read; a larger one is an error.
  public static let maxFileBytes = 1_048_576

  /// Checks the values `parse` takes as written: the people file and the collections' folders
  /// must stay inside the repository and out of `.git`, and `base-url` must be an absolute
  /// `http(s)` address. A value that breaks one of these is an error at its line, never a
  /// setting silently ignored.
  ///
  /// - Parameters:
  ///   - document: `baton.yml` as parsed.
  ///   - path: `baton.yml`'s path relative to the repository.
  static func validate(_ document: YAMLValue, path: String) throws(ConfigurationError) {
    let root = path.split(separator: "/").dropLast().map(String.init)
    for entry in document.entries ?? [] {
      let value = entry.value
      func fail(_ message: String) -> ConfigurationError {
        ConfigurationError(path: path, line: value.line, column: value.column, message: message)
      }
      switch entry.key {
      case "people":
        if let text = value.string, !text.isEmpty,
          let problem = pathProblem(text, root: root)
        {
          throw fail("'people: \(text)' \(problem): name a file inside the repository")
        }
      case "collections":
        for collection in value.entries ?? [] {
          guard let folder = collection.value["path"], let text = folder.string else { continue }
          if let problem = pathProblem(text, root: root) {
            throw ConfigurationError(
              path: path, line: folder.line, column: folder.column,
              message:
                "collection '\(collection.key)' has 'path: \(text)', which \(problem): name a "
                + "folder inside the repository")
          }
        }
      case "base-url":
        if let text = value.string, let problem = baseURLProblem(text) {
          throw fail("'base-url: \(text)' \(problem)")
        }
      default:
        continue
      }
    }
  }

  /// Why a path from `baton.yml` (relative to the folder holding it, whose components are
  /// `root`) cannot be used, or nil when it can.
  static func pathProblem(_ text: String, root: [String]) -> String? {
    if text.hasPrefix("/") || text.hasPrefix("~") { return "is absolute" }
    var depth = root.count
    for part in text.split(separator: "/", omittingEmptySubsequences: true) {
      switch part {
      case ".": continue
      case "..":
        guard depth > 0 else { return "leaves the repository" }
        depth -= 1
      case ".git": return "points into git's own folder"
      default: depth += 1
      }
    }
    return nil
  }

  /// Why `base-url` (from `baton.yml` or `--base-url`) cannot be used, or nil when it can.
  ///
  /// It must be `http://` or `https://`, a host, and a path without empty segments (`//`), and
  /// no query, fragment, quotes, spaces or control characters: the address is written into
  /// every page's canonical link and the 404 page's script address, where anything else could
  /// point the site's pages at another origin.
  public static func baseURLProblem(_ text: String) -> String? {
    let lower = text.lowercased()
    let scheme = ["https://", "http://"].first { lower.hasPrefix($0) }
    guard let scheme else {
      return "must be an absolute address starting with https:// or http://"
    }
    let forbidden = Set("\"'<>\\`{}|^ ?#")
    if text.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F })
      || text.contains(where: { forbidden.contains($0) })
    {
      return "must not hold spaces, quotes, control characters, a query or a fragment"
    }
    let rest = text.dropFirst(scheme.count)
    let host = rest.prefix { $0 != "/" }
    if host.isEmpty || host.contains("@") {
      return "must name a host (and no user name) after \(scheme)"
    }
    if rest.dropFirst(host.count).contains("//") {
      return "must not hold an empty path segment ('//')"
    }
    return nil
  }

  /// The line and column of the value at `keys` (`["collections", "adr", "path"]`) in
  /// `baton.yml`'s text; line 1 when it cannot be found.
  public static func location(of keys: [String], in text: String) -> (line: Int, column: Int) {
    guard var value = try? YAMLValue.parse(text) else { return (1, 1) }
    for key in keys {
      guard let next = value[key] else { return (1, 1) }
      value = next
    }
    return (value.line, value.column)
  }
}
