/// A template's node tree laid out flat for the renderer: instructions of plain numbers, the
/// text bytes and names they point into, each in one buffer allocated once.
///
/// The renderer reads everything in place, by pointer: walking the template costs no reference
/// count, where switching over the tree's nodes copied each node's arrays and names out.
final class TemplateProgram: @unchecked Sendable {
  /// One step: plain numbers only, so reading it copies nothing counted.
  struct Instruction {
    enum Operation: UInt8 {
      /// `bytes[first..<first + count]`, with its line starts `lineStarts[extra..<extra +
      /// extraCount]` (offsets into the text, for a standalone partial's indentation).
      case text
      /// Where a line of the template starts: a standalone partial's indentation goes here.
      case indent
      /// `names[first]`, escaped or not.
      case variable, unescaped
      /// `names[first]`; the body is the `count` instructions after this one.
      case section, inverted
      /// `partials[first]`.
      case partial
    }
    var operation: Operation
    var first: Int32 = 0
    var count: Int32 = 0
    var extra: Int32 = 0
    var extraCount: Int32 = 0
  }

  /// A partial tag: the template's name, and its indentation when it stands alone on its line.
  struct Partial {
    var name: String
    var indentation: [UInt8]?
  }

  let instructions: UnsafeMutableBufferPointer<Instruction>
  let bytes: UnsafeMutableBufferPointer<UInt8>
  let lineStarts: UnsafeMutableBufferPointer<Int>
  let names: UnsafeMutablePointer<TemplateName>
  private let nameCount: Int
  let partials: [Partial]

  init(_ nodes: [Template.Node]) {
    var layout = Layout()
    layout.add(nodes)
    instructions = .allocate(capacity: layout.instructions.count)
    _ = instructions.initialize(from: layout.instructions)
    bytes = .allocate(capacity: layout.bytes.count)
    _ = bytes.initialize(from: layout.bytes)
    lineStarts = .allocate(capacity: layout.lineStarts.count)
    _ = lineStarts.initialize(from: layout.lineStarts)
    nameCount = layout.names.count
    names = .allocate(capacity: nameCount)
    names.initialize(from: layout.names, count: nameCount)
    partials = layout.partials
  }

  deinit {
    instructions.deallocate()
    bytes.deallocate()
    lineStarts.deallocate()
    names.deinitialize(count: nameCount)
    names.deallocate()
  }

  /// The instructions of the whole template.
  var all: Range<Int> { 0..<instructions.count }

  /// What `init` fills, node by node, depth first.
  private struct Layout {
    var instructions: [Instruction] = []
    var bytes: [UInt8] = []
    var lineStarts: [Int] = []
    var names: [TemplateName] = []
    var partials: [Partial] = []

    mutating func add(_ nodes: [Template.Node]) {
      for node in nodes { add(node) }
    }

    private mutating func add(_ node: Template.Node) {
      switch node {
      case .text(let text, let starts):
        instructions.append(
          Instruction(
            operation: .text, first: Int32(bytes.count), count: Int32(text.count),
            extra: Int32(lineStarts.count), extraCount: Int32(starts.count)))
        bytes += text
        lineStarts += starts
      case .indent:
        instructions.append(Instruction(operation: .indent))
      case .variable(let name, let escaped):
        instructions.append(
          Instruction(operation: escaped ? .variable : .unescaped, first: Int32(names.count)))
        names.append(name)
      case .section(let name, let body, let inverted):
        let at = instructions.count
        instructions.append(
          Instruction(operation: inverted ? .inverted : .section, first: Int32(names.count)))
        names.append(name)
        add(body)
        instructions[at].count = Int32(instructions.count - at - 1)
      case .partial(let name, let indentation):
        instructions.append(Instruction(operation: .partial, first: Int32(partials.count)))
        partials.append(Partial(name: name, indentation: indentation))
      }
    }
  }
}
