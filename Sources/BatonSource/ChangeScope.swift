/// What a pull request changed: the documents that differ between the merge base of a
/// reference (`--since origin/main`) and the checked tree, and what the reference holds.
///
/// `baton check --since` checks only these documents and their neighbours; the
/// `number-taken-on-base` rule compares new documents with the reference's.
public struct ChangeScope: Sendable, Hashable {
  /// The reference as given (`origin/main`).
  public var reference: String
  /// The commit it names.
  public var referenceCommit: String
  /// The merge base of the reference and the checked commit.
  public var mergeBase: String
  /// Paths in the checked tree that were added, modified or renamed since the merge base.
  public var changedPaths: Set<String>
  /// Paths among `changedPaths` that are new since the merge base (added or renamed here).
  public var addedPaths: Set<String>
  /// Paths that existed at the merge base and are gone (deleted, or renamed away).
  public var removedPaths: Set<String>
  /// Document paths in the collections' folders on the reference itself.
  public var pathsOnReference: Set<String>

  public init(
    reference: String, referenceCommit: String, mergeBase: String, changedPaths: Set<String>,
    addedPaths: Set<String>, removedPaths: Set<String>, pathsOnReference: Set<String>
  ) {
    self.reference = reference
    self.referenceCommit = referenceCommit
    self.mergeBase = mergeBase
    self.changedPaths = changedPaths
    self.addedPaths = addedPaths
    self.removedPaths = removedPaths
    self.pathsOnReference = pathsOnReference
  }
}
