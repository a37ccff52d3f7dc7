extension TemplateRenderer {
  /// Writes a variable's value: text (escaped unless `{{{ }}}`), a number, a flag; nothing for
  /// a list, an object or null.
  mutating func write(_ value: consuming TemplateValue?, escaped: Bool) {
    switch consume value {
    case .text(let text)?:
      append(text, escaped: escaped)
    case .integer(let number)?:
      append(String(number), escaped: false)
    case .bool(let flag)?:
      output.append(flag ? "true" : "false")
    case .list?, .object?, .objects?, .null?, nil:
      return
    }
  }

  private mutating func append(_ text: String, escaped: Bool) {
    var text = text
    text.withUTF8 { escaped ? output.appendEscaped($0) : output.append($0) }
  }

  /// Resolves a name on the context stack, then applies its transforms (innermost first); nil
  /// when a part is missing.
  func lookup(_ name: UnsafePointer<TemplateName>) -> TemplateValue? {
    var value: TemplateValue?
    switch name.pointee.start {
    case .current:
      value = count == 0 ? nil : frames[count - 1].current
    case .top:
      guard count > 0 else { break }
      if name.pointee.parts.isEmpty {
        value = frames[count - 1].current
      } else {
        value = TemplateRenderer.answer(frames + (count - 1), name.pointee.first)
        if let found = value, !name.pointee.rest.isEmpty { value = descend(name, from: found) }
      }
    case .stack:
      let first = name.pointee.first
      guard !first.isEmpty else { return nil }
      // Down the stack, each frame answering where it is.
      var index = count
      while index > 0 {
        index -= 1
        guard let found = TemplateRenderer.answer(frames + index, first) else { continue }
        value = name.pointee.rest.isEmpty ? found : descend(name, from: found)
        break
      }
    }
    if name.pointee.transforms.isEmpty { return value }
    for transform in name.pointee.transforms.reversed() {
      guard let current = value else { return nil }
      value = transform.apply(current)
    }
    return value
  }

  /// What the frame answers for `name`; nil when it is not an object or has no such name.
  private static func answer(_ frame: UnsafePointer<Frame>, _ name: String) -> TemplateValue? {
    switch frame.pointee.kind {
    case .object: frame.pointee.object.value(for: name)
    case .element: frame.pointee.list.value(at: frame.pointee.index, for: name)
    case .value: nil
    }
  }

  /// The name's parts after the first, read from `value` on.
  private func descend(_ name: UnsafePointer<TemplateName>, from value: TemplateValue)
    -> TemplateValue?
  {
    var current = value
    for part in name.pointee.rest {
      guard case .object(let object) = current, let child = object.value(for: part) else {
        return nil
      }
      current = child
    }
    return current
  }
}
