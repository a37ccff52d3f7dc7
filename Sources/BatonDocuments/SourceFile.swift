/// A file as the Load stage read it: its path and bytes, or why there are no bytes.
public struct SourceFile: Sendable, Hashable {
  /// Path relative to the repository's top folder, with `/`.
  public var path: String
  /// The file's bytes; nil when it could not or must not be read.
  public var bytes: [UInt8]?
  /// Why `bytes` is nil, when it is.
  public var problem: ReadProblem?
  /// The bytes of the metadata file beside a folder document (`meta-file:`), when it has one.
  public var metadata: [UInt8]?

  public init(path: String, bytes: [UInt8]?, problem: ReadProblem? = nil) {
    self.path = path
    self.bytes = bytes
    self.problem = problem
  }
}

/// Something wrong with a file before or while its text is read.
///
/// The Load and Parse stages record these on the document; rules turn them into diagnostics, so
/// their severity can be configured and suppressed like any other finding.
public enum ReadProblem: Sendable, Hashable {
  case symlinkOutsideRepository(target: String)
  case tooLarge(size: Int, limit: Int)
  case unreadable(String)
  case binary
  case invalidUTF8(line: Int, column: Int)
  case empty
  case frontMatterSyntax(message: String, line: Int, column: Int)
  case frontMatterNotMapping(line: Int)
  case frontMatterUnterminated(line: Int)
  /// The body has a shape the Markdown parser reads in more than linear time (see
  /// `MarkdownHazard`): it is not parsed.
  case markdownHazard(line: Int, message: String)
}
