import Mustache

/// The theme's templates compiled for fast rendering, with swift-mustache's own semantics.
///
/// swift-mustache parses every template (so the syntax, standalone lines and partial indentation
/// are exactly its own); this type reads that parse once and renders it without the per-lookup
/// costs of the interpreter (splitting names, copying the context stack, protocol casts on every
/// token, building strings). Names, sections, inverted sections, partials, transforms and
/// escaping behave as in `MustacheTemplate.render`. Templates using what it does not handle
/// (lambdas, inheritance blocks, dynamic partials, sequence-context transforms, a content type
/// other than HTML) are rendered by swift-mustache: `init` returns nil for such a theme, and
/// `render` returns nil for a view it cannot render (the page is then rendered by swift-mustache).
struct CompiledTheme: Sendable {
  /// A compiled template: the tokens of one template or section body.
  indirect enum Node: Sendable {
    case text([UInt8])
    case variable(Name, escaped: Bool)
    case section(Name, body: [Node], inverted: Bool)
    case partial(String, indentation: [UInt8]?)
  }

  /// A variable name as swift-mustache resolves it.
  struct Name: Sendable {
    enum Start: Sendable {
      /// `{{.}}`: the current object.
      case current
      /// `{{.a.b}}`: from the current object, without climbing the stack.
      case top
      /// `{{a.b}}`: the first object up the stack that has `a`.
      case stack
    }
    var start: Start
    var parts: [String]
    var transforms: [String]
  }

  let templates: [String: [Node]]

  /// Compiles every template of `library` named in `names`; nil when one uses a feature this
  /// renderer leaves to swift-mustache, or its parse cannot be read.
  init?(library: MustacheLibrary, names: [String]) {
    var templates: [String: [Node]] = [:]
    for name in names {
      guard let template = library.getTemplate(named: name),
        let nodes = CompiledTheme.compile(template)
      else { return nil }
      templates[name] = nodes
    }
    self.templates = templates
  }

  /// Renders template `name` with `view`; nil when the theme has no such template or the view
  /// holds a value only swift-mustache renders (a lambda, a value read by reflection).
  func render(_ name: String, _ view: Any) -> [UInt8]? {
    guard let nodes = templates[name] else { return nil }
    var renderer = CompiledRenderer(templates: templates, root: view)
    renderer.run(nodes, indentation: nil)
    return renderer.failed ? nil : renderer.output
  }

  // MARK: - Reading swift-mustache's parse

  /// The tokens of a parsed template, read by reflection (swift-mustache keeps them internal).
  private static func compile(_ template: MustacheTemplate) -> [Node]? {
    guard
      let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?
        .value as? [Any]
    else { return nil }
    var nodes: [Node] = []
    for token in tokens {
      guard let (label, value) = caseOf(token) else { return nil }
      let fields = Mirror(reflecting: value).children.map(\.value)
      switch label {
      case "text":
        guard let text = value as? String else { return nil }
        nodes.append(.text(Array(text.utf8)))
      case "variable", "unescapedVariable":
        guard fields.count == 2, let name = fields[0] as? String,
          let transforms = fields[1] as? [String], let parsed = Name(name, transforms)
        else { return nil }
        nodes.append(.variable(parsed, escaped: label == "variable"))
      case "section", "invertedSection":
        guard fields.count == 3, let name = fields[0] as? String,
          let transforms = fields[1] as? [String], let parsed = Name(name, transforms),
          let body = fields[2] as? MustacheTemplate, let compiled = compile(body)
        else { return nil }
        nodes.append(.section(parsed, body: compiled, inverted: label == "invertedSection"))
      case "partial":
        guard fields.count == 3, let name = fields[0] as? String,
          fields[2] as? [String: MustacheTemplate] == nil
        else { return nil }
        let indentation = fields[1] as? String
        nodes.append(.partial(name, indentation: indentation.map { Array($0.utf8) }))
      case "contentType":
        // Only HTML escaping: Baton's own type and swift-mustache's default give the same bytes.
        guard value is HTMLContent || String(describing: type(of: value)) == "HTMLContentType"
        else { return nil }
      default:
        return nil
      }
    }
    return nodes
  }

  /// The case name and associated values of an enum value.
  private static func caseOf(_ token: Any) -> (String, Any)? {
    let mirror = Mirror(reflecting: token)
    guard mirror.displayStyle == .enum, let child = mirror.children.first,
      let label = child.label
    else { return nil }
    return (label, child.value)
  }
}

extension CompiledTheme.Name {
  /// Splits a name as swift-mustache does; nil for a transform of the sequence context
  /// (`{{first()}}`), which this renderer leaves to swift-mustache.
  init?(_ name: String, _ transforms: [String]) {
    self.transforms = transforms
    if name == "." {
      start = .current
      parts = []
    } else if name.isEmpty, !transforms.isEmpty {
      return nil
    } else {
      start = name.first == "." ? .top : .stack
      parts = name.split(separator: ".").map(String.init)
    }
  }
}

/// The state of one render: the output, the context stack, and whether a value needs
/// swift-mustache.
private struct CompiledRenderer {
  let templates: [String: [CompiledTheme.Node]]
  var stack: [Any]
  var output: [UInt8] = []
  var failed = false

  init(templates: [String: [CompiledTheme.Node]], root: Any) {
    self.templates = templates
    self.stack = [root]
    output.reserveCapacity(16_384)
  }

  /// Renders nodes as `MustacheTemplate.render(context:)` does: with an indentation (inside an
  /// indented partial) each piece that starts a line of this template's output is indented.
  mutating func run(_ nodes: [CompiledTheme.Node], indentation: [UInt8]?) {
    guard let indentation, !indentation.isEmpty else {
      for node in nodes { render(node, indentation: indentation) }
      return
    }
    let start = output.count
    for node in nodes {
      let before = output.count
      let atLineStart = endsWithNewline(from: start)
      render(node, indentation: indentation)
      if atLineStart, output.count > before {
        output.insert(contentsOf: indentation, at: before)
      }
    }
  }

  /// Whether the output since `start`, as a Swift string, ends with the character "\n" (a
  /// "\r\n" pair is one other character).
  private func endsWithNewline(from start: Int) -> Bool {
    let count = output.count
    guard count > start, output[count - 1] == UInt8(ascii: "\n") else { return false }
    return count - 2 < start || output[count - 2] != UInt8(ascii: "\r")
  }

  private mutating func render(_ node: CompiledTheme.Node, indentation: [UInt8]?) {
    switch node {
    case .text(let bytes):
      output.append(contentsOf: bytes)
    case .variable(let name, let escaped):
      guard let value = lookup(name) else { return }
      write(value, escaped: escaped)
    case .section(let name, let body, let inverted):
      let value = lookup(name)
      if inverted {
        renderInverted(value, body: body, indentation: indentation)
      } else {
        renderSection(value, body: body, indentation: indentation)
      }
    case .partial(let name, let indented):
      guard let nodes = templates[name] else {
        // swift-mustache renders a missing partial as nothing.
        return
      }
      var inner = indentation
      if let indented { inner = (indentation ?? []) + indented }
      run(nodes, indentation: inner)
    }
  }

  /// Writes a variable's value as swift-mustache does.
  private mutating func write(_ value: Any, escaped: Bool) {
    let type = ObjectIdentifier(Swift.type(of: value))
    if type == ViewType.string, let text = value as? String {
      append(text, escaped: escaped)
    } else if type == ViewType.absent {
      return
    } else if let text = value as? String {
      append(text, escaped: escaped)
    } else if value is Absent {
      return
    } else if let number = value as? Int {
      append(number.description, escaped: false)
    } else if let flag = value as? Bool {
      append(flag ? "true" : "false", escaped: false)
    } else if let html = value as? LazyHTML {
      append(html.renderText, escaped: escaped)
    } else if value is MustacheTemplate || value is MustacheLambda {
      failed = true
    } else if let renderable = value as? MustacheCustomRenderable {
      append(renderable.renderText, escaped: escaped)
    } else {
      var shown = value
      if let optional = value as? any OptionalValue, let wrapped = optional.wrapped {
        shown = wrapped
      }
      append(String(describing: shown), escaped: escaped)
    }
  }

  private mutating func append(_ text: String, escaped: Bool) {
    var text = escaped ? HTMLContent.escape(text) : text
    text.withUTF8 { output.append(contentsOf: $0) }
  }

  private mutating func renderSection(
    _ value: Any?, body: [CompiledTheme.Node], indentation: [UInt8]?
  ) {
    guard let value else { return }
    let type = ObjectIdentifier(Swift.type(of: value))
    if type == ViewType.valuesList, let list = value as? [Values] {
      for element in list { push(element, body, indentation) }
    } else if type == ViewType.bool, let flag = value as? Bool {
      if flag { run(body, indentation: indentation) }
    } else if type == ViewType.absent {
      return
    } else if type == ViewType.values || type == ViewType.string || type == ViewType.row {
      push(value, body, indentation)
    } else if let flag = value as? Bool {
      if flag { run(body, indentation: indentation) }
    } else if value is Absent {
      return
    } else if let list = value as? [Values] {
      for element in list { push(element, body, indentation) }
    } else if let list = value as? [DocumentRow] {
      for element in list { push(element, body, indentation) }
    } else if let list = value as? [ListedRow] {
      for element in list { push(element, body, indentation) }
    } else if let sequence = value as? any MustacheSequence {
      for element in CompiledRenderer.elements(of: sequence) { push(element, body, indentation) }
    } else if let flag = value as? Bool {
      if flag { run(body, indentation: indentation) }
    } else if value is MustacheLambda {
      failed = true
    } else if let renderable = value as? MustacheCustomRenderable, renderable.isNull {
      return
    } else {
      push(value, body, indentation)
    }
  }

  private mutating func renderInverted(
    _ value: Any?, body: [CompiledTheme.Node], indentation: [UInt8]?
  ) {
    guard let value else {
      run(body, indentation: indentation)
      return
    }
    let type = ObjectIdentifier(Swift.type(of: value))
    if type == ViewType.bool, let flag = value as? Bool {
      if !flag { run(body, indentation: indentation) }
    } else if type == ViewType.absent {
      run(body, indentation: indentation)
    } else if type == ViewType.values || type == ViewType.string || type == ViewType.row {
      return
    } else if let flag = value as? Bool {
      if !flag { run(body, indentation: indentation) }
    } else if value is Absent {
      run(body, indentation: indentation)
    } else if let sequence = value as? any MustacheSequence {
      if isEmpty(sequence) { push(value, body, indentation) }
    } else if let flag = value as? Bool {
      if !flag { run(body, indentation: indentation) }
    } else if let renderable = value as? MustacheCustomRenderable, renderable.isNull {
      run(body, indentation: indentation)
    }
  }

  private mutating func push(_ object: Any, _ body: [CompiledTheme.Node], _ indentation: [UInt8]?) {
    stack.append(object)
    run(body, indentation: indentation)
    stack.removeLast()
  }

  private static func elements(of sequence: some Sequence) -> [Any] {
    sequence.map { $0 as Any }
  }

  private func isEmpty(_ sequence: some Sequence) -> Bool {
    var iterator = sequence.makeIterator()
    return iterator.next() == nil
  }

  // MARK: - Names

  /// Resolves a name as `MustacheTemplate.getChild` does.
  private mutating func lookup(_ name: CompiledTheme.Name) -> Any? {
    var child: Any?
    switch name.start {
    case .current:
      child = stack.last
    case .top:
      child = stack.last.flatMap { descend(name.parts[...], from: $0) }
    case .stack:
      if let first = name.parts.first {
        for object in stack.reversed() {
          if let found = immediate(first, of: object) {
            child = descend(name.parts.dropFirst(), from: found)
            break
          }
        }
      } else {
        child = stack.last
      }
    }
    guard var value = child else { return nil }
    let type = ObjectIdentifier(Swift.type(of: value))
    if type == ViewType.lazyValue, let lazy = value as? LazyValue {
      guard let represented = lazy.representation else { return nil }
      value = represented
    } else if ViewType.isPlain(type) {
      // The common values: none is a custom representation.
    } else if let custom = value as? MustacheCustomRepresentation {
      guard let represented = custom.representation else { return nil }
      value = represented
    }
    for transform in name.transforms.reversed() {
      let type = ObjectIdentifier(Swift.type(of: value))
      if transform == "empty", type == ViewType.valuesList, let list = value as? [Values] {
        value = list.isEmpty
        continue
      }
      if transform == "empty", type == ViewType.rowList, let list = value as? [DocumentRow] {
        value = list.isEmpty
        continue
      }
      guard let transformable = value as? MustacheTransformable,
        let transformed = transformable.transform(transform)
      else { return nil }
      value = transformed
    }
    return value
  }

  private mutating func descend(_ parts: ArraySlice<String>, from object: Any) -> Any? {
    guard let name = parts.first else { return object }
    if object is MustacheLambda {
      failed = true
      return nil
    }
    guard let child = immediate(name, of: object) else { return nil }
    return descend(parts.dropFirst(), from: child)
  }

  /// A child of one object: Baton's view models first (cheap casts to concrete types), then
  /// swift-mustache's general rules.
  private func immediate(_ name: String, of object: Any) -> Any? {
    let type = ObjectIdentifier(Swift.type(of: object))
    if type == ViewType.values, let values = object as? Values {
      return values.child(named: name)
    }
    if type == ViewType.pageView, let page = object as? PageView { return page.child(named: name) }
    if type == ViewType.row, let row = object as? DocumentRow { return row.child(named: name) }
    if type == ViewType.listedRow, let listed = object as? ListedRow {
      return listed.child(named: name)
    }
    if type == ViewType.siteInfo, let site = object as? SiteInfo { return site.child(named: name) }
    if type == ViewType.navLink, let link = object as? NavLink { return link.child(named: name) }
    if ViewType.isScalar(type) { return nil }
    var target: Any? = object
    if let custom = object as? MustacheCustomRepresentation { target = custom.representation }
    guard let target else { return nil }
    if let parent = target as? MustacheParent { return parent.child(named: name) }
    // swift-mustache reads other values by reflection: a stored property of that name.
    guard let match = Mirror(reflecting: target).children.first(where: { $0.label == name })
    else { return nil }
    let mirror = Mirror(reflecting: match.value)
    guard mirror.displayStyle == .optional else { return match.value }
    return mirror.children.first?.value
  }
}

/// The dynamic types of the common view-model values, so the renderer tells them apart by
/// identity instead of by casts (a failed cast to a protocol costs a conformance lookup).
enum ViewType {
  static let string = ObjectIdentifier(String.self)
  static let int = ObjectIdentifier(Int.self)
  static let bool = ObjectIdentifier(Bool.self)
  static let absent = ObjectIdentifier(Absent.self)
  static let values = ObjectIdentifier(Values.self)
  static let valuesList = ObjectIdentifier([Values].self)
  static let row = ObjectIdentifier(DocumentRow.self)
  static let rowList = ObjectIdentifier([DocumentRow].self)
  static let listedRow = ObjectIdentifier(ListedRow.self)
  static let listedRowList = ObjectIdentifier([ListedRow].self)
  static let pageView = ObjectIdentifier(PageView.self)
  static let lazyValue = ObjectIdentifier(LazyValue.self)
  static let lazyHTML = ObjectIdentifier(LazyHTML.self)
  static let siteInfo = ObjectIdentifier(SiteInfo.self)
  static let navLink = ObjectIdentifier(NavLink.self)

  /// Values that hold no children for a name (swift-mustache reflects them and finds none).
  static func isScalar(_ type: ObjectIdentifier) -> Bool {
    type == string || type == int || type == bool || type == absent
  }

  /// Values that are not a custom representation of another.
  static func isPlain(_ type: ObjectIdentifier) -> Bool {
    type == string || type == values || type == bool || type == absent || type == int
      || type == valuesList || type == row || type == rowList || type == listedRowList
      || type == lazyHTML
  }
}
