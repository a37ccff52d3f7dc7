/// Gathers the terms of a run of documents: how often each occurs in each field of each
/// document, and the first passage it occurs in.
///
/// Terms are interned in a table of the collector's own, so one collector works without locks
/// while others gather other documents; `SearchEngine` then merges the tables. A document's terms
/// are rows `documentStarts[d]..<documentStarts[d + 1]` of the flat arrays, in order of first
/// appearance.
struct SearchTermCollector: Sendable {
  var table = TermTable(capacity: 1 << 14)
  /// Each row's term, an id in `table`.
  private(set) var termIDs: [Int32] = []
  /// Each row's counts by field (`SearchEntry.Field.rawValue`), saturating.
  private(set) var counts: [SIMD8<UInt16>] = []
  /// Each row's first passage.
  private(set) var passages: [Int32] = []
  /// Where each document's rows start, and one past the last.
  private(set) var documentStarts: [Int] = [0]
  /// Per term id: its row in the current document, or a row of an earlier document (or -1).
  private var rows: [Int32] = []
  private var documentStart = 0
  /// The words this collector has folded (see `SearchTokenizer.FoldMemo`); `forgetFolds()`
  /// drops them once the run is read.
  private var folds = SearchTokenizer.FoldMemo()
  /// What reading has learned of the scalars next to spaces, lent to each document's passage
  /// walker (see `SearchEntry.spacesStandAlone`).
  var neighbours = SearchEntry.SpaceNeighbours()

  /// Records a text's terms in a field; returns how many base terms it held.
  @discardableResult
  mutating func add(_ text: String, to field: SearchEntry.Field, passage: Int) -> Int {
    var count = 0
    var memo = folds
    folds = .empty
    SearchTokenizer.scan(text, memo: &memo) { bytes, role in
      record(bytes, field: field, passage: passage)
      if role == .base { count += 1 }
    }
    folds = memo
    return count
  }

  /// Drops the memo of folded words and what was learned of spaces, which only reading needs.
  mutating func forgetFolds() {
    folds = .empty
    neighbours = SearchEntry.SpaceNeighbours()
  }

  /// Records one term in a field.
  mutating func record(_ term: UnsafeBufferPointer<UInt8>, field: SearchEntry.Field, passage: Int) {
    guard SearchTermCollector.scalarCount(term) <= SearchEntry.maximumTermLength else { return }
    let id = Int(table.intern(term))
    if id == rows.count { rows.append(-1) }
    let row = Int(rows[id])
    if row >= documentStart {
      if counts[row][field.rawValue] < UInt16.max { counts[row][field.rawValue] += 1 }
      if passage < passages[row] { passages[row] = Int32(clamping: passage) }
    } else {
      rows[id] = Int32(termIDs.count)
      termIDs.append(Int32(id))
      var fresh = SIMD8<UInt16>()
      fresh[field.rawValue] = 1
      counts.append(fresh)
      passages.append(Int32(clamping: passage))
    }
  }

  /// Closes the current document.
  mutating func finishDocument() {
    documentStart = termIDs.count
    documentStarts.append(documentStart)
  }

  /// The number of Unicode scalars in UTF-8 bytes.
  @inline(__always)
  static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard bytes.count > SearchEntry.maximumTermLength else { return bytes.count }
    return bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
  }
}
