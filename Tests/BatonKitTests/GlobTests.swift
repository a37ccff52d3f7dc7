import Testing

@testable import BatonSupport

/// A name pattern without wildcards is compared name by name, without the general matcher: it
/// must match exactly what the general matcher does.
@Suite struct GlobTests {
  @Test(arguments: [
    ("README.md", "README.md", true), ("README.md", "docs/README.md", true),
    ("README.md", "README.md/x.md", true), ("README.md", "READMEXmd", false),
    ("README.md", "a/README.mdx", false), ("README.md", "xREADME.md", false),
    ("drafts", "drafts/x.md", true), ("drafts", "a/drafts/b/x.md", true),
    ("drafts", "draftsx/x.md", false), ("drafts/", "drafts/x.md", true),
    ("/README.md", "docs/README.md", true), ("*.md", "a/b.md", true), ("a/*.md", "b/c.md", false),
    ("README.md", "", false), ("README.md", "a//README.md", true), ("README.md", "a/", false),
    ("r\u{e9}sum\u{e9}.md", "a/r\u{e9}sum\u{e9}.md", true), ("README.md", "README.md/", true),
  ])
  func literalNamesMatchAsPatternsDo(pattern: String, path: String, expected: Bool) {
    #expect(Glob(pattern).matches(path) == expected, "\(pattern) on \(path)")
    // The same pattern with a wildcard that changes nothing takes the general matcher.
    if !pattern.contains("*"), !pattern.contains("/") {
      #expect(Glob(pattern + "*").matches(path) || !expected)
    }
  }
}
