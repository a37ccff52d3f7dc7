import BatonGit

/// The drafts an earlier load of the working tree found (`LoadedSource.drafts`), and what git
/// found them from: with the same HEAD, the same index (by its stamp, `Repository.indexStamp`)
/// and the same documents, a document whose file was not read again (its stamp did not move,
/// `CollectionFile.isUnread`) has the status it had, so a load asks git only about the files it
/// read instead of listing the status of every file of the collections.
package struct KnownDrafts: Sendable {
  package var head: ObjectID
  package var index: FileStamp
  /// Every document's path then, sorted.
  package var paths: [String]
  package var drafts: [String: WorkingTreeStatus]

  package init(
    head: ObjectID, index: FileStamp, paths: [String], drafts: [String: WorkingTreeStatus]
  ) {
    self.head = head
    self.index = index
    self.paths = paths
    self.drafts = drafts
  }

  /// The most files asked about one by one; with more read again, the whole status is listed.
  static let askLimit = 64

  /// The drafts now, when this knowledge applies to a load of `files` at `head` with the index
  /// at `index`: the known statuses of the files not read, git's of those read. Nil when git
  /// must list the status of every file.
  func drafts(
    _ repository: Repository, head: ObjectID, index: FileStamp?,
    files: [LoadedSource.CollectionFile]
  ) -> [String: WorkingTreeStatus]? {
    guard head == self.head, index == self.index, files.count == paths.count,
      zip(files, paths).allSatisfy({ $0.file.path == $1 })
    else { return nil }
    let read = files.filter { !$0.isUnread }.map(\.file.path)
    guard read.count <= KnownDrafts.askLimit else { return nil }
    var result = drafts
    for path in read { result[path] = nil }
    result.merge(repository.workingTreeStatus(ofEach: read)) { _, asked in asked }
    return result
  }
}
