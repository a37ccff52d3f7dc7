import BatonSupport

/// The theme compiled into the binary from the package's `templates/` folder.
///
/// The `EmbedTheme` build-tool plugin generates `files` (path under `templates/` → text) as raw
/// string literals, so a copied `baton` binary renders a site with no files beside it.
public enum DefaultTheme {
  /// The paths of the default theme's files, sorted.
  public static var paths: [String] { files.keys.sorted() }

  /// A digest of every file of the default theme, so that state kept by a build with another
  /// theme (another Baton) is not taken for this one's.
  static let digest: Digest = {
    var hasher = StableHasher()
    for path in paths {
      hasher.combine(path)
      hasher.combine(files[path] ?? "")
    }
    return hasher.finalize()
  }()

  /// The text of one file of the default theme, by path under `templates/`.
  public static func file(_ path: String) -> String? { files[path] }
}
