import BatonSupport

/// A view model that feeds, without rendering, everything a template could read from it.
///
/// The render cache keys a page by the fingerprint of its whole view model (with the template
/// and the theme), so a page is rendered again exactly when something it can show changed: its
/// document, a linked document's title, a backlink, the navigation tree. A conforming type
/// feeds every stored property its `value(for:)` reads, in declaration order, each optional
/// with whether it is there. Every view model is a typed struct, so nothing is left out because
/// its type is unknown; values built only when a template reads them (`LazyView`) feed the key
/// that stands for their inputs.
protocol Fingerprinted {
  func fingerprint(into hasher: inout StableHasher)
}

extension StableHasher {
  /// Adds an optional text: whether it is there, then the text.
  mutating func combine(_ text: String?) {
    combine(text != nil)
    if let text { combine(text) }
  }

  /// Adds a view model.
  mutating func combine(_ model: some Fingerprinted) {
    model.fingerprint(into: &self)
  }

  /// Adds an optional view model: whether it is there, then the model.
  mutating func combine(_ model: (some Fingerprinted)?) {
    combine(model != nil)
    if let model { model.fingerprint(into: &self) }
  }

  /// Adds a list of view models, prefixed by their count.
  mutating func combine(_ models: [some Fingerprinted]) {
    combine(models.count)
    for model in models { model.fingerprint(into: &self) }
  }
}

/// A view-model value built only when a template reads it, fingerprinted by a key that stands
/// for everything it is built from (a document's body by the document's bytes and the layout;
/// a navigation tree and the page it is open at).
///
/// A page's key is computed before it is rendered: when the cache has the page, the value is
/// never built. Built and read inside one page's render, so it need not be `Sendable`.
final class LazyView<Value>: Fingerprinted {
  let key: Digest
  private let make: () -> Value
  private var cached: Value?

  init(key: Digest, make: @escaping () -> Value) {
    self.key = key
    self.make = make
  }

  /// A value built already, keyed by `key`.
  init(key: Digest, value: Value) {
    self.key = key
    self.make = { value }
    self.cached = value
  }

  /// The value, built on first use.
  var value: Value {
    if let cached { return cached }
    let value = make()
    cached = value
    return value
  }

  func fingerprint(into hasher: inout StableHasher) {
    hasher.combine(0x4C41_5A59 as UInt64)
    hasher.combine(key)
  }
}
