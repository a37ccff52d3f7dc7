/// Interns terms: each distinct term, kept once as UTF-8 bytes, gets a dense integer id.
///
/// Ids count up from 0 in order of first appearance. The table is open addressing over a
/// power-of-two array of ids, with each term's hash kept so growing and merging never rehash
/// bytes.
struct TermTable: Sendable {
  /// Every term's bytes, back to back.
  private(set) var bytes: [UInt8] = []
  /// Term `id` is `bytes[starts[id]..<starts[id + 1]]`.
  private(set) var starts: [Int32] = [0]
  /// Each term's hash.
  private(set) var hashes: [UInt32] = []
  private var slots: [Int32]
  private var mask: Int

  /// An empty table with room for about `capacity` terms before it grows.
  init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 2 { size *= 2 }
    slots = Array(repeating: -1, count: size)
    mask = size - 1
  }

  /// How many terms the table holds.
  var count: Int { hashes.count }

  /// FNV-1a over the bytes.
  @inline(__always)
  static func hash(_ term: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var hash: UInt32 = 0x811c_9dc5
    for byte in term { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
    return hash
  }

  /// The id of a term, added if new.
  @inline(__always)
  mutating func intern(_ term: UnsafeBufferPointer<UInt8>) -> Int32 {
    intern(term, hash: TermTable.hash(term))
  }

  /// The id of a term whose hash is known, added if new.
  mutating func intern(_ term: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32 {
    var slot = Int(hash) & mask
    while true {
      let id = slots[slot]
      if id < 0 { break }
      if hashes[Int(id)] == hash, equals(Int(id), term) { return id }
      slot = (slot + 1) & mask
    }
    let id = Int32(hashes.count)
    bytes.append(contentsOf: term)
    starts.append(Int32(bytes.count))
    hashes.append(hash)
    slots[slot] = id
    if hashes.count * 2 > slots.count { grow() }
    return id
  }

  /// The id of a term, or nil when the table does not hold it.
  func find(_ term: UnsafeBufferPointer<UInt8>) -> Int32? {
    let hash = TermTable.hash(term)
    var slot = Int(hash) & mask
    while true {
      let id = slots[slot]
      if id < 0 { return nil }
      if hashes[Int(id)] == hash, equals(Int(id), term) { return id }
      slot = (slot + 1) & mask
    }
  }

  private func equals(_ id: Int, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = Int(starts[id])
    guard Int(starts[id + 1]) - start == term.count else { return false }
    return bytes.withUnsafeBufferPointer { stored in
      for offset in 0..<term.count where stored[start + offset] != term[offset] { return false }
      return true
    }
  }

  private mutating func grow() {
    let size = slots.count * 2
    slots = Array(repeating: -1, count: size)
    mask = size - 1
    for id in 0..<hashes.count {
      var slot = Int(hashes[id]) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(id)
    }
  }

  /// Calls `body` with a term's bytes.
  @inline(__always)
  func withTerm<Result>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    bytes.withUnsafeBufferPointer {
      body(UnsafeBufferPointer(rebasing: $0[Int(starts[id])..<Int(starts[id + 1])]))
    }
  }

  /// A term as a string.
  func term(_ id: Int) -> String {
    withTerm(id) { String(decoding: $0, as: UTF8.self) }
  }
}
