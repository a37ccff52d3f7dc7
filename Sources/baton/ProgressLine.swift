import BatonSource
import Foundation
import Synchronization

/// A one-line progress indicator on standard error for long loads.
///
/// Shown only when standard error is a terminal and `CI` is unset, and only once the work has
/// taken half a second, so short runs and CI logs stay clean. The line is erased when loading
/// finishes.
final class ProgressLine: Sendable {
  private struct State {
    var started = ContinuousClock.now
    var shown = false
  }

  private let state = Mutex(State())

  /// A reporter for `SourceOptions.progress`, or nil when progress must not be shown.
  static func reporter() -> (@Sendable (LoadProgress) -> Void)? {
    let environment = ProcessInfo.processInfo.environment
    if let ci = environment["CI"], !ci.isEmpty, ci != "0", ci.lowercased() != "false" {
      return nil
    }
    guard isatty(2) == 1, environment["TERM"] != "dumb" else { return nil }
    let line = ProgressLine()
    return { line.report($0) }
  }

  func report(_ progress: LoadProgress) {
    state.withLock { state in
      let text: String
      switch progress {
      case .walkingHistory(let commits):
        text = "reading history: \(commits) commits"
      case .readingVersions(let read, let total):
        text = "reading older versions of decisions: \(read) of \(total)"
      case .finished:
        if state.shown { Terminal.error("\r\u{1B}[2K") }
        state.shown = false
        return
      }
      guard state.shown || ContinuousClock.now - state.started > .milliseconds(500) else {
        return
      }
      state.shown = true
      Terminal.error("\r\u{1B}[2K" + text)
    }
  }
}
