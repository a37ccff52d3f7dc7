import Foundation
import Testing

@testable import BatonGit

/// Inputs fuzzing found (Fuzz/, fuzz-caches), kept as regressions.
@Suite struct HistoryCacheFuzzTests {
  /// A segment whose record count is far larger than its bytes: the cache is refused, instead of
  /// reserving room for the count (over 100 GB).
  @Test func aHugeRecordCountIsRefusedWithoutAllocating() throws {
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent(
        "Fixtures/fuzz-regressions/caches-history-huge-count")
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
