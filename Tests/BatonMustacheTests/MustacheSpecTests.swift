import BatonMustache
import Foundation
import Testing

/// Every case of the Mustache specification's files for the features the theme language has
/// (vendored under `Tests/Fixtures/mustache-spec/`, with the specification's license).
@Suite struct MustacheSpecTests {
  @Test(arguments: SpecCase.load("interpolation")) func interpolation(_ spec: SpecCase) throws {
    try spec.check()
  }

  @Test(arguments: SpecCase.load("sections")) func sections(_ spec: SpecCase) throws {
    try spec.check()
  }

  @Test(arguments: SpecCase.load("inverted")) func inverted(_ spec: SpecCase) throws {
    try spec.check()
  }

  @Test(arguments: SpecCase.load("partials")) func partials(_ spec: SpecCase) throws {
    try spec.check()
  }

  @Test(arguments: SpecCase.load("comments")) func comments(_ spec: SpecCase) throws {
    try spec.check()
  }

  @Test(arguments: SpecCase.load("delimiters")) func delimiters(_ spec: SpecCase) throws {
    try spec.check()
  }

  /// The files hold the number of cases the specification has: none is lost in loading.
  @Test func everyCaseIsLoaded() {
    let counts = ["interpolation", "sections", "inverted", "partials", "comments", "delimiters"]
      .map { SpecCase.load($0).count }
    #expect(counts == [31, 33, 21, 11, 11, 14])
  }
}

/// One case of a specification file: a template, its partials, the data and what it renders.
struct SpecCase: Sendable, CustomTestStringConvertible {
  var file: String
  var name: String
  var template: String
  var partials: [String: String]
  var data: JSONValue
  var expected: String

  var testDescription: String { "\(file): \(name)" }

  private struct File: Decodable {
    var tests: [Test]
  }

  private struct Test: Decodable {
    var name: String
    var template: String
    var partials: [String: String]?
    var data: JSONValue
    var expected: String
  }

  static func load(_ file: String) -> [SpecCase] {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures/mustache-spec/\(file).json")
    guard let data = try? Data(contentsOf: path),
      let decoded = try? JSONDecoder().decode(File.self, from: data)
    else { return [] }
    return decoded.tests.map {
      SpecCase(
        file: file, name: $0.name, template: $0.template, partials: $0.partials ?? [:],
        data: $0.data, expected: $0.expected)
    }
  }

  func check() throws {
    var library = TemplateLibrary()
    library.register(try Template(template), named: "<test>")
    for (name, source) in partials { library.register(try Template(source), named: name) }
    let output = library.render("<test>", data.templateValue).map {
      String(decoding: $0, as: UTF8.self)
    }
    #expect(output == expected, "\(testDescription)\ntemplate: \(template.debugDescription)")
  }
}

/// A JSON value of a case's data, as the renderer's closed value type sees it.
enum JSONValue: Decodable, Sendable {
  case null
  case bool(Bool)
  case integer(Int)
  case decimal(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let flag = try? container.decode(Bool.self) {
      self = .bool(flag)
    } else if let number = try? container.decode(Int.self) {
      self = .integer(number)
    } else if let number = try? container.decode(Double.self) {
      self = .decimal(number)
    } else if let text = try? container.decode(String.self) {
      self = .string(text)
    } else if let array = try? container.decode([JSONValue].self) {
      self = .array(array)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  /// Decimals become their shortest text (`1.21`), the way a view model would place them.
  var templateValue: TemplateValue {
    switch self {
    case .null: .null
    case .bool(let flag): .bool(flag)
    case .integer(let number): .integer(number)
    case .decimal(let number): .text(number.description)
    case .string(let text): .text(text)
    case .array(let elements): .list(elements.map(\.templateValue))
    case .object(let members): .object(JSONObject(members: members))
    }
  }
}

/// A JSON object as a template object: a name it has answers its value (`null` included).
struct JSONObject: TemplateObject {
  var members: [String: JSONValue]

  func value(for name: String) -> TemplateValue? {
    members[name]?.templateValue
  }
}
