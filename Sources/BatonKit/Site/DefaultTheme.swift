/// The theme compiled into the binary from the package's `templates/` folder.
///
/// The `EmbedTheme` build-tool plugin generates `files` (path under `templates/` → text) as raw
/// string literals, so a copied `baton` binary renders a site with no files beside it.
public enum DefaultTheme {
  /// The paths of the default theme's files, sorted.
  public static var paths: [String] { files.keys.sorted() }

  /// The text of one file of the default theme, by path under `templates/`.
  public static func file(_ path: String) -> String? { files[path] }
}
