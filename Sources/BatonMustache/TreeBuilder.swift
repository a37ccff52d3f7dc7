/// Builds a template's node tree from its tokens, standalone lines already removed.
///
/// It also marks where each line of the template starts (`.indent`, and a text's
/// `lineStarts`): a standalone partial prepends its indentation to every line of the partial,
/// as if the partial's source were indented, so the marks follow the source's lines, not the
/// output's (a value holding a line break is not indented).
struct TreeBuilder {
  /// A section being read: its opening tag and the nodes before it.
  private struct Open {
    var content: [UInt8]
    var name: TemplateName
    var inverted: Bool
    var offset: Int
    var outer: [Template.Node]
  }

  let parser: TemplateParser
  private var nodes: [Template.Node] = []
  private var open: [Open] = []
  /// Whether nothing has been placed on the current line of the source yet.
  private var atLineStart = true

  init(parser: TemplateParser) {
    self.parser = parser
  }

  mutating func add(_ token: TemplateParser.Token) throws(TemplateSyntaxError) {
    let standalone = token.indentation != nil
    switch token.kind {
    case .text:
      addText(parser.source[token.start..<max(token.start, token.end)])
    case .variable, .unescaped:
      startLine()
      nodes.append(.variable(try name(token), escaped: token.kind == .variable))
    case .section, .inverted:
      if !standalone { startLine() }
      open.append(
        Open(
          content: token.content, name: try name(token), inverted: token.kind == .inverted,
          offset: token.start, outer: nodes))
      nodes = []
    case .close:
      if !standalone { startLine() }
      try closeSection(token)
    case .partial:
      if standalone {
        nodes.append(.partial(text(token.content), indentation: token.indentation))
      } else {
        startLine()
        nodes.append(.partial(text(token.content), indentation: nil))
      }
    case .comment, .delimiters:
      break
    }
  }

  /// The template's nodes, once every section is closed.
  func finish() throws(TemplateSyntaxError) -> [Template.Node] {
    if let section = open.last {
      throw parser.error(
        "section '\(text(section.content))' is not closed: add {{/\(text(section.content))}}",
        at: section.offset)
    }
    return nodes
  }

  private mutating func addText(_ bytes: ArraySlice<UInt8>) {
    guard !bytes.isEmpty else { return }
    startLine()
    var lineStarts: [Int] = []
    let base = bytes.startIndex
    for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
      if index + 1 < bytes.endIndex { lineStarts.append(index + 1 - base) }
    }
    nodes.append(.text(Array(bytes), lineStarts: lineStarts))
    atLineStart = bytes.last == UInt8(ascii: "\n")
  }

  /// Marks the start of a line before the first thing placed on it.
  private mutating func startLine() {
    if atLineStart { nodes.append(.indent) }
    atLineStart = false
  }

  private mutating func closeSection(_ token: TemplateParser.Token) throws(TemplateSyntaxError) {
    guard let section = open.popLast() else {
      throw parser.error(
        "'{{/\(text(token.content))}}' closes no section: remove it or open the section",
        at: token.start)
    }
    guard section.content == token.content else {
      throw parser.error(
        "section '\(text(section.content))' is closed by '\(text(token.content))': "
          + "close it with {{/\(text(section.content))}}", at: token.start)
    }
    let body = nodes
    nodes = section.outer
    nodes.append(.section(section.name, body: body, inverted: section.inverted))
  }

  private func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
  }

  // MARK: - Names

  /// The name of a variable or section tag: `a.b`, `.`, `.a`, or transforms around one
  /// (`empty(list)`).
  private func name(_ token: TemplateParser.Token) throws(TemplateSyntaxError) -> TemplateName {
    var rest = Substring(text(token.content))
    var transforms: [TemplateTransform] = []
    while rest.last == ")", let paren = rest.firstIndex(of: "(") {
      let function = rest[..<paren]
      guard let transform = TemplateTransform(rawValue: String(function)) else {
        let known = TemplateTransform.allCases.map(\.rawValue).joined(separator: ", ")
        throw parser.error(
          "unknown transform '\(function)': use one of \(known)", at: token.start)
      }
      transforms.append(transform)
      rest = rest[rest.index(after: paren)..<rest.index(before: rest.endIndex)]
    }
    guard !rest.isEmpty, !rest.contains(where: { $0 == "(" || $0 == ")" || $0 == " " }) else {
      throw parser.error("'\(text(token.content))' is not a name: write a.b or .", at: token.start)
    }
    if rest == "." { return TemplateName(start: .current, parts: [], transforms: transforms) }
    let top = rest.first == "."
    if top { rest = rest.dropFirst() }
    let parts = rest.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard !parts.contains(where: \.isEmpty) else {
      throw parser.error("'\(text(token.content))' has an empty part: write a.b", at: token.start)
    }
    return TemplateName(start: top ? .top : .stack, parts: parts, transforms: transforms)
  }
}
