import BatonDocuments

extension Corpus {
  /// The number after the highest used in a collection (1 for an empty one).
  public func nextFreeNumber(inCollection collection: String) -> Int {
    (documents.filter { $0.collection == collection }.compactMap(\.identifier.number).max() ?? 0)
      + 1
  }

  /// Whether a path is a folder holding files of the handbook.
  public func hasFolder(_ path: String) -> Bool {
    let prefix = path.hasSuffix("/") ? path : path + "/"
    return filePaths.contains { $0.hasPrefix(prefix) }
  }

  /// Documents of a kind, in path order.
  public func documents(ofKind kind: String) -> [Document] {
    documents.filter { $0.kind == kind }
  }
}
