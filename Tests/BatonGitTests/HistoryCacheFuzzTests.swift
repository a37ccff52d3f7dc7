import Foundation
import Testing

@testable import BatonGit

/// Inputs fuzzing found (Fuzz/, fuzz-caches), kept as regressions.
@Suite struct HistoryCacheFuzzTests {
  /// Damaged caches the fuzzer made the reader trap on, each refused instead:
  /// - `caches-history-huge-count`: a segment whose record count is far larger than its bytes
  ///   (room for the count, over 100 GB, was reserved);
  /// - `caches-history-walked-beyond-int`: a count of walked commits over `Int.max` (converting
  ///   it to `Int` trapped).
  @Test(arguments: ["caches-history-huge-count", "caches-history-walked-beyond-int"])
  func aDamagedCacheIsRefused(name: String) throws {
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz-regressions/" + name)
    // The fuzz target's framing: a selector byte, then the segment's payload.
    let payload = Array(try Data(contentsOf: fixture).dropFirst())
    var file = Array("BATONHC".utf8) + [HistoryCache.version]
    withUnsafeBytes(of: UInt64(payload.count).littleEndian) { file += $0 }
    withUnsafeBytes(of: ByteCoding.checksum(payload[...]).littleEndian) { file += $0 }
    file += payload
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("baton-history-fuzz-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(file).write(to: folder.appendingPathComponent(HistoryCache.fileName))
    guard case .failure? = HistoryCache.load(from: folder.path) else {
      Issue.record("the damaged cache was not refused")
      return
    }
  }
}
