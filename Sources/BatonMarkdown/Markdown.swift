internal import CCmarkGFM
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
  /// then parses as text. Block parsing (`feed`) and building the Swift tree stay parallel.
  private static let finishLock = NSLock()

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
    let empty = MarkdownNode(
      kind: .document,
      start: SourcePosition(line: firstLine, column: 1),
      end: SourcePosition(line: firstLine, column: 1))
    guard extensionsRegistered else { return empty }
    let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES
    guard let parser = cmark_parser_new(options) else { return empty }
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
    guard let root = finished else { return empty }
    defer { cmark_node_free(root) }
    var builder = TreeBuilder(lineOffset: firstLine - 1)
    return builder.build(root, depth: 0, parentStart: empty.start, parentEnd: empty.end)
  }
}
