import Foundation
import Testing

@testable import BatonDocuments

/// Where a relative link leads, worked out on bytes, must match the plain string reading.
@Suite("Link targets")
struct LinkTargetTests {
  /// The reading on Characters and Foundation that the byte version replaced.
  static func reference(_ url: String, from documentPath: String) -> String? {
    var target = Substring(url)
    if let cut = target.firstIndex(where: { $0 == "#" || $0 == "?" }) { target = target[..<cut] }
    guard !target.isEmpty else { return nil }
    let decoded = String(target).removingPercentEncoding ?? String(target)
    var parts: [Substring] =
      decoded.hasPrefix("/") ? [] : documentPath.split(separator: "/").dropLast()
    for part in decoded.split(separator: "/") {
      switch part {
      case ".": continue
      case "..":
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
      default: parts.append(part)
      }
    }
    return parts.joined(separator: "/")
  }

  static let urls = [
    "b.md", "./b.md", "../b.md", "../../b.md", "../../../b.md", "/top.md", "//b.md", "a//b.md",
    "b.md#anchor", "b.md?x=1#y", "#only", "?only", "", ".", "..", "./", "sub/../b.md",
    "sub/./c/../d.md", "b%20c.md", "%C3%A9t%C3%A9.md", "bad%zz.md", "été/ü.md",
    "images/diagram.png", "../assets/x.svg#frag", "a/b/c/", "/", "..#x", "docs/./../../x",
  ]
  static let documents = ["decisions/0001-a.md", "a.md", "handbook/deep/er/page.md", "x/y.md"]

  @Test(arguments: urls)
  func bytesAgreeWithTheReference(url: String) {
    for document in LinkTargetTests.documents {
      #expect(
        DocumentLink.target(of: url, from: document)
          == LinkTargetTests.reference(url, from: document), "\(url) from \(document)")
    }
  }

  @Test func relativeLinks() {
    let relative = ["b.md", "../x", "#a", "?q", "a/b:c", "c#d:e", "été.md"]
    let absolute = ["https://x.org", "//cdn/x.js", "mailto:a@b.c", "javascript:alert(1)", "c:d"]
    for url in relative { #expect(DocumentLink.isRelative(url), "\(url)") }
    for url in absolute { #expect(!DocumentLink.isRelative(url), "\(url)") }
  }

  @Test func aParsedLinkKnowsItsTarget() {
    let link = DocumentLink(
      url: "../handbook/b.md#on-call", line: 3, column: 5, isImage: false,
      in: "decisions/0001-a.md")
    #expect(link.target == "handbook/b.md")
    let web = DocumentLink(
      url: "https://example.com/a.md", line: 1, column: 1, isImage: false, in: "a.md")
    #expect(web.target == nil && !web.isRelative)
  }
}
