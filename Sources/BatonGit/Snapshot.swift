/// Which state of the repository to read: the files on disk, or a commit's tree.
public enum Snapshot: Sendable, Hashable {
  /// The working tree as it is on disk, including untracked files that git does not ignore.
  case workingTree
  /// The tree of a commit, read from the object database without a checkout.
  case commit(ObjectID)
}
