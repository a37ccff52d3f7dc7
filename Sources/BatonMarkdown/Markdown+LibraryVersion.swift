internal import CCmarkGFM

extension Markdown {
  /// The version of cmark-gfm linked into this program (e.g. `0.29.0.gfm.6`).
  ///
  /// Read from the library itself (`cmark_version_string`), not from its headers.
  public static var libraryVersion: String {
    guard let version = cmark_version_string() else { return "unknown" }
    return String(cString: version)
  }
}
