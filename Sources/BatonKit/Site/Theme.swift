public import Mustache

/// Templates and assets, parsed once: the default theme with a site's own files laid over it.
///
/// Files are named by their path under `templates/`: `page.mustache` is the template `page`,
/// `partials/header.mustache` the partial `header` (`{{>header}}`), and every file under
/// `assets/` is copied to the site's `assets/` folder. A site's `templates/` folder (beside its
/// `baton.yml`) overrides any of them by the same path and may add new ones.
public struct Theme: Sendable {
  /// The parsed templates and partials by name.
  public let library: MustacheLibrary
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
  /// The templates compiled for fast rendering (see `CompiledTheme`); nil when a template uses
  /// what only swift-mustache renders, or when turned off.
  let compiled: CompiledTheme?

  /// The default theme compiled into the binary.
  public static func builtIn() throws(TemplateError) -> Theme {
    try Theme(overrides: [:])
  }

  /// The default theme with `overrides` (path under `templates/` → bytes) laid over it.
  ///
  /// - Throws: `TemplateError` when a template does not parse or is not UTF-8 text.
  /// - Parameters:
  ///   - fastEscaping: escape with `HTMLContent` (the same bytes as swift-mustache's own
  ///     escaping, faster); false only to test that sameness.
  ///   - compiled: render with `CompiledTheme` where it can (the same bytes as swift-mustache,
  ///     faster); false only to test that sameness.
  public init(
    overrides: [String: [UInt8]], fastEscaping: Bool = true, compiled: Bool = true
  ) throws(TemplateError) {
    var files: [String: [UInt8]] = [:]
    for path in DefaultTheme.paths {
      files[path] = Array((DefaultTheme.file(path) ?? "").utf8)
    }
    for (path, bytes) in overrides { files[path] = bytes }
    var library = MustacheLibrary()
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
        library.register(
          try MustacheTemplate(string: (fastEscaping ? HTMLContent.pragma : "") + text),
          named: String(stem))
      } catch let error as MustacheTemplate.ParserError {
        // The pragma line put before the template is not the user's: count lines without it.
        let line = error.context.lineNumber - (fastEscaping ? 1 : 0)
        throw TemplateError(
          path: path,
          message:
            "template does not parse at line \(line), column \(error.context.columnNumber): "
            + "\(error.error); check its {{ }} tags")
      } catch {
        throw TemplateError(
          path: path, message: "template does not parse: \(error); check its {{ }} tags")
      }
      names.append(String(stem))
    }
    self.library = library
    self.templateNames = names.sorted()
    self.assets = assets
    self.searchClient = searchClient
    self.overridden = overrides.keys.sorted()
    self.digest = hasher.finalize()
    self.compiled = compiled ? CompiledTheme(library: library, names: names) : nil
  }

  /// Whether pages render with the compiled templates (`CompiledTheme`), not swift-mustache's
  /// interpreter; the bytes are the same.
  public var isCompiled: Bool { compiled != nil }

  /// Whether a template or partial exists.
  public func has(_ name: String) -> Bool {
    library.getTemplate(named: name) != nil
  }

  /// Renders a template with a view model.
  ///
  /// - Throws: `TemplateError` when the theme has no template of that name.
  func render(_ name: String, _ view: Any) throws(TemplateError) -> String {
    String(decoding: try renderBytes(name, view), as: UTF8.self)
  }

  /// Renders a template with a view model into UTF-8 bytes.
  ///
  /// - Throws: `TemplateError` when the theme has no template of that name.
  func renderBytes(_ name: String, _ view: Any) throws(TemplateError) -> [UInt8] {
    if let bytes = compiled?.render(name, view) { return bytes }
    return Array(try template(name).render(view, library: library).utf8)
  }

  private func template(_ name: String) throws(TemplateError) -> MustacheTemplate {
    guard let template = library.getTemplate(named: name) else {
      throw TemplateError(
        path: "templates/\(name).mustache",
        message: "the theme has no template '\(name)': add templates/\(name).mustache")
    }
    return template
  }
}
