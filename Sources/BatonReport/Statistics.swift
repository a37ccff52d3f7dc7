/// Summary statistics of a sample, as metrics report them.
public struct Statistics: Sendable, Hashable, Encodable {
  public var count: Int
  /// The middle value; the mean of the two middle values for an even count.
  public var median: Double
  /// The 90th percentile by nearest rank: the smallest value at least 90% of the sample are at
  /// or below (the ⌈0.9·n⌉-th smallest).
  public var p90: Double

  /// The statistics of a sample; nil when it is empty. Values are rounded to 0.1.
  public init?(_ values: [Double]) {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    let median =
      sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    let rank = (9 * sorted.count + 9) / 10
    self.count = sorted.count
    self.median = Statistics.tenth(median)
    self.p90 = Statistics.tenth(sorted[max(0, rank - 1)])
  }

  /// A value rounded to one decimal.
  static func tenth(_ value: Double) -> Double {
    (value * 10).rounded() / 10
  }
}
