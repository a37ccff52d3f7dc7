/// The alignment of a table column, from the delimiter row (`:--`, `:-:`, `--:`).
public enum TableAlignment: Sendable, Hashable {
  /// No colon in the delimiter row.
  case none
  /// `:--`
  case left
  /// `:-:`
  case center
  /// `--:`
  case right
}
