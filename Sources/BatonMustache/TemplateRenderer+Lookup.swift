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

  /// Appends a text's bytes where they are (a native string's are contiguous): a copy of the
  /// string to reach them cost a retain and a release per variable written.
  private mutating func append(_ text: String, escaped: Bool) {
    let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
      escaped ? output.appendEscaped(bytes) : output.append(bytes)
    }
    if done != nil { return }
    var text = text
    text.withUTF8 { escaped ? output.appendEscaped($0) : output.append($0) }
  }

  /// Resolves a name on the context stack, then applies its transforms (innermost first); nil
  /// when a part is missing.
  func lookup(_ name: UnsafePointer<TemplateName>) -> TemplateValue? {
    guard !name.pointee.transforms.isEmpty else { return resolve(name) }
    var value = resolve(name)
    for transform in name.pointee.transforms.reversed() {
      guard let current = value else { return nil }
      value = transform.apply(current)
    }
    return value
  }

  /// The value a name reaches on the context stack, before its transforms.
  ///
  /// The value found is handed back as it is and the name's parts are read where they are:
  /// a page looks up a few hundred names, and copying each value found into a variable, or the
  /// name's first part out of it, cost a copy and a destruction (or a retain and a release)
  /// each.
  private func resolve(_ name: UnsafePointer<TemplateName>) -> TemplateValue? {
    switch name.pointee.start {
    case .current:
      return count == 0 ? nil : frames[count - 1].current
    case .top:
      guard count > 0 else { return nil }
      if name.pointee.parts.isEmpty { return frames[count - 1].current }
      guard let found = TemplateRenderer.answer(frames + (count - 1), name.pointee.first) else {
        return nil
      }
      return name.pointee.rest.isEmpty ? found : descend(name, from: found)
    case .stack:
      guard !name.pointee.first.isEmpty else { return nil }
      // Down the stack, each frame answering where it is.
      var index = count
      while index > 0 {
        index -= 1
        if let found = TemplateRenderer.answer(frames + index, name.pointee.first) {
          return name.pointee.rest.isEmpty ? found : descend(name, from: found)
        }
      }
      return nil
    }
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
