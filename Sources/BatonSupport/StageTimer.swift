/// Wall-clock seconds per stage, for `--timings` (measurement, never printed by the library).
public struct StageTimer: Sendable {
  private let clock = ContinuousClock()
  private var mark: ContinuousClock.Instant
  /// Each finished stage and its seconds, in order.
  public private(set) var laps: [(stage: String, seconds: Double)] = []

  public init() {
    mark = clock.now
  }

  /// Ends the running stage under a name and starts the next.
  public mutating func lap(_ stage: String) {
    let now = clock.now
    let elapsed = now - mark
    laps.append(
      (stage, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
    mark = now
  }
}
