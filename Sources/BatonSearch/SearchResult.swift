import BatonSupport

/// One document found by a search, as `baton search --format json` prints it.
public struct SearchResult: Sendable, Hashable, Encodable {
  /// The document's path in the repository.
  public var path: String
  /// The document's identifier (`0042`, or the file's stem).
  public var id: String
  public var title: String
  public var kind: String
  @Nullable public var status: String?
  /// The score (a sum of integer term impacts); higher is better.
  public var score: Int
  /// The passage the best match is in, as plain text.
  public var excerpt: String
  /// The slug of the heading the excerpt is under, nil when it is before the first heading.
  @Nullable public var anchor: String?
  /// The page's URL relative to the site's root, with `#anchor` when there is one.
  public var url: String

  enum CodingKeys: String, CodingKey {
    case path, id, title, kind, status, score, excerpt, anchor, url
  }

  /// Results as a JSON array, best first, keys sorted.
  public static func json(_ results: [SearchResult]) -> String {
    JSONOutput.encode(results)
  }
}
