@testable import BatonConfig

/// `baton.yml`: parsed as the loader parses it; a thrown configuration error is an answer.
func fuzzConfiguration(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let data else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
  if let (configuration, _) = try? Configuration.parse(text, path: "handbook/baton.yml") {
    _ = configuration.collection(containing: "handbook/decisions/0001-a.md")
  }
  return 0
}
