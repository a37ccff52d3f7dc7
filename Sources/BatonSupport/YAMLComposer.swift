internal import CYaml

/// Composes libyaml's events into a `YAMLValue` tree, with limits that hostile YAML cannot pass.
///
/// Yams' own composer expands an alias by copying the anchored node, hashes whole nodes to find
/// duplicate keys, and recurses once per level: nine nested anchors of nine aliases each (under
/// 1 KB of text) then build hundreds of millions of nodes. This composer reads the same events
/// (from the libyaml that Yams bundles) without recursion, keeps keys as text, and counts the
/// nodes an alias stands for before adding it, refusing once aliases would add more than
/// `maximumAliasedNodes` in all, at the alias's line.
struct YAMLComposer {
  /// The most nodes that aliases may add to a tree, counted as if each alias were copied.
  static let maximumAliasedNodes = 10_000
  /// The deepest nesting of sequences and mappings composed.
  static let maximumDepth = 64

  /// A sequence or mapping being composed.
  private struct Frame {
    var isMapping: Bool
    var line: Int
    var column: Int
    var anchor: String?
    var items: [YAMLValue] = []
    var entries: [YAMLEntry] = []
    /// A mapping's key, read and waiting for its value.
    var key: YAMLValue?
    /// Nodes in this collection so far, counting every alias as copied.
    var nodes = 1
  }

  private var stack: [Frame] = []
  private var anchors: [String: (value: YAMLValue, nodes: Int)] = [:]
  private var aliasedNodes = 0
  private var root: YAMLValue?
  private var documents = 0

  /// Composes the single document of `text`, or nil when it holds none.
  static func compose(_ text: String) throws(YAMLSyntaxError) -> YAMLValue? {
    var text = text
    let result = text.withUTF8 { bytes -> Result<YAMLValue?, YAMLSyntaxError> in
      var composer = YAMLComposer()
      do throws(YAMLSyntaxError) {
        return .success(try composer.run(bytes))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  private mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) throws(YAMLSyntaxError)
    -> YAMLValue?
  {
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    guard yaml_parser_initialize(parser) == 1 else {
      throw YAMLSyntaxError(message: "out of memory", line: 1, column: 1)
    }
    defer { yaml_parser_delete(parser) }
    yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
    yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
    var event = yaml_event_t()
    while true {
      guard yaml_parser_parse(parser, &event) == 1 else {
        throw Self.error(of: parser.pointee, in: bytes)
      }
      defer { yaml_event_delete(&event) }
      if event.type == YAML_STREAM_END_EVENT { return root }
      try handle(event)
    }
  }

  private mutating func handle(_ event: yaml_event_t) throws(YAMLSyntaxError) {
    let line = Int(event.start_mark.line) + 1
    let column = Int(event.start_mark.column) + 1
    switch event.type {
    case YAML_DOCUMENT_START_EVENT:
      documents += 1
      if documents > 1 {
        throw YAMLSyntaxError(
          message: "expected a single document in the stream but found another document",
          line: line, column: column)
      }
    case YAML_SCALAR_EVENT:
      let scalar = event.data.scalar
      let text = Self.string(scalar.value, count: scalar.length)
      // A YAML null (`~`, `null`, empty) is an empty scalar here; keys may still be present.
      let isNull = scalar.style == YAML_PLAIN_SCALAR_STYLE && Self.nulls.contains(text)
      let value = YAMLValue.scalar(isNull ? "" : text, line: line, column: column)
      try add(value, nodes: 1, anchor: Self.string(scalar.anchor))
    case YAML_ALIAS_EVENT:
      try addAlias(Self.string(event.data.alias.anchor) ?? "", line: line, column: column)
    case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
      guard stack.count < Self.maximumDepth else {
        throw YAMLSyntaxError(
          message: "lists and mappings nest deeper than \(Self.maximumDepth) levels",
          line: line, column: column)
      }
      let isMapping = event.type == YAML_MAPPING_START_EVENT
      let anchor =
        isMapping
        ? Self.string(event.data.mapping_start.anchor)
        : Self.string(event.data.sequence_start.anchor)
      stack.append(Frame(isMapping: isMapping, line: line, column: column, anchor: anchor))
    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
      guard let frame = stack.popLast() else { return }
      let value: YAMLValue =
        frame.isMapping
        ? .mapping(frame.entries, line: frame.line, column: frame.column)
        : .sequence(frame.items, line: frame.line, column: frame.column)
      try add(value, nodes: frame.nodes, anchor: frame.anchor)
    default:
      break
    }
  }

  /// Adds what an alias stands for, once the nodes it adds are known to fit.
  private mutating func addAlias(_ name: String, line: Int, column: Int)
    throws(YAMLSyntaxError)
  {
    guard let anchored = anchors[name] else {
      throw YAMLSyntaxError(
        message: "found undefined alias '*\(name)'", line: line, column: column)
    }
    aliasedNodes += anchored.nodes
    guard aliasedNodes <= Self.maximumAliasedNodes else {
      // The key the alias is the value of (or lies within), for the message.
      let key = stack.last { $0.isMapping && $0.key != nil }?.key?.string
      throw YAMLSyntaxError(
        message: "alias '*\(name)'\(key.map { " under '\($0)'" } ?? "") stands for"
          + " \(anchored.nodes) values, and aliases may add at most"
          + " \(Self.maximumAliasedNodes): write the values out or use fewer aliases",
        line: line, column: column)
    }
    try add(anchored.value, nodes: anchored.nodes, anchor: nil)
  }

  /// Places a composed node in the collection being read, or makes it the root.
  private mutating func add(_ value: YAMLValue, nodes: Int, anchor: String?)
    throws(YAMLSyntaxError)
  {
    if let anchor { anchors[anchor] = (value, nodes) }
    guard var frame = stack.popLast() else {
      root = value
      return
    }
    frame.nodes += nodes
    if !frame.isMapping {
      frame.items.append(value)
    } else if let key = frame.key {
      guard let name = key.string else {
        throw YAMLSyntaxError(
          message: "a key must be a single value, not a list or a mapping", line: key.line,
          column: key.column)
      }
      if let first = frame.entries.first(where: { $0.key == name }) {
        throw YAMLSyntaxError(
          message:
            "duplicate key '\(name)' (first on line \(first.keyLine)): keep one and move what "
            + "the other says into it", line: key.line, column: key.column)
      }
      frame.entries.append(
        YAMLEntry(key: name, keyLine: key.line, keyColumn: key.column, value: value))
      frame.key = nil
    } else {
      frame.key = value
    }
    stack.append(frame)
  }

  private static let nulls: Set<String> = ["", "~", "null", "Null", "NULL"]

  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
  }

  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, count: Int) -> String {
    guard let pointer else { return "" }
    return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
  }

  /// The parser's error, with its position: a reader error (bad bytes) gives only an offset.
  private static func error(of parser: yaml_parser_t, in bytes: UnsafeBufferPointer<UInt8>)
    -> YAMLSyntaxError
  {
    let problem = parser.problem.map { String(cString: $0) } ?? "the YAML cannot be read"
    if parser.error == YAML_READER_ERROR {
      let offset = min(parser.problem_offset, bytes.count)
      let before = bytes[..<offset]
      let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
      let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
      return YAMLSyntaxError(message: problem, line: line, column: offset - lineStart + 1)
    }
    let context = parser.context.map { String(cString: $0) + " " } ?? ""
    return YAMLSyntaxError(
      message: context + problem, line: Int(parser.problem_mark.line) + 1,
      column: Int(parser.problem_mark.column) + 1)
  }
}
