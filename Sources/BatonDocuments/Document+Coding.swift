import BatonGit
import BatonSupport

// A document without its Markdown tree, field by field, for the parse cache of the Source stage
// (`ParseCache`): what `DocumentParser.parse` made, read back as it was made. Dictionaries are
// written in key order, so one document always gives the same bytes.

extension ByteWriter {
  /// A document parsed without its body (`DocumentParser.keepsBody` false); the body is dropped.
  package mutating func document(_ document: Document) {
    string(document.path)
    string(document.collection)
    string(document.kind)
    identifier(document.identifier)
    optional(document.title) { $0.locatedString($1) }
    table(document.fields) { writer, field in
      writer.located(field) { writer, value in writer.fieldValue(value) }
    }
    table(document.writtenNames) { $0.string($1) }
    optional(document.status) { $0.locatedString($1) }
    list(document.sections) { $0.section($1) }
    list(document.links) { $0.link($1) }
    list(document.mentions) { $0.locatedString($1) }
    strings(document.anchors.sorted())
    bool(document.hasText)
    natural(document.bodyStartLine)
    list(document.problems) { $0.readProblem($1) }
    table(document.suppressedRules) { $0.signed($1) }
    list(document.responses) { $0.response($1) }
    list(document.responseProblems) { $0.responseProblem($1) }
    optional(document.responsesPlace) { $0.locatedString($1) }
  }

  mutating func located<Value>(
    _ located: Located<Value>, _ write: (inout ByteWriter, Value) -> Void
  ) {
    write(&self, located.value)
    byte(ValueOrigin.allCases.firstIndex(of: located.origin).map(UInt8.init) ?? 0)
    signed(located.line)
    signed(located.column)
  }

  mutating func locatedString(_ located: Located<String>) {
    self.located(located) { writer, text in writer.string(text) }
  }

  mutating func identifier(_ identifier: DocumentIdentifier) {
    optionalNatural(identifier.number)
    string(identifier.text)
    string(identifier.prefix)
    natural(identifier.width)
    string(identifier.slug)
  }

  mutating func fieldValue(_ value: Document.FieldValue) {
    switch value {
    case .text(let text):
      byte(0)
      string(text)
    case .list(let items):
      byte(1)
      strings(items)
    }
  }

  mutating func section(_ section: Section) {
    string(section.title)
    string(section.slug)
    string(section.key)
    signed(section.line)
    signed(section.column)
    signed(section.endLine)
    list(section.mentions) { $0.locatedString($1) }
    list(section.dates) { $0.located($1) { $0.day($1) } }
    list(section.links) { $0.link($1) }
    list(section.lines) { $0.locatedString($1) }
  }

  mutating func day(_ day: Day) {
    natural(day.year)
    natural(day.month)
    natural(day.day)
  }

  mutating func link(_ link: DocumentLink) {
    string(link.url)
    signed(link.line)
    signed(link.column)
    bool(link.isImage)
    bool(link.isRelative)
    optionalString(link.target)
  }

  mutating func readProblem(_ problem: ReadProblem) {
    switch problem {
    case .symlinkOutsideRepository(let target):
      byte(0)
      string(target)
    case .tooLarge(let size, let limit):
      byte(1)
      natural(size)
      natural(limit)
    case .unreadable(let reason):
      byte(2)
      string(reason)
    case .binary:
      byte(3)
    case .invalidUTF8(let line, let column):
      byte(4)
      signed(line)
      signed(column)
    case .empty:
      byte(5)
    case .frontMatterSyntax(let message, let line, let column):
      byte(6)
      string(message)
      signed(line)
      signed(column)
    case .frontMatterNotMapping(let line):
      byte(7)
      signed(line)
    case .frontMatterUnterminated(let line):
      byte(8)
      signed(line)
    case .markdownHazard(let line, let message):
      byte(9)
      signed(line)
      string(message)
    }
  }

  mutating func response(_ response: Response) {
    string(response.handle)
    byte(Response.Verdict.allCases.firstIndex(of: response.verdict).map(UInt8.init) ?? 0)
    string(response.text)
    signed(response.line)
    signed(response.column)
    byte(ValueOrigin.allCases.firstIndex(of: response.origin).map(UInt8.init) ?? 0)
  }

  mutating func responseProblem(_ problem: ResponseProblem) {
    string(problem.message)
    string(problem.text)
    signed(problem.line)
    signed(problem.column)
  }
}

extension ByteReader {
  /// What `ByteWriter.document` wrote, without a body; nil when anything is malformed.
  package mutating func document() -> Document? {
    guard let path = string(), let collection = string(), let kind = string(),
      let identifier = identifier(), let title = optional({ $0.locatedString() }),
      let fields = table({ $0.located { $0.fieldValue() } }),
      let writtenNames = table({ $0.string() }),
      let status = optional({ $0.locatedString() }),
      let sections = list({ $0.section() }), let links = list({ $0.link() }),
      let mentions = list({ $0.locatedString() }), let anchors = strings(),
      let hasText = bool(), let bodyStartLine = natural(),
      let problems = list({ $0.readProblem() }), let suppressed = table({ $0.signed() })
    else { return nil }
    var document = Document(
      path: path, collection: collection, kind: kind, identifier: identifier, title: title,
      fields: fields, status: status, sections: sections, links: links, mentions: mentions,
      anchors: Set(anchors), hasText: hasText, bodyStartLine: bodyStartLine,
      problems: problems, suppressedRules: suppressed)
    document.writtenNames = writtenNames
    guard let responses = list({ $0.response() }),
      let responseProblems = list({ $0.responseProblem() }),
      let place = optional({ $0.locatedString() })
    else { return nil }
    document.responses = responses
    document.responseProblems = responseProblems
    document.responsesPlace = place
    return document
  }

  mutating func located<Value>(_ read: (inout ByteReader) -> Value?) -> Located<Value>? {
    guard let value = read(&self), let origin = byte(),
      Int(origin) < ValueOrigin.allCases.count, let line = signed(), let column = signed()
    else { return nil }
    return Located(value, origin: ValueOrigin.allCases[Int(origin)], line: line, column: column)
  }

  mutating func locatedString() -> Located<String>? {
    located { $0.string() }
  }

  mutating func identifier() -> DocumentIdentifier? {
    guard let number = optionalNatural(), let text = string(), let prefix = string(),
      let width = natural(), let slug = string()
    else { return nil }
    var identifier = DocumentIdentifier(fileName: "")
    identifier.number = number
    identifier.text = text
    identifier.prefix = prefix
    identifier.width = width
    identifier.slug = slug
    return identifier
  }

  mutating func fieldValue() -> Document.FieldValue? {
    switch byte() {
    case 0: string().map { .text($0) }
    case 1: strings().map { .list($0) }
    default: nil
    }
  }

  mutating func section() -> Section? {
    guard let title = string(), let slug = string(), let key = string(), let line = signed(),
      let column = signed(), let endLine = signed(),
      let mentions = list({ $0.locatedString() }),
      let dates = list({ $0.located { $0.day() } }), let links = list({ $0.link() }),
      let lines = list({ $0.locatedString() })
    else { return nil }
    return Section(
      title: title, slug: slug, key: key, line: line, column: column, endLine: endLine,
      mentions: mentions, dates: dates, links: links, lines: lines)
  }

  mutating func day() -> Day? {
    guard let year = natural(), let month = natural(), let day = natural() else { return nil }
    return Day(year: year, month: month, day: day)
  }

  mutating func link() -> DocumentLink? {
    guard let url = string(), let line = signed(), let column = signed(), let isImage = bool(),
      let isRelative = bool(), let target = optionalString()
    else { return nil }
    return DocumentLink(
      url: url, line: line, column: column, isImage: isImage, isRelative: isRelative,
      target: target)
  }

  mutating func readProblem() -> ReadProblem? {
    switch byte() {
    case 0: string().map { .symlinkOutsideRepository(target: $0) }
    case 1:
      natural().flatMap { size in natural().map { .tooLarge(size: size, limit: $0) } }
    case 2: string().map { .unreadable($0) }
    case 3: .binary
    case 4: signed().flatMap { line in signed().map { .invalidUTF8(line: line, column: $0) } }
    case 5: .empty
    case 6:
      string().flatMap { message in
        signed().flatMap { line in
          signed().map { .frontMatterSyntax(message: message, line: line, column: $0) }
        }
      }
    case 7: signed().map { .frontMatterNotMapping(line: $0) }
    case 8: signed().map { .frontMatterUnterminated(line: $0) }
    case 9: signed().flatMap { line in string().map { .markdownHazard(line: line, message: $0) } }
    default: nil
    }
  }

  mutating func response() -> Response? {
    guard let handle = string(), let verdict = byte(),
      Int(verdict) < Response.Verdict.allCases.count, let text = string(), let line = signed(),
      let column = signed(), let origin = byte(), Int(origin) < ValueOrigin.allCases.count
    else { return nil }
    return Response(
      handle: handle, verdict: Response.Verdict.allCases[Int(verdict)], text: text, line: line,
      column: column, origin: ValueOrigin.allCases[Int(origin)])
  }

  mutating func responseProblem() -> ResponseProblem? {
    guard let message = string(), let text = string(), let line = signed(), let column = signed()
    else { return nil }
    return ResponseProblem(message: message, text: text, line: line, column: column)
  }
}
