extension MarkdownNode.Kind {
  /// Whether this kind is a block (it starts on its own line) rather than an inline.
  public var isBlock: Bool {
    switch self {
    case .document, .blockQuote, .alert, .list, .item, .codeBlock, .htmlBlock, .paragraph,
      .heading, .thematicBreak, .table, .tableRow, .tableCell, .footnoteDefinition:
      true
    case .text, .softBreak, .lineBreak, .code, .htmlInline, .emphasis, .strong, .strikethrough,
      .link, .image, .footnoteReference:
      false
    }
  }
}

extension MarkdownNode {
  /// The text a reader sees in this node and its descendants.
  ///
  /// Text and inline code are kept, soft and hard line breaks become spaces, code blocks give
  /// their content, and blocks are separated by a line break. Raw HTML, URLs and footnote markers
  /// are left out.
  public var plainText: String {
    var output = ""
    appendPlainText(to: &output)
    return output
  }

  /// Appends the plain text of this node to `output` (see `plainText`).
  func appendPlainText(to output: inout String) {
    switch kind {
    case .text, .code:
      output += literal ?? ""
    case .softBreak, .lineBreak:
      output += " "
    case .htmlBlock, .htmlInline, .footnoteReference, .thematicBreak:
      break
    case .codeBlock:
      separateBlock(in: &output)
      var content = literal ?? ""
      while content.last == "\n" { content.removeLast() }
      output += content
    case .document, .blockQuote, .alert, .list, .item, .paragraph, .heading, .table, .tableRow,
      .tableCell, .footnoteDefinition:
      separateBlock(in: &output)
      for child in children { child.appendPlainText(to: &output) }
    case .emphasis, .strong, .strikethrough, .link, .image:
      for child in children { child.appendPlainText(to: &output) }
    }
  }

  private func separateBlock(in output: inout String) {
    if let last = output.last, last != "\n" { output += "\n" }
  }
}
