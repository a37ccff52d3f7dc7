/// A search: the text typed, filters, order and how many results.
public struct SearchQuery: Sendable, Hashable {
  /// How results are ordered.
  public enum Order: String, Sendable, Hashable, CaseIterable {
    /// Best match first; on equal scores, newest first.
    case relevance
    /// Newest first (documents without a date last).
    case date
  }

  /// The words typed.
  public var text: String
  /// Facet filters: `kind`, `status`, `tag`, `owner`, `team` → accepted values. A document
  /// passes when, for every facet named, it has one of the values.
  public var filters: [String: [String]]
  /// The order of results.
  public var order: Order
  /// At most this many results.
  public var limit: Int

  /// The facets a query may filter by.
  public static let facets = ["kind", "status", "tag", "owner", "team"]

  /// Creates a query.
  public init(
    _ text: String, filters: [String: [String]] = [:], order: Order = .relevance,
    limit: Int = 10
  ) {
    self.text = text
    self.filters = filters
    self.order = order
    self.limit = limit
  }
}
