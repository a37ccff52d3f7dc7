/// The bytes a render writes, in one buffer that doubles when full: appending is a bounds test
/// and a copy, without an array's uniqueness and capacity checks per piece.
struct RenderOutput {
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private(set) var count = 0

  init(capacity: Int) {
    self.capacity = max(capacity, 64)
    base = .allocate(capacity: self.capacity)
  }

  /// The bytes written so far.
  var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

  mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
    if count + bytes.count > capacity { grow(to: count + bytes.count) }
    (base + count).initialize(from: start, count: bytes.count)
    count += bytes.count
  }

  mutating func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { append($0) }
  }

  mutating func append(_ text: StaticString) {
    text.withUTF8Buffer { append($0) }
  }

  /// Appends `text` with `&`, `<`, `>`, `"` and `'` as entities (`HTMLEscaping`).
  mutating func appendEscaped(_ text: UnsafeBufferPointer<UInt8>) {
    HTMLEscaping.escape(text) { append($0) }
  }

  private mutating func grow(to needed: Int) {
    var larger = capacity * 2
    while larger < needed { larger *= 2 }
    let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
    storage.moveInitialize(from: base, count: count)
    base.deallocate()
    base = storage
    capacity = larger
  }

  /// Frees the buffer; nothing is appended after.
  mutating func free() {
    base.deallocate()
    count = 0
    capacity = 0
  }
}
