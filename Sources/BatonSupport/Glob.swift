/// A file pattern as `.gitignore` writes one: `*` any run of characters but `/`, `**` any run
/// including `/`, `?` one character. A pattern without `/` matches a name at any depth.
public struct Glob: Sendable, Hashable {
  public let pattern: String
  private let parts: [UInt8]
  private let matchesName: Bool
  /// Whether the pattern has no wildcard: a name is then compared byte for byte.
  private let isLiteral: Bool

  public init(_ pattern: String) {
    var text = pattern
    if text.hasPrefix("/") { text.removeFirst() }
    if text.hasSuffix("/") { text += "**" }
    self.pattern = pattern
    self.parts = Array(text.utf8)
    self.matchesName = !text.contains("/")
    self.isLiteral = !parts.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }
  }

  /// Whether a path (relative to where the pattern applies) matches.
  public func matches(_ path: String) -> Bool {
    if isLiteral, matchesName { return hasSegment(path) }
    let bytes = Array(path.utf8)
    if matchesName {
      let start = (bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
      // A name pattern also matches a folder on the way (`drafts` excludes `drafts/x.md`).
      var from = 0
      for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "/") {
        if Glob.match(parts[...], bytes[from..<index]) { return true }
        from = index + 1
      }
      return Glob.match(parts[...], bytes[start...])
    }
    return Glob.match(parts[...], bytes[...])
  }

  /// Whether a name of the path (a folder's or the file's) is the pattern: what a name
  /// pattern without wildcards matches, told without copying the path (Load asks it of every
  /// document).
  private func hasSegment(_ path: String) -> Bool {
    // Over the string's own bytes: a walk of its `utf8` view index by index costs tens of
    // instructions a byte.
    var path = path
    return path.withUTF8 { bytes in
      parts.withUnsafeBufferPointer { pattern in
        var start = 0
        while true {
          var end = start
          while end < bytes.count, bytes[end] != UInt8(ascii: "/") { end += 1 }
          if end - start == pattern.count, bytes[start..<end].elementsEqual(pattern) {
            return true
          }
          guard end < bytes.count else { return false }
          start = end + 1
        }
      }
    }
  }

  private static func match(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
    guard let first = pattern.first else { return text.isEmpty }
    let star = UInt8(ascii: "*")
    if first == star {
      var rest = pattern.dropFirst()
      let crossesFolders = rest.first == star
      if crossesFolders {
        rest = rest.dropFirst()
        // `**/x` also matches `x` at the top.
        if rest.first == UInt8(ascii: "/"), match(rest.dropFirst(), text) { return true }
      }
      var index = text.startIndex
      while true {
        if match(rest, text[index...]) { return true }
        guard index < text.endIndex, crossesFolders || text[index] != UInt8(ascii: "/") else {
          return false
        }
        index += 1
      }
    }
    guard let head = text.first else { return false }
    if first == UInt8(ascii: "?") ? head != UInt8(ascii: "/") : first == head {
      return match(pattern.dropFirst(), text.dropFirst())
    }
    return false
  }
}
