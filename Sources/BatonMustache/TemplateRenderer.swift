/// One render: the context stack and the output, walked over a template's nodes.
struct TemplateRenderer {
  /// A context on the stack: a value, or an element of a list of objects read where it is.
  enum Frame {
    case value(TemplateValue)
    case element(any TemplateObjectList, Int)

    /// What the context answers for `name`; nil when it is not an object or has no such name.
    func value(for name: String) -> TemplateValue? {
      switch self {
      case .value(.object(let object)): object.value(for: name)
      case .element(let list, let index): list.value(at: index, for: name)
      case .value: nil
      }
    }

    var value: TemplateValue {
      switch self {
      case .value(let value): value
      case .element(let list, let index): .object(list.element(at: index))
      }
    }
  }

  let templates: [String: Template]
  var stack: [Frame]
  var output: [UInt8] = []
  /// How many partials are open: a partial that includes itself without end stops here.
  private var depth = 0
  static let depthLimit = 256

  init(templates: [String: Template], root: TemplateValue) {
    self.templates = templates
    self.stack = [.value(root)]
  }

  /// Renders nodes; `indentation` (of a standalone partial) goes at the start of each line.
  mutating func run(_ nodes: [Template.Node], indentation: [UInt8]) {
    for index in nodes.indices {
      switch nodes[index] {
      case .text(let bytes, let lineStarts):
        if indentation.isEmpty || lineStarts.isEmpty {
          output.append(contentsOf: bytes)
        } else {
          writeIndented(bytes, lineStarts: lineStarts, indentation: indentation)
        }
      case .indent:
        output.append(contentsOf: indentation)
      case .variable(let name, let escaped):
        if let value = lookup(name) { write(value, escaped: escaped) }
      case .section(let name, let body, let inverted):
        let value = lookup(name)
        if inverted {
          if !(value?.isTruthy ?? false) { run(body, indentation: indentation) }
        } else if let value {
          section(value, body: body, indentation: indentation)
        }
      case .partial(let name, let own):
        partial(name, indentation: own.map { indentation + $0 } ?? [])
      }
    }
  }

  private mutating func writeIndented(
    _ bytes: [UInt8], lineStarts: [Int], indentation: [UInt8]
  ) {
    var start = 0
    for lineStart in lineStarts {
      output.append(contentsOf: bytes[start..<lineStart])
      output.append(contentsOf: indentation)
      start = lineStart
    }
    output.append(contentsOf: bytes[start...])
  }

  private mutating func section(_ value: TemplateValue, body: [Template.Node], indentation: [UInt8])
  {
    switch value {
    case .null, .bool(false):
      return
    case .list(let elements):
      for element in elements { push(.value(element), body, indentation) }
    case .objects(let list):
      for index in 0..<list.count { push(.element(list, index), body, indentation) }
    case .bool(true), .text, .integer, .object:
      push(.value(value), body, indentation)
    }
  }

  private mutating func push(_ frame: Frame, _ body: [Template.Node], _ indentation: [UInt8]) {
    stack.append(frame)
    run(body, indentation: indentation)
    stack.removeLast()
  }

  private mutating func partial(_ name: String, indentation: [UInt8]) {
    // A missing partial renders as nothing, as the specification says.
    guard let template = templates[name], depth < TemplateRenderer.depthLimit else { return }
    depth += 1
    run(template.nodes, indentation: indentation)
    depth -= 1
  }

  // MARK: - Values

  /// Writes a variable's value: text (escaped unless `{{{ }}}`), a number, a flag; nothing for
  /// a list, an object or null.
  private mutating func write(_ value: TemplateValue, escaped: Bool) {
    switch value {
    case .text(let text):
      if escaped { HTMLEscaping.append(text, to: &output) } else { append(text) }
    case .integer(let number):
      append(String(number))
    case .bool(let flag):
      append(flag ? "true" : "false")
    case .list, .object, .objects, .null:
      return
    }
  }

  private mutating func append(_ text: String) {
    var text = text
    text.withUTF8 { output.append(contentsOf: $0) }
  }

  /// Resolves a name on the context stack, then applies its transforms (innermost first); nil
  /// when a part is missing.
  private func lookup(_ name: TemplateName) -> TemplateValue? {
    var value: TemplateValue?
    switch name.start {
    case .current:
      value = stack.isEmpty ? nil : stack[stack.count - 1].value
    case .top:
      guard !stack.isEmpty else { break }
      if let first = name.parts.first {
        value = stack[stack.count - 1].value(for: first).flatMap {
          descend(name.parts.dropFirst(), from: $0)
        }
      } else {
        value = stack[stack.count - 1].value
      }
    case .stack:
      guard let first = name.parts.first else { return nil }
      // Down the stack by index: each frame is read where it is, not copied out.
      var index = stack.count
      while index > 0 {
        index -= 1
        guard let found = stack[index].value(for: first) else { continue }
        value = descend(name.parts.dropFirst(), from: found)
        break
      }
    }
    for transform in name.transforms.reversed() {
      guard let current = value else { return nil }
      value = transform.apply(current)
    }
    return value
  }

  private func descend(_ parts: ArraySlice<String>, from value: TemplateValue) -> TemplateValue? {
    var current = value
    for part in parts {
      guard let child = Frame.value(current).value(for: part) else { return nil }
      current = child
    }
    return current
  }
}
