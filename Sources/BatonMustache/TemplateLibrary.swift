/// Named templates that render each other as partials (`{{>name}}`).
public struct TemplateLibrary: Sendable {
  private var templates: [String: Template] = [:]

  public init() {}

  /// Adds or replaces the template called `name`.
  public mutating func register(_ template: Template, named name: String) {
    templates[name] = template
  }

  /// Whether a template of that name exists.
  public func has(_ name: String) -> Bool {
    templates[name] != nil
  }

  /// The names of the templates, sorted.
  public var names: [String] { templates.keys.sorted() }

  /// Renders template `name` with `value` as the context, appending UTF-8 bytes to `output`.
  ///
  /// - Returns: false when there is no template of that name (nothing is written).
  public func render(_ name: String, _ value: TemplateValue, into output: inout [UInt8]) -> Bool {
    guard let template = templates[name] else { return false }
    var renderer = TemplateRenderer(templates: templates, root: value)
    renderer.run(template.program, template.program.all, indentation: [])
    output.append(contentsOf: renderer.output.bytes)
    renderer.finish()
    return true
  }

  /// Renders template `name` with `value` as the context; nil when there is no such template.
  public func render(_ name: String, _ value: TemplateValue) -> [UInt8]? {
    guard let template = templates[name] else { return nil }
    var renderer = TemplateRenderer(templates: templates, root: value)
    renderer.run(template.program, template.program.all, indentation: [])
    // The bytes written, in an array of their size.
    let output = Array(renderer.output.bytes)
    renderer.finish()
    return output
  }
}
