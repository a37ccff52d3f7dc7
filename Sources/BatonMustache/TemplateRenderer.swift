/// One render: the context stack and the output, walked over a template's instructions.
///
/// The stack's frames live in one buffer and are read where they are: a name is answered by
/// the object in its frame without copying the frame or the object out (each copy of a view
/// model in an existential costs reference counts).
struct TemplateRenderer {
  /// A context on the stack. Only the field its kind names is meaningful; the others hold
  /// empty stand-ins.
  struct Frame {
    enum Kind: UInt8 {
      /// `object` answers names.
      case object
      /// The element `index` of `list` answers names.
      case element
      /// `value` answers no name (text, a number, a flag, a list).
      case value
    }
    var kind: Kind
    var object: any TemplateObject = Nothing()
    var list = TemplateObjects(count: 0) { _, _ in nil }
    var index = 0
    var value: TemplateValue = .null

    init(_ value: consuming TemplateValue) {
      switch consume value {
      case .object(let object):
        kind = .object
        self.object = object
      case let other:
        kind = .value
        self.value = other
      }
    }

    init(list: TemplateObjects) {
      kind = .element
      self.list = list
    }

    /// What the context is, for `{{.}}`.
    var current: TemplateValue {
      switch kind {
      case .object: .object(object)
      case .element: list.element(at: index)
      case .value: value
      }
    }
  }

  /// The stand-in for a frame's unused object and list.
  struct Nothing: TemplateObject {
    func value(for name: String) -> TemplateValue? { nil }
  }

  let templates: [String: Template]
  private(set) var frames: UnsafeMutablePointer<Frame>
  private var capacity = 16
  private(set) var count = 0
  var output = RenderOutput(capacity: 16_384)
  /// How many partials are open: a partial that includes itself without end stops here.
  private var depth = 0
  static let depthLimit = 256

  init(templates: [String: Template], root: TemplateValue) {
    self.templates = templates
    frames = .allocate(capacity: capacity)
    push(Frame(root))
  }

  /// Frees the stack; the renderer is not used after.
  mutating func finish() {
    frames.deinitialize(count: count)
    frames.deallocate()
    count = 0
    output.free()
  }

  private mutating func push(_ frame: consuming Frame) {
    if count == capacity {
      let larger = UnsafeMutablePointer<Frame>.allocate(capacity: capacity * 2)
      larger.moveInitialize(from: frames, count: count)
      frames.deallocate()
      frames = larger
      capacity *= 2
    }
    (frames + count).initialize(to: frame)
    count += 1
  }

  private mutating func pop() {
    count -= 1
    (frames + count).deinitialize(count: 1)
  }

  /// Renders instructions `range` of `program`; `indentation` (of a standalone partial) goes at
  /// the start of each line.
  mutating func run(_ program: TemplateProgram, _ range: Range<Int>, indentation: [UInt8]) {
    var index = range.lowerBound
    while index < range.upperBound {
      let instruction = program.instructions[index]
      index += 1
      switch instruction.operation {
      case .text:
        text(program, instruction, indentation: indentation)
      case .indent:
        output.append(indentation)
      case .variable, .unescaped:
        let name = program.names + Int(instruction.first)
        write(lookup(name), escaped: instruction.operation == .variable)
      case .section, .inverted:
        let body = index..<(index + Int(instruction.count))
        index = body.upperBound
        let name = program.names + Int(instruction.first)
        if instruction.operation == .section {
          section(lookup(name), program, body, indentation: indentation)
        } else if !(lookup(name)?.isTruthy ?? false) {
          run(program, body, indentation: indentation)
        }
      case .partial:
        let tag = program.partials[Int(instruction.first)]
        partial(
          tag.name, indentation: tag.indentation.map { indentation + $0 } ?? [])
      }
    }
  }

  private mutating func text(
    _ program: TemplateProgram, _ instruction: Instruction, indentation: [UInt8]
  ) {
    let start = Int(instruction.first)
    let bytes = UnsafeBufferPointer(
      rebasing: program.bytes[start..<(start + Int(instruction.count))])
    if indentation.isEmpty || instruction.extraCount == 0 {
      output.append(bytes)
      return
    }
    var from = 0
    let starts = Int(instruction.extra)..<Int(instruction.extra + instruction.extraCount)
    for lineStart in program.lineStarts[starts] {
      output.append(UnsafeBufferPointer(rebasing: bytes[from..<lineStart]))
      output.append(indentation)
      from = lineStart
    }
    output.append(UnsafeBufferPointer(rebasing: bytes[from...]))
  }

  typealias Instruction = TemplateProgram.Instruction

  private mutating func section(
    _ value: consuming TemplateValue?, _ program: TemplateProgram, _ body: Range<Int>,
    indentation: [UInt8]
  ) {
    switch consume value {
    case nil, .null?, .bool(false)?:
      return
    case .list(let elements)?:
      for element in elements {
        push(Frame(element))
        run(program, body, indentation: indentation)
        pop()
      }
    case .objects(let list)?:
      let total = list.count
      guard total > 0 else { return }
      push(Frame(list: list))
      for element in 0..<total {
        frames[count - 1].index = element
        run(program, body, indentation: indentation)
      }
      pop()
    case .some(let value):
      push(Frame(value))
      run(program, body, indentation: indentation)
      pop()
    }
  }

  private mutating func partial(_ name: String, indentation: [UInt8]) {
    // A missing partial renders as nothing, as the specification says.
    guard let template = templates[name], depth < TemplateRenderer.depthLimit else { return }
    depth += 1
    run(template.program, template.program.all, indentation: indentation)
    depth -= 1
  }
}
