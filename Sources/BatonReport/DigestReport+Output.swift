import BatonDocuments
import BatonMustache
import BatonSupport

extension DigestReport {
  /// The period as two days: `2026-11-23 to 2026-11-30`.
  package var period: String {
    "\(from.prefix(10)) to \(until.prefix(10))"
  }

  var heading: String {
    "Digest, \(period)" + (audience.map { " for @\($0)" } ?? "")
  }

  /// What a section says about an item after its title, as plain text.
  package static func detail(_ item: Item, in section: Section) -> String {
    let person = item.person
    let asks =
      item.asks.isEmpty ? nil : "asks " + item.asks.map { "@" + $0 }.joined(separator: ", ")
    var parts: [String?]
    switch section {
    case .decided:
      parts = [
        [item.status, person.map { "by " + $0 }, item.day.map { "on " + $0 }]
          .compactMap { $0 }.joined(separator: " ")
      ]
    case .proposed:
      parts = [
        person.map { "by " + $0 },
        [asks, item.day.map { "by " + $0 }].compactMap { $0 }
          .joined(separator: " "), item.note,
      ]
    case .ready, .stuck:
      parts = [person.map { "owner " + $0 }, item.note]
    case .overdue:
      parts = [item.day.map { "due " + $0 }, asks, item.note]
    case .updates:
      parts = [
        [item.status, person.map { "by " + $0 }, item.day.map { "on " + $0 }]
          .compactMap { $0 }.joined(separator: " "), item.note,
      ]
    case .pastReview:
      parts = [person.map { "owner " + $0 }, item.day.map { "review was due " + $0 }]
    case .newPages:
      parts = [person.map { "by " + $0 }]
    }
    return parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " — ")
  }

  /// The digest as Markdown, ready to paste into a chat channel or an e-mail: a heading per
  /// section with something in it, a bullet per document linking to its page.
  public func markdown() -> String {
    var out = "# \(DigestReport.markdownText(heading))\n"
    if isEmpty { out += "\nNothing was decided, proposed or asked in this period.\n" }
    for (section, items) in sections where !items.isEmpty {
      out += "\n## \(section.rawValue)\n\n"
      for item in items {
        let label = DigestReport.markdownText(item.label)
        let link = item.url.map { "[\(label)](<\($0)>)" } ?? "**\(label)**"
        let detail = DigestReport.detail(item, in: section)
        out +=
          "- \(link)" + (detail.isEmpty ? "" : " — " + DigestReport.markdownText(detail)) + "\n"
      }
    }
    return out
  }

  /// The punctuation `markdownText` escapes.
  static let markdownSpecial = Set("\\`*_[]<>#|~".utf8)

  /// Text with Markdown's punctuation escaped, so a title reads as written.
  static func markdownText(_ text: String) -> String {
    guard text.utf8.contains(where: markdownSpecial.contains) else { return text }
    var out = ""
    for character in text {
      if "\\`*_[]<>#|~".contains(character) { out.append("\\") }
      out.append(character)
    }
    return out
  }

  /// The digest as text for a terminal.
  public func text() -> String {
    var out = heading + "\n"
    if isEmpty { out += "\nNothing was decided, proposed or asked in this period.\n" }
    let e = TerminalText.escaped
    for (section, items) in sections where !items.isEmpty {
      out += "\n\(section.rawValue)\n"
      for item in items {
        out += "  \(e(item.label))  \(e(item.path))\n"
        let detail = DigestReport.detail(item, in: section)
        if !detail.isEmpty { out += "    \(e(detail))\n" }
      }
    }
    return out
  }

  /// The digest as an HTML fragment (a heading, then a heading and a list per section).
  public func html() -> String {
    let h = HTMLEscaping.escape
    var out = "<h1>\(h(heading))</h1>\n"
    if isEmpty { out += "<p>Nothing was decided, proposed or asked in this period.</p>\n" }
    for (section, items) in sections where !items.isEmpty {
      out += "<h2>\(h(section.rawValue))</h2>\n<ul>\n"
      for item in items {
        let label = h(item.label)
        let link =
          item.url.map { "<a href=\"\(h($0))\">\(label)</a>" }
          ?? "<strong>\(label)</strong>"
        let detail = DigestReport.detail(item, in: section)
        out += "<li>\(link)" + (detail.isEmpty ? "" : " — " + h(detail)) + "</li>\n"
      }
      out += "</ul>\n"
      if let more = hidden[section] { out += "<p>And \(more) more.</p>\n" }
    }
    return out
  }
}

extension DigestReport.Item {
  /// The number and the title, or the title alone.
  package var label: String {
    id.isEmpty ? title : "\(id) \(title)"
  }
}
