import Foundation
import Testing

/// Keyboard use of a page: the skip link comes first and works, focus follows the page's
/// order, and every focused element shows a visible focus ring.
enum Keyboard {
  /// What is focused: its place in the document, whether its focus is visible, whether it is
  /// inside the main content; null when nothing is.
  static let focused = """
    var e = document.activeElement;
    if (!e || e === document.body) return null;
    var s = getComputedStyle(e), r = e.getBoundingClientRect();
    var main = document.getElementById('main');
    return {
      index: Array.prototype.indexOf.call(document.querySelectorAll('*'), e),
      name: e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' '
        + (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30),
      ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
        || (s.boxShadow && s.boxShadow !== 'none'),
      shown: r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth,
      skip: e.classList.contains('skip-link'),
      inMain: !!main && main.contains(e)
    };
    """

  struct Focus {
    var index: Int
    var name: String
    var ring: Bool
    var shown: Bool
    var skip: Bool
    var inMain: Bool

    init(_ value: Any?) throws {
      let object = try #require(value as? [String: Any], "nothing has the focus")
      index = object["index"] as? Int ?? -1
      name = object["name"] as? String ?? ""
      ring = object["ring"] as? Bool ?? false
      shown = object["shown"] as? Bool ?? false
      skip = object["skip"] as? Bool ?? false
      inMain = object["inMain"] as? Bool ?? false
    }
  }

  static func check(_ driver: WebDriver, url: String, name: String) async throws {
    // The skip link is the first stop, shown and ringed when focused, and leads into main.
    try await driver.open(url)
    try await driver.press(WebDriver.tab)
    let skip = try Focus(try await driver.execute(focused))
    #expect(skip.skip, "\(name): the first Tab stop is \(skip.name), not the skip link")
    #expect(skip.shown && skip.ring, "\(name): the focused skip link is not visible")
    try await driver.press(WebDriver.enter)
    let hash = try await driver.execute("return location.hash;") as? String
    #expect(hash == "#main", "\(name): the skip link did not go to the content")
    try await driver.press(WebDriver.tab)
    let next = try Focus(try await driver.execute(focused))
    #expect(next.inMain, "\(name): after the skip link, Tab went to \(next.name)")
    // Focus order is the document's order, and each stop shows where the focus is.
    let positive =
      try await driver.execute(
        "return Array.from(document.querySelectorAll('[tabindex]'))"
          + ".filter(function (e) { return e.tabIndex > 0; }).length;") as? Int
    #expect(positive == 0, "\(name): elements with a positive tabindex reorder the focus")
    try await driver.open(url)
    var previous = -1
    for _ in 0..<12 {
      try await driver.press(WebDriver.tab)
      guard let value = try await driver.execute(focused), !(value is NSNull) else { break }
      let focus = try Focus(value)
      #expect(focus.index > previous, "\(name): Tab went back to \(focus.name)")
      #expect(focus.ring, "\(name): \(focus.name) shows no focus ring")
      previous = focus.index
    }
  }
}
