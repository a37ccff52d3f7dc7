import BatonConfig
import BatonDocuments
import BatonSupport

extension DecisionWriter {
  /// The line holding the status, with the new status in place of the old value (in the old
  /// value's case: `Proposed` becomes `Accepted`).
  func statusEdit(_ status: Located<Document.FieldValue>, lines: [String], to newStatus: String)
    throws(Refusal) -> TextEdit
  {
    guard [.frontMatter, .statusSection, .bulletList, .dateLine, .body].contains(status.origin),
      lines.indices.contains(status.line - 1)
    else {
      throw Refusal(
        message:
          "the status comes from the \(status.origin.rawValue), which 'baton decide' does not "
          + "edit: change it there", forceable: false)
    }
    let line = lines[status.line - 1]
    let old = status.value.text
    let written = old.first?.isUppercase == true ? newStatus.capitalizedFirst : newStatus
    guard let range = line.range(of: old, options: [.caseInsensitive, .backwards]) else {
      throw Refusal(
        message: "cannot find '\(old)' on line \(status.line) to replace: edit it by hand",
        forceable: false)
    }
    return TextEdit(
      line: status.line - 1, removing: 1,
      inserting: [line.replacingCharacters(in: range, with: written)])
  }

  /// The outcome line: at the end of the responses section when the body has one, before the
  /// closing `---` when the front matter holds the responses, else in a new responses section
  /// at the end.
  func outcomeEdit(
    _ document: Document, schema: KindSchema, lines: [String], status: String, basis: String
  ) -> TextEdit {
    let record = outcomeText(status: status, basis: basis)
    let spec = schema.section(withRole: .responses)
    if document.responsesPlace?.origin == .frontMatter,
      let close = lines.indices.dropFirst().first(where: { lines[$0] == "---" })
    {
      return TextEdit(line: close, removing: 0, inserting: ["outcome: \(yamlQuoted(record))"])
    }
    if let spec, let section = document.section(matching: spec) {
      var end = min(section.endLine, lines.count)
      while end > section.line, lines[end - 1].trimmingWhitespace().isEmpty { end -= 1 }
      return TextEdit(line: end, removing: 0, inserting: ["", "Outcome: \(record)"])
    }
    var end = lines.count
    while end > 0, lines[end - 1].trimmingWhitespace().isEmpty { end -= 1 }
    let heading = spec?.name ?? "Responses"
    return TextEdit(
      line: end, removing: 0, inserting: ["", "## \(heading)", "", "Outcome: \(record)"])
  }

  /// `accepted on 2026-12-02 by @linus (lazy-consensus: no objection by 2026-12-01). Note.`
  func outcomeText(status: String, basis: String) -> String {
    var text = "\(status) on \(today) by @\(decider) (\(basis))."
    if let note = note?.trimmingWhitespace(), !note.isEmpty {
      text += " " + note.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
    return text
  }

  private func yamlQuoted(_ text: String) -> String {
    "\""
      + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
        of: "\"", with: "\\\"")
      + "\""
  }
}

extension String {
  /// The string with its first character upper case.
  var capitalizedFirst: String {
    guard let first else { return self }
    return first.uppercased() + dropFirst()
  }
}
