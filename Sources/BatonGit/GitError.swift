internal import CGit2

/// A failure reported by libgit2 (or by BatonGit while reading a repository).
public struct GitError: Error, Sendable, CustomStringConvertible {
  /// The libgit2 error code (`GIT_ENOTFOUND` is -3, …); -1 for a generic failure.
  public let code: Int
  /// The libgit2 error class (`GIT_ERROR_OS` is 2, …); 0 when libgit2 gave none.
  public let errorClass: Int
  /// What went wrong, from libgit2's last error or written by BatonGit.
  public let message: String
  /// The libgit2 function (or BatonGit operation) that failed.
  public let function: String
  /// The path or revision the failure concerns, when there is one.
  public let path: String?

  /// Creates an error.
  public init(code: Int, errorClass: Int, message: String, function: String, path: String?) {
    self.code = code
    self.errorClass = errorClass
    self.message = message
    self.function = function
    self.path = path
  }

  /// Whether libgit2 said the object or reference does not exist.
  public var isNotFound: Bool { code == Int(GIT_ENOTFOUND.rawValue) }

  public var description: String {
    var text = "\(function) failed"
    if let path { text += " for '\(path)'" }
    return text + ": " + message
  }
}

/// Throws a `GitError` built from libgit2's last error when `code` is negative.
///
/// Call it right after the libgit2 call, on the same thread: `git_error_last()` is per thread,
/// and libgit2 1.5 can return NULL from it, in which case the message says so.
@inline(__always)
func check(_ code: Int32, _ function: StaticString, path: String? = nil) throws(GitError) {
  if code < 0 { throw GitError.last(code: code, function: "\(function)", path: path) }
}

extension GitError {
  static func last(code: Int32, function: String, path: String?) -> GitError {
    if let error = git_error_last() {
      let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
      return GitError(
        code: Int(code), errorClass: Int(error.pointee.klass), message: message,
        function: function, path: path)
    }
    return GitError(
      code: Int(code), errorClass: 0, message: "libgit2 reported error \(code)",
      function: function, path: path)
  }

  static func failure(_ message: String, function: String, path: String? = nil) -> GitError {
    GitError(code: -1, errorClass: 0, message: message, function: function, path: path)
  }
}
