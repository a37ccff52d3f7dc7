/// What the history walk looks at.
public struct HistoryOptions: Sendable {
  /// Folder prefixes holding documents ("" for the whole repository).
  public var prefixes: [String]
  /// File name extensions of documents, without the dot (`["md", "markdown"]`).
  public var extensions: Set<String>
  /// Called now and then with the number of commits walked so far, from whichever walking
  /// thread got there (the walk runs on several), so it must be safe to call from any thread.
  public var progress: (@Sendable (Int) -> Void)?

  /// Creates options.
  public init(
    prefixes: [String], extensions: Set<String>, progress: (@Sendable (Int) -> Void)? = nil
  ) {
    self.prefixes = prefixes
    self.extensions = extensions
    self.progress = progress
  }
}
