/// A path that differs between two snapshots.
public struct PathChange: Sendable, Hashable, Comparable {
  /// How the path changed.
  public enum Kind: Sendable, Hashable {
    /// The path is new.
    case added
    /// The path's contents (or mode) changed.
    case modified
    /// The path is gone.
    case deleted
    /// The file moved here from another path (possibly with edits).
    case renamed(from: String)
  }

  /// The path in the newer snapshot (the old path for deletions).
  public let path: String
  /// What happened to it.
  public let kind: Kind

  /// Creates a change.
  public init(path: String, kind: Kind) {
    self.path = path
    self.kind = kind
  }

  public static func < (lhs: PathChange, rhs: PathChange) -> Bool { lhs.path < rhs.path }
}
