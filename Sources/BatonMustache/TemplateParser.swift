/// Turns a template's bytes into nodes in three passes: tokens (with the delimiters each tag
/// was written with), standalone lines (removed from the text around them), then the tree.
struct TemplateParser {
  /// A piece of the source: text, or a tag with its trimmed content.
  struct Token {
    enum Kind {
      case text, variable, unescaped, section, inverted, close, partial, comment, delimiters
    }
    var kind: Kind
    /// The bytes the token covers: for text, what is left once standalone lines are removed;
    /// for a tag, from its opening delimiter to its closing one.
    var start: Int
    var end: Int
    var content: [UInt8] = []
    /// For a tag alone on its line: the whitespace before it (its line is removed).
    var indentation: [UInt8]?

    /// Tags that may stand alone on a line (the others never remove their line).
    var mayStandAlone: Bool {
      switch kind {
      case .section, .inverted, .close, .partial, .comment, .delimiters: true
      case .text, .variable, .unescaped: false
      }
    }
  }

  let source: [UInt8]

  init(_ source: [UInt8]) {
    self.source = source
  }

  func parse() throws(TemplateSyntaxError) -> [Template.Node] {
    var tokens = try tokenize()
    markStandalone(&tokens)
    var builder = TreeBuilder(parser: self)
    for token in tokens { try builder.add(token) }
    return try builder.finish()
  }

  /// The 1-based line and column (in bytes) of an offset, for errors.
  func error(_ message: String, at offset: Int) -> TemplateSyntaxError {
    var line = 1
    var lineStart = 0
    for index in 0..<min(offset, source.count) where source[index] == UInt8(ascii: "\n") {
      line += 1
      lineStart = index + 1
    }
    return TemplateSyntaxError(message: message, line: line, column: offset - lineStart + 1)
  }

  // MARK: - Tokens

  /// Splits the source into text and tags, following set-delimiter tags as they come.
  func tokenize() throws(TemplateSyntaxError) -> [Token] {
    var tokens: [Token] = []
    var open = Array("{{".utf8)
    var close = Array("}}".utf8)
    var position = 0
    while position < source.count {
      let tagStart = find(open, from: position) ?? source.count
      if tagStart > position {
        tokens.append(Token(kind: .text, start: position, end: tagStart))
      }
      guard tagStart < source.count else { break }
      let token = try tag(at: tagStart, open: open, close: close)
      if token.kind == .delimiters {
        (open, close) = try delimiters(token.content, at: tagStart)
      }
      tokens.append(token)
      position = token.end
    }
    return tokens
  }

  /// The tag whose opening delimiter is at `start`.
  private func tag(at start: Int, open: [UInt8], close: [UInt8]) throws(TemplateSyntaxError)
    -> Token
  {
    var cursor = start + open.count
    let sigil = cursor < source.count ? source[cursor] : 0
    var closing = close
    let kind: Token.Kind
    switch sigil {
    case UInt8(ascii: "{"):
      kind = .unescaped
      closing = [UInt8(ascii: "}")] + close
    case UInt8(ascii: "&"): kind = .unescaped
    case UInt8(ascii: "#"): kind = .section
    case UInt8(ascii: "^"): kind = .inverted
    case UInt8(ascii: "/"): kind = .close
    case UInt8(ascii: ">"): kind = .partial
    case UInt8(ascii: "!"): kind = .comment
    case UInt8(ascii: "="):
      kind = .delimiters
      closing = [UInt8(ascii: "=")] + close
    default: kind = .variable
    }
    if sigil == UInt8(ascii: "<") || sigil == UInt8(ascii: "$") {
      throw error(
        "inheritance blocks are not part of the theme language: override the partial instead",
        at: start)
    }
    if kind != .variable { cursor += 1 }
    guard let end = find(closing, from: cursor) else {
      let shown = String(decoding: closing, as: UTF8.self)
      throw error("tag is not closed: end it with '\(shown)'", at: start)
    }
    let content = trimmed(source[cursor..<end])
    if kind == .partial, content.first == UInt8(ascii: "*") {
      throw error("dynamic partial names are not supported: name the partial", at: start)
    }
    if kind != .comment, kind != .delimiters, content.isEmpty {
      throw error("tag names nothing: write a name between the delimiters", at: start)
    }
    return Token(kind: kind, start: start, end: end + closing.count, content: content)
  }

  /// The two delimiters of a set-delimiter tag (`{{=<% %>=}}`).
  private func delimiters(_ content: [UInt8], at offset: Int) throws(TemplateSyntaxError)
    -> ([UInt8], [UInt8])
  {
    let parts = content.split(whereSeparator: TemplateParser.isWhitespace)
    guard parts.count == 2, !parts[0].contains(UInt8(ascii: "=")),
      !parts[1].contains(UInt8(ascii: "="))
    else {
      throw error(
        "set-delimiter tag needs two delimiters without '=': write {{=<% %>=}}", at: offset)
    }
    return (Array(parts[0]), Array(parts[1]))
  }

  /// The first offset at or after `start` where `needle` occurs.
  private func find(_ needle: [UInt8], from start: Int) -> Int? {
    guard let first = needle.first, source.count >= needle.count else { return nil }
    var index = start
    let last = source.count - needle.count
    while index <= last {
      if source[index] == first, source[index..<(index + needle.count)].elementsEqual(needle) {
        return index
      }
      index += 1
    }
    return nil
  }

  private func trimmed(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var slice = bytes
    while let first = slice.first, TemplateParser.isWhitespace(first) { slice.removeFirst() }
    while let last = slice.last, TemplateParser.isWhitespace(last) { slice.removeLast() }
    return Array(slice)
  }

  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
      || byte == UInt8(ascii: "\r")
  }

  // MARK: - Standalone lines

  /// Marks each tag alone on its line (only spaces and tabs beside it) and removes its line
  /// from the text around it: the whitespace before the tag and the line ending after it.
  func markStandalone(_ tokens: inout [Token]) {
    for index in tokens.indices where tokens[index].mayStandAlone {
      let token = tokens[index]
      var before = token.start
      while before > 0, isBlank(source[before - 1]) { before -= 1 }
      guard before == 0 || source[before - 1] == UInt8(ascii: "\n") else { continue }
      var after = token.end
      while after < source.count, isBlank(source[after]) { after += 1 }
      if after < source.count {
        if source[after] == UInt8(ascii: "\n") {
          after += 1
        } else if source[after] == UInt8(ascii: "\r"), after + 1 < source.count,
          source[after + 1] == UInt8(ascii: "\n")
        {
          after += 2
        } else {
          continue
        }
      }
      tokens[index].indentation = Array(source[before..<token.start])
      if index > 0, tokens[index - 1].kind == .text { tokens[index - 1].end = before }
      if index + 1 < tokens.count, tokens[index + 1].kind == .text {
        tokens[index + 1].start = after
      }
    }
  }

  private func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
  }
}
