/// A Mustache template compiled to a tree of nodes, parsed once and rendered many times.
///
/// The syntax is the Mustache specification's: variables (`{{name}}`, `{{{name}}}`,
/// `{{&name}}`), sections and inverted sections, partials (`{{>name}}`), comments,
/// set-delimiter tags, dotted names and the implicit iterator `{{.}}`, with its rules for
/// standalone lines and the indentation of standalone partials. Two additions: a name may start
/// with a dot (`{{.title}}`: the top context only), and may be wrapped in transforms
/// (`{{^empty(list)}}`, see `TemplateTransform`). Lambdas, inheritance blocks and dynamic
/// partial names are not supported: they do not parse.
public struct Template: Sendable {
  /// The nodes laid out flat, as the renderer reads them.
  let program: TemplateProgram

  /// Parses a template.
  ///
  /// - Throws: `TemplateSyntaxError` for an unclosed tag or section, a section closed by
  ///   another name, a malformed name or set-delimiter tag, or an unknown transform.
  public init(_ source: String) throws(TemplateSyntaxError) {
    program = TemplateProgram(try TemplateParser(Array(source.utf8)).parse())
  }

  /// A parsed piece of a template (`TemplateProgram` lays them out flat).
  indirect enum Node: Sendable {
    /// Bytes as they are; with an indentation (in a standalone partial), it is written at each
    /// offset in `lineStarts` (the starts of the lines after the first).
    case text([UInt8], lineStarts: [Int])
    /// Where a line of the template starts: the indentation of a standalone partial goes here.
    case indent
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, body: [Node], inverted: Bool)
    /// A partial; `indentation` is the whitespace before it when it stands alone on its line
    /// (nil otherwise), prepended to each line of the partial.
    case partial(String, indentation: [UInt8]?)
  }
}

/// A name as a tag writes it: where its lookup starts, its dotted parts, and its transforms.
struct TemplateName: Sendable, Equatable {
  enum Start: Sendable, Equatable {
    /// `{{.}}`: the top of the context stack.
    case current
    /// `{{.a.b}}`: from the top of the stack only.
    case top
    /// `{{a.b}}`: the first context down the stack that has `a`.
    case stack
  }
  var start: Start
  var parts: [String]
  /// Outermost first: `{{first(reversed(list))}}` is `[.first, .reversed]`.
  var transforms: [TemplateTransform]
  /// The first part (empty for `{{.}}`) and the others, split once for the renderer.
  let first: String
  let rest: [String]

  init(start: Start, parts: [String], transforms: [TemplateTransform]) {
    self.start = start
    self.parts = parts
    self.transforms = transforms
    self.first = parts.first ?? ""
    self.rest = Array(parts.dropFirst())
  }
}

/// A function a tag applies to a value before placing or testing it: `{{^empty(list)}}`.
///
/// Transforms are typed: each is defined on the cases of `TemplateValue` where it makes sense
/// and gives nothing (a context miss) on the others.
public enum TemplateTransform: String, Sendable, CaseIterable {
  /// Whether a list or a text is empty.
  case empty
  /// The number of elements of a list.
  case count
  /// The first or last element of a list.
  case first, last
  /// A list in reverse order.
  case reversed
  /// A text in upper or lower case.
  case uppercased, lowercased

  func apply(_ value: TemplateValue) -> TemplateValue? {
    switch (self, value) {
    case (.empty, .list(let elements)): .bool(elements.isEmpty)
    case (.empty, .text(let text)): .bool(text.isEmpty)
    case (.count, .list(let elements)): .integer(elements.count)
    case (.first, .list(let elements)): elements.first
    case (.last, .list(let elements)): elements.last
    case (.reversed, .list(let elements)): .list(elements.reversed())
    case (.empty, .objects(let list)): .bool(list.count == 0)
    case (.count, .objects(let list)): .integer(list.count)
    case (.first, .objects(let list)): list.count > 0 ? list.element(at: 0) : nil
    case (.last, .objects(let list)): list.count > 0 ? list.element(at: list.count - 1) : nil
    case (.reversed, .objects(let list)): .list(list.elements.reversed())
    case (.uppercased, .text(let text)): .text(text.uppercased())
    case (.lowercased, .text(let text)): .text(text.lowercased())
    default: nil
    }
  }
}
