/// A folder of documents of one kind, as `baton.yml` declares it or as found on its own.
public struct Collection: Sendable, Hashable {
  /// The collection's name in `baton.yml` (`decisions`); used in URLs and lists.
  public var name: String
  /// The folder, relative to the repository's top folder, without a trailing `/`.
  public var path: String
  /// The name of the kind its documents are.
  public var kind: String

  public init(name: String, path: String, kind: String) {
    self.name = name
    self.path = path
    self.kind = kind
  }

  /// Whether a repository path lies in this collection's folder.
  public func contains(_ repositoryPath: String) -> Bool {
    path.isEmpty || repositoryPath.hasPrefix(path + "/")
  }
}
