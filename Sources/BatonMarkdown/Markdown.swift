internal import CCmarkGFM
internal import CMarkdownArena
import Foundation

/// Parses GitHub-flavoured Markdown into a `MarkdownNode` tree.
public enum Markdown {
  /// The deepest nesting kept as structure; deeper content is kept as plain text.
  ///
  /// Hostile input such as ten thousand `>` in a row would otherwise build a tree so deep that
  /// walking it (or freeing it) overflows a task's stack. Real documents stay far below this.
  public static let maximumDepth = 48

  /// The GFM extensions attached to every parser.
  static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

  /// Registers cmark-gfm's core extensions exactly once per process, before the first parse.
  private static let extensionsRegistered: Bool = {
    cmark_gfm_core_extensions_ensure_registered()
    return true
  }()

  /// Serialises `cmark_parser_finish` across threads.
  ///
  /// cmark-gfm 0.29 adds its extensions' special inline characters (`~`, `|` …) to a global
  /// table before it parses inlines and removes them afterwards (in `finish`), so two parsers
  /// finishing at once can strip each other's characters mid-parse: a strikethrough or table
  /// then parses as text. Block parsing (`feed`) and reading the result stay parallel.
  ///
  /// Pinning the characters in the table for good (and emptying the extensions' own lists)
  /// would drop the lock, but cmark-gfm's autolink extension then loops forever on `www.`; the
  /// lock measured no slower on the benchmark.
  private static let finishLock = NSLock()

  /// cmark-gfm's allocator for every parse: the calling thread's arena (see
  /// `markdown_arena.h`). A parse allocates thousands of small nodes and buffers; with the
  /// arena each costs a pointer bump, and the whole parse is dropped at once when read.
  nonisolated(unsafe) private static let arena: UnsafeMutablePointer<cmark_mem> = {
    let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
    memory.initialize(
      to: cmark_mem(
        calloc: baton_arena_calloc, realloc: baton_arena_realloc, free: baton_arena_free))
    return memory
  }()

  /// Parses GitHub-flavoured Markdown.
  ///
  /// Extensions: table, strikethrough, autolink, tagfilter and tasklist; footnotes are on. The
  /// positions of the returned nodes are shifted so that line 1 of `source` is `firstLine`, for
  /// a body whose front matter was split off before. Safe on any input: NUL bytes become
  /// U+FFFD, and nesting deeper than `maximumDepth` is flattened to text.
  ///
  /// - Parameters:
  ///   - source: the Markdown text, without front matter.
  ///   - firstLine: the line number of the first line of `source` in its file.
  /// - Returns: the `document` node.
  public static func parse(_ source: String, firstLine: Int = 1) -> MarkdownNode {
    var source = source
    return source.withUTF8 { bytes in parse(utf8: bytes, firstLine: firstLine) }
  }

  /// Parses GitHub-flavoured Markdown given as UTF-8 bytes; see `parse(_:firstLine:)`.
  ///
  /// - Parameters:
  ///   - utf8: the Markdown text as valid UTF-8, without front matter.
  ///   - firstLine: the line number of the first line of `utf8` in its file.
  /// - Returns: the `document` node.
  public static func parse(utf8: UnsafeBufferPointer<UInt8>, firstLine: Int = 1) -> MarkdownNode {
    read(utf8: utf8, firstLine: firstLine, outline: false, tree: true).tree
      ?? MarkdownNode(
        kind: .document, start: SourcePosition(line: firstLine, column: 1),
        end: SourcePosition(line: firstLine, column: 1))
  }

  /// Reads the outline of GitHub-flavoured Markdown: its blocks, headings, links, raw HTML and
  /// prose, without building a tree; with `buildingTree`, also the tree, from the same parse.
  ///
  /// Parsing is as in `parse(_:firstLine:)`, and every fact is what the tree's helpers would
  /// give for it.
  ///
  /// - Parameters:
  ///   - utf8: the Markdown text as valid UTF-8, without front matter.
  ///   - firstLine: the line number of the first line of `utf8` in its file.
  ///   - buildingTree: whether to build the `MarkdownNode` tree as well.
  public static func outline(
    utf8: UnsafeBufferPointer<UInt8>, firstLine: Int = 1, buildingTree: Bool = false
  ) -> (outline: MarkdownOutline, tree: MarkdownNode?) {
    let result = read(utf8: utf8, firstLine: firstLine, outline: true, tree: buildingTree)
    return (result.outline ?? MarkdownOutline(), result.tree)
  }

  /// Parses `utf8` once and reads what is asked of the result.
  private static func read(
    utf8: UnsafeBufferPointer<UInt8>, firstLine: Int, outline: Bool, tree: Bool
  ) -> (outline: MarkdownOutline?, tree: MarkdownNode?) {
    guard extensionsRegistered else { return (nil, nil) }
    let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES
    // Everything cmark allocates below lives in this thread's arena until the reset: the tree
    // is not freed node by node, and nothing read from it is kept without being copied.
    defer { baton_arena_reset() }
    guard let parser = cmark_parser_new_with_mem(options, arena) else { return (nil, nil) }
    defer { cmark_parser_free(parser) }
    for name in extensionNames {
      if let syntaxExtension = cmark_find_syntax_extension(name) {
        cmark_parser_attach_syntax_extension(parser, syntaxExtension)
      }
    }
    if let base = utf8.baseAddress, !utf8.isEmpty {
      base.withMemoryRebound(to: CChar.self, capacity: utf8.count) { characters in
        cmark_parser_feed(parser, characters, utf8.count)
      }
    }
    finishLock.lock()
    let finished = cmark_parser_finish(parser)
    finishLock.unlock()
    guard let root = finished else { return (nil, nil) }
    let first = SourcePosition(line: firstLine, column: 1)
    var result: (outline: MarkdownOutline?, tree: MarkdownNode?) = (nil, nil)
    if outline {
      let (start, end) = CmarkNode.positions(
        of: root, lineOffset: firstLine - 1, parentStart: first, parentEnd: first)
      var scanner = OutlineScanner(lineOffset: firstLine - 1)
      scanner.scan(root, start: start, end: end)
      result.outline = scanner.outline
    }
    if tree {
      var builder = TreeBuilder(lineOffset: firstLine - 1)
      result.tree = builder.build(root, depth: 0, parentStart: first, parentEnd: first)
    }
    return result
  }
}
