/// A file read from a snapshot of the repository.
public struct RepositoryFile: Sendable, Hashable {
  /// Why a file's contents are missing.
  public enum Problem: Sendable, Hashable {
    /// The file is a symbolic link whose target leaves the repository; it is never followed.
    case symlinkOutsideRepository(target: String)
    /// The file is larger than the byte limit the caller gave.
    case tooLarge(size: Int)
    /// The path is not a regular file (a folder, a socket, a link to a folder).
    case notAFile
    /// The file could not be read; the text says why.
    case unreadable(String)
  }

  /// The path relative to the repository root, with '/' separators.
  public let path: String
  /// The bytes, or nil when they could not or must not be read (see `problem`).
  public let contents: [UInt8]?
  /// The size in bytes (0 when unknown).
  public let size: Int
  /// Why `contents` is nil; nil when the file was read (or not read, see `isUnread`).
  public let problem: Problem?
  /// The working-tree file's stamp, taken before it was read; nil for a file of a commit and
  /// for a symbolic link (whose target's changes its own stamp does not show).
  public var stamp: FileStamp?
  /// True when the file was not read because the caller knew it unchanged by its stamp
  /// (`contents` is then nil, and `problem` too).
  public var isUnread = false

  /// Creates a file value.
  public init(
    path: String, contents: [UInt8]?, size: Int, problem: Problem?, stamp: FileStamp? = nil
  ) {
    self.path = path
    self.contents = contents
    self.size = size
    self.problem = problem
    self.stamp = stamp
  }
}
