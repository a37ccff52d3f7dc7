/// A value a template can read: the closed set of what Mustache places, tests and iterates.
///
/// `{{name}}` writes `text` (escaped) and `integer`; `{{#name}}` renders its body once for a
/// truthy value with it on top of the context stack, once per element of a `list`, and not at
/// all for `null`, `false` and an empty list (`{{^name}}` the other way round). An `object`
/// answers names (`TemplateObject`). No case holds `Any`: the renderer never casts.
public enum TemplateValue {
  case text(String)
  case integer(Int)
  case bool(Bool)
  case list([TemplateValue])
  case object(any TemplateObject)
  /// A list of view models of one type (`list(_:)`), read element by element where it is:
  /// iterating or testing it boxes none of them.
  case objects(TemplateObjects)
  /// A value the object knows it lacks: renders as nothing, a section of it is skipped, and the
  /// name is not looked up further down the context stack.
  case null

  /// Whether a section renders (`{{#…}}`) rather than its inverse (`{{^…}}`).
  var isTruthy: Bool {
    switch self {
    case .null: false
    case .bool(let flag): flag
    case .list(let elements): !elements.isEmpty
    case .objects(let list): list.count > 0
    case .text, .integer, .object: true
    }
  }
}

extension TemplateValue {
  /// The text, or `null` when there is none.
  public static func text(_ value: String?) -> TemplateValue {
    value.map { .text($0) } ?? .null
  }

  /// An object, or `null` when there is none.
  public static func object(_ value: (any TemplateObject)?) -> TemplateValue {
    value.map { .object($0) } ?? .null
  }

  /// A list of objects.
  @inlinable
  public static func list<Object: TemplateObject>(_ objects: [Object]) -> TemplateValue {
    .objects(
      TemplateObjects(count: objects.count) { index, name in
        guard let name else { return .object(objects[index]) }
        return objects[index].value(for: name)
      })
  }
}

/// A list of view models of one type read in place (`TemplateValue.list(_:)`): one closure,
/// made where the element type is known, answers a name of an element (or, for no name, gives
/// the element boxed), so that reading a name copies no element.
public struct TemplateObjects {
  public let count: Int
  @usableFromInline let read: (Int, String?) -> TemplateValue?

  @usableFromInline
  init(count: Int, read: @escaping (Int, String?) -> TemplateValue?) {
    self.count = count
    self.read = read
  }

  /// What the element at `index` answers for `name` (`TemplateObject.value(for:)`).
  func value(at index: Int, for name: String) -> TemplateValue? {
    read(index, name)
  }

  /// The element at `index`, boxed.
  func element(at index: Int) -> TemplateValue {
    read(index, nil) ?? .null
  }

  /// The elements, boxed.
  var elements: [TemplateValue] {
    (0..<count).map { element(at: $0) }
  }
}

/// A view model: answers the names a template reads from it.
///
/// `value(for:)` returns nil for a name the object does not have, so the renderer looks the
/// name up in the contexts below it on the stack (a list row reads the page's `root`), and
/// `.null` for a name it has without a value, which stops the lookup. Conforming types switch
/// over their keys: reading a view model costs no cast and no reflection.
public protocol TemplateObject {
  func value(for name: String) -> TemplateValue?
}
