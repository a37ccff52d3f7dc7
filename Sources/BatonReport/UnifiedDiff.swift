/// A change to a text's lines: at `line` (0-based), `removing` lines replaced by `inserting`.
public struct TextEdit: Sendable, Hashable {
  public var line: Int
  public var removing: Int
  public var inserting: [String]

  public init(line: Int, removing: Int, inserting: [String]) {
    self.line = line
    self.removing = removing
    self.inserting = inserting
  }
}

/// Unified diffs of known edits, as `git diff` prints them (three lines of context), so that a
/// command that edits a document can show what it did, ready to commit.
public enum UnifiedDiff {
  static let context = 3

  /// The lines with the edits applied (edits must not overlap).
  public static func apply(_ edits: [TextEdit], to lines: [String]) -> [String] {
    var result = lines
    for edit in edits.sorted(by: { $0.line > $1.line }) {
      result.replaceSubrange(edit.line..<(edit.line + edit.removing), with: edit.inserting)
    }
    return result
  }

  /// The diff of applying `edits` to `lines`, with `a/` and `b/` headers for `path`.
  public static func text(path: String, lines: [String], edits: [TextEdit]) -> String {
    let sorted = edits.sorted { $0.line < $1.line }
    var groups: [[TextEdit]] = []
    for edit in sorted {
      if let last = groups.last?.last,
        edit.line - (last.line + last.removing) <= 2 * context
      {
        groups[groups.count - 1].append(edit)
      } else {
        groups.append([edit])
      }
    }
    var output = "--- a/\(path)\n+++ b/\(path)\n"
    var shift = 0
    for group in groups {
      let (hunk, delta) = self.hunk(group, lines: lines, shift: shift)
      output += hunk
      shift += delta
    }
    return output
  }

  /// One hunk; `shift` is how many lines earlier hunks added (new minus old).
  private static func hunk(_ edits: [TextEdit], lines: [String], shift: Int) -> (String, Int) {
    guard let first = edits.first, let last = edits.last else { return ("", 0) }
    let start = max(0, first.line - context)
    let end = min(lines.count, last.line + last.removing + context)
    var body: [String] = []
    var cursor = start
    var (oldCount, newCount) = (0, 0)
    for edit in edits {
      for line in lines[cursor..<edit.line] { body.append(" " + line) }
      body += lines[edit.line..<(edit.line + edit.removing)].map { "-" + $0 }
      body += edit.inserting.map { "+" + $0 }
      oldCount += edit.line - cursor + edit.removing
      newCount += edit.line - cursor + edit.inserting.count
      cursor = edit.line + edit.removing
    }
    for line in lines[cursor..<max(cursor, end)] { body.append(" " + line) }
    oldCount += max(0, end - cursor)
    newCount += max(0, end - cursor)
    let oldStart = oldCount == 0 ? start : start + 1
    let newStart = newCount == 0 ? start + shift : start + shift + 1
    let header = "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
    return (header + body.joined(separator: "\n") + "\n", newCount - oldCount)
  }
}
