internal import CGit2

extension Repository {
  /// The version of libgit2 linked into this program, as `major.minor.revision` (e.g. `1.5.1`).
  ///
  /// Read from the library itself (`git_libgit2_version`), not from its headers, so a binary
  /// reports what it actually runs with.
  public static var libraryVersion: String {
    var major: Int32 = 0
    var minor: Int32 = 0
    var revision: Int32 = 0
    _ = git_libgit2_version(&major, &minor, &revision)
    return "\(major).\(minor).\(revision)"
  }
}
