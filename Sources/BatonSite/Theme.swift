import BatonMustache
import BatonSupport

/// Templates and assets, parsed once: the default theme with a site's own files laid over it.
///
/// Files are named by their path under `templates/`: `page.mustache` is the template `page`,
/// `partials/header.mustache` the partial `header` (`{{>header}}`), and every file under
/// `assets/` is copied to the site's `assets/` folder. A site's `templates/` folder (beside its
/// `baton.yml`) overrides any of them by the same path and may add new ones.
public struct Theme: Sendable {
  /// The parsed templates and partials by name.
  let library: TemplateLibrary
  /// Template names available (pages and partials), sorted.
  public let templateNames: [String]
  /// Assets by path under `assets/`, the site's overrides applied.
  public let assets: [String: [UInt8]]
  /// The search client's scripts and styles by path under `search/` (`search.js`, `search.css`),
  /// copied to the site's `search/` folder beside the index.
  public let searchClient: [String: [UInt8]]
  /// Paths (under `templates/`) that the site's own folder overrides or adds, sorted.
  public let overridden: [String]
  /// A hash of every file of the theme (paths and bytes): a page rendered with another theme
  /// is rendered again.
  public let digest: Digest

  /// The default theme compiled into the binary.
  public static func builtIn() throws(TemplateError) -> Theme {
    try Theme(overrides: [:])
  }

  /// The default theme with `overrides` (path under `templates/` → bytes) laid over it.
  ///
  /// - Throws: `TemplateError` when a template does not parse or is not UTF-8 text.
  public init(overrides: [String: [UInt8]]) throws(TemplateError) {
    var files: [String: [UInt8]] = [:]
    for path in DefaultTheme.paths {
      files[path] = Array((DefaultTheme.file(path) ?? "").utf8)
    }
    for (path, bytes) in overrides { files[path] = bytes }
    var library = TemplateLibrary()
    var names: [String] = []
    var assets: [String: [UInt8]] = [:]
    var searchClient: [String: [UInt8]] = [:]
    var hasher = StableHasher()
    for path in files.keys.sorted() {
      let bytes = files[path] ?? []
      hasher.combine(path)
      hasher.combine(bytes: bytes)
      if path.hasPrefix("assets/") {
        assets[String(path.dropFirst("assets/".count))] = bytes
        continue
      }
      if path.hasPrefix("search/"), path.hasSuffix(".js") || path.hasSuffix(".css") {
        searchClient[String(path.dropFirst("search/".count))] = bytes
        continue
      }
      guard path.hasSuffix(".mustache") else { continue }
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw TemplateError(path: path, message: "template is not UTF-8 text: re-save it as UTF-8")
      }
      let stem = String(path.split(separator: "/").last ?? "").dropLast(".mustache".count)
      do {
        library.register(try Template(text), named: String(stem))
      } catch {
        throw TemplateError(
          path: path,
          message:
            "template does not parse at line \(error.line), column \(error.column): "
            + "\(error.message)")
      }
      names.append(String(stem))
    }
    self.library = library
    self.templateNames = names.sorted()
    self.assets = assets
    self.searchClient = searchClient
    self.overridden = overrides.keys.sorted()
    self.digest = hasher.finalize()
  }

  /// Whether a template or partial exists.
  public func has(_ name: String) -> Bool {
    library.has(name)
  }

  /// Renders a template with a view model; nil when the theme has no template of that name.
  func render(_ name: String, _ view: TemplateValue) -> String? {
    library.render(name, view).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Renders a template with a view model into UTF-8 bytes.
  ///
  /// - Throws: `TemplateError` when the theme has no template of that name.
  func renderBytes(_ name: String, _ view: TemplateValue) throws(TemplateError) -> [UInt8] {
    guard let bytes = library.render(name, view) else {
      throw TemplateError(
        path: "templates/\(name).mustache",
        message: "the theme has no template '\(name)': add templates/\(name).mustache")
    }
    return bytes
  }
}
