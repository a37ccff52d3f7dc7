import Mustache

/// A view model that can say, without rendering, what a template could read from it.
///
/// The render cache keys a page by the fingerprint of its whole view model (with the template
/// and the theme), so a page is rendered again exactly when something it can show changed: its
/// document, a linked document's title, a backlink, the navigation tree. A type conforming must
/// feed every value its `child(named:)` can return, or values those are derived from.
protocol Fingerprinted {
  func fingerprint(into hasher: inout StableHasher) -> Bool
}

/// Feeds any value a view model holds into a hasher.
///
/// - Returns: false when the value is of a type the cache cannot fingerprint; the page is then
///   always rendered (never served stale).
func fingerprintAny(_ value: Any, into hasher: inout StableHasher) -> Bool {
  switch value {
  case let text as String:
    hasher.combine(1 as Int)
    hasher.combine(text)
    return true
  case let model as any Fingerprinted:
    hasher.combine(2 as Int)
    return model.fingerprint(into: &hasher)
  case let flag as Bool:
    hasher.combine(3 as Int)
    hasher.combine(flag)
    return true
  case let number as Int:
    hasher.combine(4 as Int)
    hasher.combine(number)
    return true
  case let list as any FingerprintedSequence:
    hasher.combine(5 as Int)
    return list.fingerprintElements(into: &hasher)
  case let optional as any OptionalValue:
    guard let wrapped = optional.wrapped else {
      hasher.combine(6 as Int)
      return true
    }
    return fingerprintAny(wrapped, into: &hasher)
  case let text as Substring:
    hasher.combine(1 as Int)
    hasher.combine(String(text))
    return true
  default:
    return false
  }
}

/// Arrays of view-model values.
protocol FingerprintedSequence {
  func fingerprintElements(into hasher: inout StableHasher) -> Bool
}

extension Array: FingerprintedSequence {
  func fingerprintElements(into hasher: inout StableHasher) -> Bool {
    hasher.combine(count)
    for element in self where !fingerprintAny(element, into: &hasher) { return false }
    return true
  }
}

extension ArraySlice: FingerprintedSequence {
  func fingerprintElements(into hasher: inout StableHasher) -> Bool {
    Array(self).fingerprintElements(into: &hasher)
  }
}

extension Values: Fingerprinted {
  /// Each key and value is hashed on its own and the digests summed, so the dictionary's order
  /// (which differs between processes) does not matter and no keys are sorted.
  func fingerprint(into hasher: inout StableHasher) -> Bool {
    var sum = Digest(high: 0, low: 0)
    for (key, value) in values {
      var entry = StableHasher()
      entry.combine(key)
      guard fingerprintAny(value, into: &entry) else { return false }
      sum.add(entry.finalize())
    }
    hasher.combine(values.count)
    hasher.combine(sum)
    return true
  }
}

extension Absent: Fingerprinted {
  func fingerprint(into hasher: inout StableHasher) -> Bool {
    hasher.combine(0xAB5E_47 as UInt64)
    return true
  }
}

extension DocumentRow: Fingerprinted {
  func fingerprint(into hasher: inout StableHasher) -> Bool {
    for text in [path, url, title, id, kind, collection, summary] { hasher.combine(text) }
    for text in [status, owner, ownerURL, date, team, deadline, reviewBy] {
      hasher.combine(text != nil)
      if let text { hasher.combine(text) }
    }
    hasher.combine(tags.count)
    for tag in tags { _ = tag.fingerprint(into: &hasher) }
    return true
  }
}

extension TagLink: Fingerprinted {
  func fingerprint(into hasher: inout StableHasher) -> Bool {
    hasher.combine(name)
    hasher.combine(url)
    hasher.combine(count)
    return true
  }
}

extension NavLink: Fingerprinted {
  func fingerprint(into hasher: inout StableHasher) -> Bool {
    hasher.combine(key)
    hasher.combine(title)
    hasher.combine(url)
    hasher.combine(current)
    return true
  }
}

extension SiteInfo: Fingerprinted {
  func fingerprint(into hasher: inout StableHasher) -> Bool {
    hasher.combine(title)
    for text in [baseURL, repositoryURL] {
      hasher.combine(text != nil)
      if let text { hasher.combine(text) }
    }
    hasher.combine(generator)
    for links in [nav, feeds] {
      hasher.combine(links.count)
      for link in links { _ = link.fingerprint(into: &hasher) }
    }
    return true
  }
}

extension PageView: Fingerprinted {
  func fingerprint(into hasher: inout StableHasher) -> Bool {
    for text in [root, title, section, path] { hasher.combine(text) }
    _ = site.fingerprint(into: &hasher)
    return fingerprintAny(content, into: &hasher)
  }
}

/// HTML computed only when a template shows it, fingerprinted by its inputs.
///
/// A document's body is the costliest part of its view model; its key (the document's bytes and
/// everything its links resolve against) lets the cache skip the page without rendering it.
final class LazyHTML: MustacheCustomRenderable, Fingerprinted {
  let key: Digest
  private let make: () -> String
  private var cached: String?

  init(key: Digest, make: @escaping () -> String) {
    self.key = key
    self.make = make
  }

  var renderText: String {
    if let cached { return cached }
    let text = make()
    cached = text
    return text
  }

  var isNull: Bool { false }

  func fingerprint(into hasher: inout StableHasher) -> Bool {
    hasher.combine(0x4854_4D4C as UInt64)
    hasher.combine(key)
    return true
  }
}

/// A view-model value built only when a template reads it, fingerprinted by a key that stands
/// for everything it is built from (a navigation tree and the page it is open at).
final class LazyValue: MustacheCustomRepresentation, Fingerprinted {
  let key: Digest
  private let make: () -> Any
  private var cached: Any?

  init(key: Digest, make: @escaping () -> Any) {
    self.key = key
    self.make = make
  }

  var representation: Any? {
    if let cached { return cached }
    let value = make()
    cached = value
    return value
  }

  func fingerprint(into hasher: inout StableHasher) -> Bool {
    hasher.combine(0x4C41_5A59 as UInt64)
    hasher.combine(key)
    return true
  }
}
