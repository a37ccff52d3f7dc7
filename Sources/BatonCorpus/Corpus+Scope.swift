import BatonSource

extension Corpus {
  /// The documents a change touches: those changed, those that link to or reference them,
  /// those sharing an identifier with them, and those linking to a document that is gone.
  ///
  /// This is what `baton check --since REF` checks, so a pull request's job reports on what it
  /// changed and on what the change can break, and unchanged legacy documents stay quiet.
  public func paths(affectedBy scope: ChangeScope) -> Set<String> {
    var result = Set<String>()
    for path in scope.changedPaths {
      guard let document = document(at: path) else { continue }
      result.insert(path)
      result.formUnion(backlinks[path] ?? [])
      if document.identifier.number != nil {
        for other in documents(inCollection: document.collection, key: document.identifier.key) {
          result.insert(other.path)
        }
      }
    }
    if !scope.removedPaths.isEmpty {
      for document in documents {
        let linksToRemoved = document.links.contains { link in
          link.target.map(scope.removedPaths.contains) ?? false
        }
        if linksToRemoved { result.insert(document.path) }
      }
    }
    return result
  }
}
