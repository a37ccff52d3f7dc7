import Dispatch
import Foundation
import Synchronization

extension Array where Element: Sendable {
  /// Maps in parallel over the machine's cores, keeping the order.
  ///
  /// Work is split into a few chunks per core; each chunk is mapped without locking and stored
  /// once, so the lock is taken a handful of times, not once per element.
  func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
    guard count > 32 else { return map(transform) }
    let chunkCount = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 4)
    let chunkSize = (count + chunkCount - 1) / chunkCount
    let results = Mutex<[[Result]]>(Array<[Result]>(repeating: [], count: chunkCount))
    DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
      let start = chunk * chunkSize
      let end = Swift.min(start + chunkSize, count)
      guard start < end else { return }
      let mapped = self[start..<end].map(transform)
      results.withLock { $0[chunk] = mapped }
    }
    return results.withLock { $0.flatMap { $0 } }
  }
}
