import Foundation

@testable import BatonGit
@testable import BatonReport
@testable import BatonSearch
@testable import BatonSite
@testable import BatonSource
@testable import BatonSupport

/// The readers of every cache and state file Baton keeps. The first byte picks the reader; the
/// rest is the payload, framed as the reader expects (magic, version, checksums), so that the
/// fuzzer reaches the decoding rather than stopping at a checksum. A reader must say no to any
/// payload it cannot use, never crash, and never allocate by a length it read without checking.
func fuzzCaches(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let data else { return 0 }
  guard count > 0 else { return 0 }
  let payload = Array(UnsafeBufferPointer(start: data + 1, count: count - 1))
  switch data[0] % 7 {
  case 0: readHistoryCache(payload)
  case 1: readStatusCache(payload)
  case 2: readBuildState(payload)
  case 3: readSiteManifest(payload)
  case 4: readSearchBlob(payload)
  case 5: _ = CacheFile.unsealed(payload)
  default: _ = try? Baseline.decode(payload, path: ".baton-baseline.json")
  }
  return 0
}

/// A folder of this process's own for the files the readers open.
let folder: String = {
  let path = NSTemporaryDirectory() + "baton-fuzz-\(getpid())/"
  try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}()

func write(_ bytes: [UInt8], to name: String) {
  FileManager.default.createFile(atPath: folder + name, contents: Data(bytes))
}

/// The payload's checksum as the caches compute it (the seal's last eight bytes).
func checksum(_ bytes: [UInt8]) -> [UInt8] {
  Array(CacheFile.sealed(bytes).suffix(8))
}

func littleEndian(_ value: UInt64) -> [UInt8] {
  withUnsafeBytes(of: value.littleEndian) { Array($0) }
}

func readHistoryCache(_ payload: [UInt8]) {
  let file =
    Array("BATONHC".utf8) + [HistoryCache.version] + littleEndian(UInt64(payload.count))
    + checksum(payload) + payload
  write(file, to: HistoryCache.fileName)
  _ = HistoryCache.load(from: String(folder.dropLast()))
}

func readStatusCache(_ payload: [UInt8]) {
  let key = Digest(high: 1, low: 2)
  write(Array("baton-statuses 1 \(key)\n".utf8) + payload, to: StatusCache.fileName)
  _ = StatusCache.load(from: String(folder.dropLast()), key: key)
}

/// A search shard's blob, marked and sealed as the state keeps it: its records, then each
/// record's postings (what a patch reads of it).
func readSearchBlob(_ payload: [UInt8]) {
  guard
    let records = SearchState.records(
      CacheFile.sealed(SearchState.blobMarker + payload), origin: nil)
  else { return }
  for record in records { _ = SearchState.postings(of: record) }
}

func readBuildState(_ payload: [UInt8]) {
  write(CacheFile.sealed(BuildState.magic + [BuildState.version] + payload), to: "state.bin")
  _ = BuildState.read(StateStore(folder: folder))
}

func readSiteManifest(_ payload: [UInt8]) {
  let record = CacheFile.sealed(SiteManifest.magic + [SiteManifest.version] + payload)
  write(record, to: "record.bin")
  _ = SiteManifest.read(folder + "record.bin", folder: "_site")
}
