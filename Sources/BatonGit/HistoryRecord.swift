/// A commit that touched documents, as the walk found it; what the history cache stores.
///
/// The author is kept as recorded (before `.mailmap`) and the ignore flag is not stored, so a
/// changed `.mailmap` or `.git-blame-ignore-revs` applies to cached commits too.
struct HistoryRecord: Equatable {
  /// One document path a commit touched.
  struct Change: Equatable {
    enum Kind: UInt8 {
      case added = 0
      case modified = 1
      case renamed = 2
      case deleted = 3
    }

    var path: String
    var blob: RawID?
    var from: String?
    var kind: Kind
  }

  var id: RawID
  var authorName: String
  var authorEmail: String
  var time: Int64
  var offset: Int
  var subject: String
  var changes: [Change]
}
