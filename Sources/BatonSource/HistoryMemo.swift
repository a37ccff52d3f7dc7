import BatonConfig
import BatonGit
import BatonSupport
import Foundation

/// The history an earlier load in the same process read, so that the next load does not read
/// the history cache again while nothing it depends on changed (`baton serve` keeps one between
/// rebuilds; reading the cache of a 10,000-document repository takes about a tenth of a second).
///
/// A history is a function of the commit walked up to, the configuration's collections and
/// status-tracked kinds, the documents' paths, the size limit and the `.mailmap` (the working
/// tree's, and the file or blob git's configuration names); `.git-blame-ignore-revs` is read
/// from the commit. The memo is used only when all of these are equal.
public struct HistoryMemo: Sendable {
  /// Everything a history is computed from.
  package struct Key: Hashable, Sendable {
    package var head: ObjectID
    package var configuration: Digest
    package var paths: [String]
    package var maxFileBytes: Int
    package var mailmap: [[UInt8]?]
  }

  let key: Key?
  let history: LoadedHistory?
  let notes: [String]

  /// An empty memo: the history is read.
  public init() {
    key = nil
    history = nil
    notes = []
  }

  /// What `loaded` read, to reuse in the next load.
  public init(_ loaded: LoadedSource) {
    key = loaded.historyKey
    history = loaded.history
    notes = loaded.historyNotes
  }

  /// The history read before from the same inputs and the notes reading it gave, if any.
  func history(for key: Key) -> (LoadedHistory, [String])? {
    guard key == self.key, let history else { return nil }
    return (history, notes)
  }

  /// The key of a history about to be read.
  static func key(
    _ repository: Repository, head: ObjectID, configuration: Configuration,
    files: [LoadedSource.CollectionFile], options: SourceOptions
  ) -> Key {
    var hasher = StableHasher()
    hasher.combine(StatusCache.key(configuration))
    hasher.combine(configuration.root)
    for collection in configuration.collections {
      hasher.combine(collection.name)
      hasher.combine(collection.path)
      hasher.combine(collection.kind)
    }
    // Older versions' responses are read for the documents that hold responses now.
    for path in Loader.pathsWithResponses(files) {
      hasher.combine(path)
    }
    func bytes(_ path: String?) -> [UInt8]? {
      guard let path, let data = FileManager.default.contents(atPath: path) else { return nil }
      return Array(data)
    }
    let named = repository.configValue("mailmap.file")
    let mailmap = [
      bytes(repository.workingDirectory.map { $0 + "/.mailmap" }),
      named.map { Array($0.utf8) }, bytes(named),
      repository.configValue("mailmap.blob").map { Array($0.utf8) },
    ]
    return Key(
      head: head, configuration: hasher.finalize(), paths: files.map(\.file.path),
      maxFileBytes: options.maxFileBytes, mailmap: mailmap)
  }
}
