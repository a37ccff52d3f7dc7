import BatonConfig
import BatonGit
import BatonSupport

/// The drafts an earlier load of the working tree found (`LoadedSource.drafts`), and what git
/// found them from.
///
/// git's status of a file depends on the file, on HEAD, and on the file's entry in the index
/// (its object id, mode, stage and flags; not the stat data git keeps beside them, which only
/// spares it hashing the file): with the same HEAD, the same entries for the documents (`Index`)
/// and the same documents, a document whose file was not read again (its stamp did not move,
/// `CollectionFile.isUnread`) has the status it had, so a load asks git only about the files it
/// read instead of listing the status of every file of the collections. git rewrites the index
/// file, refreshing that stat data, on a `git checkout -- file`, a `git add` of another file or
/// a `git status`: the drafts stay known as long as the documents' entries are the same.
package struct KnownDrafts: Sendable {
  package var head: ObjectID
  package var index: Index
  /// Every document's path then, sorted.
  package var paths: [String]
  package var drafts: [String: WorkingTreeStatus]

  package init(
    head: ObjectID, index: Index, paths: [String], drafts: [String: WorkingTreeStatus]
  ) {
    self.head = head
    self.index = index
    self.paths = paths
    self.drafts = drafts
  }

  /// The most files asked about one by one; with more read again, the whole status is listed.
  static let askLimit = 64

  /// The index as git's status of the documents sees it: a digest of the documents' entries,
  /// and the stamp of the index file they were read from.
  package struct Index: Sendable, Hashable {
    /// The index file's stamp (`Repository.indexStamp`) when `entries` was worked out: a load
    /// that finds the same stamp takes the entries as they were without going through them.
    /// Nil when there is no file, or when the stamp is not to be trusted (the file was written
    /// within the clock's tick of the stamp being taken): then only the entries tell.
    package var stamp: FileStamp?
    /// A digest of every index entry of a document's path (`Repository.forEachIndexEntry`):
    /// path, object id, mode, stage and flags.
    package var entries: Digest

    package init(stamp: FileStamp?, entries: Digest) {
      self.stamp = stamp
      self.entries = entries
    }

    /// The index of `repository` now, as it bears on the documents of `configuration`: its
    /// entries are gone through only when the index file's stamp is not `known`'s. The stamp is
    /// taken first, so that a file written while the entries are read moves it, and the next
    /// load goes through them again. Nil when the index cannot be read.
    static func now(_ repository: Repository, configuration: Configuration, known: Index?)
      -> Index?
    {
      let stamp = repository.indexStamp
      if let stamp, let known, known.stamp == stamp {
        return Index(stamp: stamp, entries: known.entries)
      }
      var hasher = StableHasher()
      let read = repository.forEachIndexEntry(
        under: configuration.collections.map(\.path), extensions: Loader.documentExtensions
      ) { path, id, bits in
        hasher.combine(raw: path)
        hasher.combine(raw: id)
        hasher.combine(bits)
      }
      return read ? Index(stamp: stamp, entries: hasher.finalize()) : nil
    }
  }

  /// The drafts now, when this knowledge applies to a load of `files` at `head` with the
  /// documents' index entries `index`: the known statuses of the files not read, git's of
  /// those read. Nil when git must list the status of every file.
  func drafts(
    _ repository: Repository, head: ObjectID, index: Index, files: [LoadedSource.CollectionFile]
  ) -> [String: WorkingTreeStatus]? {
    guard head == self.head, index.entries == self.index.entries, hasPaths(of: files) else {
      return nil
    }
    var read: [String] = []
    for position in files.indices where !files[position].isUnread {
      guard read.count < KnownDrafts.askLimit else { return nil }
      read.append(files[position].file.path)
    }
    var result = drafts
    for path in read { result[path] = nil }
    result.merge(repository.workingTreeStatus(ofEach: read)) { _, asked in asked }
    return result
  }

  /// Whether `files` are the documents known, in order: each path is compared where it lies,
  /// without a copy of its file (tens of thousands of them).
  private func hasPaths(of files: [LoadedSource.CollectionFile]) -> Bool {
    guard files.count == paths.count else { return false }
    for position in files.indices where files[position].file.path != paths[position] {
      return false
    }
    return true
  }
}
