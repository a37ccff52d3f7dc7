/// How to render a site, beyond what `baton.yml` says.
public struct SiteOptions: Sendable {
  /// The published address, overriding `base-url:` (feeds, sitemap, canonical links).
  public var baseURL: String?
  /// The generator named in page metadata and feeds (no version, so builds stay reproducible
  /// across releases only if the caller wants; the CLI passes its version).
  public var generator: String
  /// Called from any thread as rendering advances: pages done and pages in all.
  public var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?
  /// Whether a build waits while another holds the output folder's lock (`OutputLock`);
  /// when false it fails, naming the other.
  public var waitForLock = true
  /// Called before a build waits for another's lock, with the other's pid when known.
  public var lockWaiting: (@Sendable (_ holder: Int32?) -> Void)?

  public init(
    baseURL: String? = nil, generator: String = "Baton",
    progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
  ) {
    self.baseURL = baseURL
    self.generator = generator
    self.progress = progress
  }
}
