import BatonGit
import BatonSource
import BatonSupport

/// The text of the files some diagnostics point into, to turn their columns (UTF-8 bytes, see
/// `SourceLocation`) into the UTF-16 code units SARIF counts.
///
/// Read at report time from the same snapshot the check read (working tree or `--rev`), only
/// for the files where a diagnostic has a column past the first.
public struct SourceLines: Sendable {
  private var files: [String: [UInt8]]

  /// No file text: every column stays as it is (right for ASCII lines).
  public init(files: [String: [UInt8]] = [:]) {
    self.files = files
  }

  /// Reads the files of `diagnostics` that need it from the source `options` names.
  public static func read(for diagnostics: [Diagnostic], _ options: SourceOptions) throws
    -> SourceLines
  {
    let paths = Set(diagnostics.filter { $0.location.column > 1 }.map(\.location.path))
    guard !paths.isEmpty else { return SourceLines() }
    let repository = try Loader.open(options)
    let (snapshot, _) = try Loader.snapshot(repository, options: options)
    var files: [String: [UInt8]] = [:]
    for path in paths.sorted() {
      let file = try? repository.file(in: snapshot, at: path, maxBytes: options.maxFileBytes)
      if let bytes = file?.contents { files[path] = bytes }
    }
    return SourceLines(files: files)
  }

  /// The 1-based column of `location` in UTF-16 code units: the UTF-16 length of the line's
  /// bytes before it, plus one. Unchanged when the file's text is not at hand.
  public func utf16Column(_ location: SourceLocation) -> Int {
    let column = max(location.column, 1)
    guard column > 1, location.line > 0, let bytes = files[location.path],
      let start = Self.lineStart(location.line, in: bytes)
    else { return column }
    let lineEnd = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
    let end = min(start + column - 1, lineEnd)
    // A column past the line's end (a finding at its end) keeps the bytes beyond as they are.
    let beyond = start + column - 1 - end
    return String(decoding: bytes[start..<end], as: UTF8.self).utf16.count + beyond + 1
  }

  /// Where line `line` (1-based) starts in `bytes`.
  private static func lineStart(_ line: Int, in bytes: [UInt8]) -> Int? {
    var remaining = line - 1
    var index = 0
    while remaining > 0 {
      guard let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
      index = newline + 1
      remaining -= 1
    }
    return index
  }
}
