import Dispatch
import Foundation
import Synchronization

extension Array where Element: Sendable {
  /// Maps in parallel over the machine's cores, keeping the order.
  ///
  /// Work is split into chunks, sixteen per core, handed to the cores as they come free; each
  /// chunk is mapped without locking and stored once, so the lock is taken a few dozen times,
  /// not once per element. Chunks that small keep the cores busy to the end when elements cost
  /// unevenly (a page listing 10,000 rows beside pages listing none): the last chunk to finish
  /// holds a sixteenth of a core's share, not a quarter.
  package func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result]
  {
    guard count > 32 else { return map(transform) }
    let chunkCount = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 16)
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

/// A value computed on another thread while this one goes on; `value` waits for it.
///
/// For independent work of one stage that would otherwise leave a core idle: its serial parts
/// run beside the other work's parallel ones.
package final class Background<Value: Sendable>: @unchecked Sendable {
  private let done = DispatchGroup()
  // Written once by the work before `done` is left, read only after waiting on `done`.
  private var result: Value?

  /// Where background work runs.
  package enum Runner: Sendable {
    /// The shared pool, a thread per core.
    case pool
    /// A thread of its own: for work that waits on other background work. Work that waits in
    /// the pool holds one of its threads, and when every one holds a waiter, what they wait for
    /// gets no thread until the pool grows (on Linux, after up to a second).
    case ownThread
  }

  /// Starts computing `work`, in the pool unless told otherwise.
  package init(on runner: Runner = .pool, _ work: @escaping @Sendable () -> Value) {
    done.enter()
    switch runner {
    case .pool:
      DispatchQueue.global(qos: .userInitiated).async {
        self.result = work()
        self.done.leave()
      }
    case .ownThread:
      Thread {
        self.result = work()
        self.done.leave()
      }.start()
    }
  }

  /// The value, once computed.
  package var value: Value {
    done.wait()
    guard let result else { preconditionFailure("Background work left without a value") }
    return result
  }

  /// The value, once computed, moved out of the background: a buffer changed afterwards is
  /// not copied first. Called once, instead of `value`.
  package func take() -> Value {
    let taken = value
    result = nil
    return taken
  }
}
