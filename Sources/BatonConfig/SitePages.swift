/// The site's pages a handbook may leave out (`site:` in `baton.yml`): each is on unless it
/// says `false`.
///
/// They follow how decisions flow, which not every team wants published (a response time per
/// person is a figure some teams keep to themselves), and each costs build time.
public struct SitePages: Sendable, Hashable {
  /// The metrics page and `metrics.json` (`site: { metrics: false }`).
  public var metrics = true
  /// The weekly digest pages, their index and their Atom feed (`digests`).
  public var digests = true
  /// The sign-off panel on the page of a document whose kind takes responses (`signoff`).
  public var signoff = true

  public init(metrics: Bool = true, digests: Bool = true, signoff: Bool = true) {
    self.metrics = metrics
    self.digests = digests
    self.signoff = signoff
  }
}
