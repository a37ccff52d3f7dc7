import BatonDocuments

extension Corpus {
  /// The documents a command-line reference names: a repository path, a number or identifier
  /// (`42`, `0042`, `ADR-0042`) in any collection, or a file name's stem.
  ///
  /// More than one result means the reference is ambiguous (the same number in two
  /// collections); none means it names nothing.
  public func documents(matching reference: String) -> [Document] {
    let trimmed = reference.trimmingWhitespace()
    guard !trimmed.isEmpty else { return [] }
    if let document = document(at: trimmed) { return [document] }
    let key = DocumentIdentifier.key(forReference: trimmed)
    let byKey = documents.filter { $0.identifier.key == key }
    if !byKey.isEmpty { return byKey }
    let stem = trimmed.lowercased()
    return documents.filter { document in
      let name = document.path.split(separator: "/").last.map(String.init) ?? document.path
      let base = name.split(separator: ".").first.map(String.init) ?? name
      return base.lowercased() == stem || document.identifier.text.lowercased() == stem
    }
  }
}

extension Corpus {
  /// Whether anyone here has a handle: `people.yml` lists it (a person or a team), or a
  /// document names it as an owner, author or `@mention`. Case is ignored, `@` optional.
  public func knowsHandle(_ handle: String) -> Bool {
    let key = Person.handle(from: handle).lowercased()
    guard !key.isEmpty else { return false }
    if people?.knows(key) ?? false { return true }
    return documents.contains { document in
      document.owner?.value.lowercased() == key
        || document.mentions.contains { $0.value.lowercased() == key }
        || ["deciders", "consulted", "informed"].contains { field in
          document.items(field).contains { Person.handle(from: $0.value).lowercased() == key }
        }
    }
  }
}
