import Testing

@testable import BatonSite

/// The address of one page from another, as short as it goes.
@Suite struct SiteLayoutHrefTests {
  @Test(arguments: [
    ("a/b/index.html", "a/b/index.html", "index.html"),
    ("a/c/index.html", "a/b/index.html", "../c/index.html"),
    ("index.html", "a/b/index.html", "../../index.html"),
    ("a/b/c/index.html", "index.html", "a/b/c/index.html"),
    ("ab/index.html", "a/index.html", "../ab/index.html"),
    ("a/index.html", "ab/x/index.html", "../../a/index.html"),
    ("a/b", "a/b/index.html", "../b"),
    ("x/é t/index.html", "x/y/index.html", "../%C3%A9%20t/index.html"),
  ])
  func addressFromAPage(target: String, page: String, expected: String) {
    #expect(SiteLayout.href(target, from: page) == expected)
  }

  /// The same as going segment by segment, on every pair of a set of paths.
  @Test func agreesWithSegmentBySegment() {
    let paths = [
      "index.html", "a/index.html", "a/b/index.html", "a/bc/index.html", "ab/index.html",
      "a/b/c/index.html", "a/b/c/d.html", "b/index.html", "a/b", "a/",
    ]
    for target in paths {
      for page in paths {
        let from = page.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        let to = target.split(separator: "/", omittingEmptySubsequences: false)
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] {
          common += 1
        }
        let expected =
          String(repeating: "../", count: from.count - common)
          + to[common...].joined(separator: "/")
        #expect(SiteLayout.href(target, from: page) == expected, "\(target) from \(page)")
      }
    }
  }

  /// One `../` for each part of a page's path but the last, the same as counting its parts,
  /// however deep (past the prefixes made once) and whatever its characters.
  @Test func rootPrefixCountsTheFoldersAbove() {
    let deep = (0..<20).map { "f\($0)" }.joined(separator: "/") + "/index.html"
    let pages = [
      "index.html", "404.html", "a/index.html", "a/b/index.html", "é/ü/index.html",
      "a//b/index.html", "/a/index.html", "a/b/", deep, "x/\u{301}/index.html",
    ]
    for page in pages {
      let expected = String(repeating: "../", count: page.countParts(splitOnASCII: "/") - 1)
      #expect(SiteLayout.rootPrefix(of: page) == expected, "\(page)")
    }
    #expect(SiteLayout.rootPrefix(of: "a/b/index.html") == "../../")
    #expect(SiteLayout.rootPrefix(of: deep) == String(repeating: "../", count: 20))
  }
}
