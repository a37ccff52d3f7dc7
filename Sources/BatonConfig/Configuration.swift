import BatonSupport

/// Everything `baton.yml` says, with defaults for what it does not.
///
/// Paths here are relative to the repository's top folder: `baton.yml` writes them relative to
/// the handbook root (the folder that holds it), and parsing joins them.
public struct Configuration: Sendable, Equatable {
  /// The site's title.
  public var title = "Handbook"
  /// Where the site is published (`https://handbook.acme.example/`), for feeds and the sitemap.
  public var baseURL: String?
  /// The repository's web address, for edit and commit links.
  public var repositoryURL: String?
  /// The branch that edit links open.
  public var editBranch = "main"
  /// The handbook root: the folder holding `baton.yml`, relative to the repository ("" = top).
  public var root = ""
  /// Where the configuration was read from, when it was.
  public var path: String?
  /// The collections; when `collectionsDeclared` is false these are candidates that the source
  /// keeps only where their folder exists.
  public var collections: [Collection]
  public var collectionsDeclared = false
  /// Kinds by name: the defaults, with `baton.yml`'s overrides applied.
  public var kinds: [String: KindSchema] = KindSchema.defaults
  /// The people file, relative to the repository; nil when there is none.
  public var peoplePath: String?
  /// Days after `reviewed:` at which a handbook page goes stale.
  public var reviewPeriodDays = 180
  /// Whether raw HTML in documents is trusted and rendered as written.
  public var unsafeHTML = false
  /// Globs of files under the handbook root that are never documents (`exclude:`).
  public var excludes: [String] = []
  /// Response windows by urgency (`sla: {urgent: 2h, standard: 24h}`), counted in each
  /// responder's working hours; empty when `baton.yml` declares none.
  public var responseWindows: [String: WorkingDuration] = [:]
  /// The site's pages that `site:` may leave out.
  public var sitePages = SitePages()
  /// Per-rule severities from `baton.yml`; a nil severity turns the rule off.
  public var ruleOverrides: [RuleOverride] = []
  /// The baseline of known findings `baton check` hides, relative to the repository; nil uses
  /// `.baton-baseline.json` in the handbook root when it exists (see `Baseline`).
  public var baselinePath: String?

  /// A severity set for one rule in `baton.yml`.
  public struct RuleOverride: Sendable, Hashable {
    public var ruleID: String
    public var severity: Severity?
    public var line: Int
  }

  /// The configuration of a repository without `baton.yml`.
  public init(root: String = "") {
    self.root = root
    self.collections = Configuration.defaultCollections(root: root)
    self.peoplePath = Configuration.join(root, "people.yml")
  }

  /// The severity a rule runs at: the override from `baton.yml`, else its default; nil when off.
  public func severity(of ruleID: String, default severity: Severity) -> Severity? {
    guard let override = ruleOverrides.last(where: { $0.ruleID == ruleID }) else {
      return severity
    }
    return override.severity
  }

  /// The schema documents of a kind are parsed, checked and rendered with: the kind's, or a
  /// plain page's for a kind that does not exist (reported when the configuration is read).
  public func schema(ofKind kind: String) -> KindSchema {
    kinds[kind] ?? KindSchema.defaults[kind] ?? .page
  }

  /// The collection holding a repository path, the deepest folder first.
  public func collection(containing path: String) -> Collection? {
    var best: Int?
    for index in collections.indices where collections[index].contains(path) {
      if let found = best, collections[found].path.count >= collections[index].path.count {
        continue
      }
      best = index
    }
    return best.map { collections[$0] }
  }

  /// Folders where existing decision logs live (adr-tools, MADR, log4brains), then Baton's own.
  static let defaultFolders: [(path: String, name: String, kind: String)] = [
    ("decisions", "decisions", "decision"),
    ("doc/adr", "adr", "decision"),
    ("docs/adr", "adr", "decision"),
    ("docs/decisions", "decisions", "decision"),
    ("docs/architecture/decisions", "decisions", "decision"),
    ("updates", "updates", "update"),
    ("handbook", "handbook", "page"),
  ]

  static func defaultCollections(root: String) -> [Collection] {
    defaultFolders.map { Collection(name: $0.name, path: join(root, $0.path), kind: $0.kind) }
  }

  /// Joins a root and a relative path, normalising `.` and `./` and stray slashes.
  package static func join(_ root: String, _ path: String) -> String {
    var parts = root.split(separator: "/").map(String.init)
    for part in path.split(separator: "/") where part != "." {
      if part == "..", !parts.isEmpty {
        parts.removeLast()
      } else if part != ".." {
        parts.append(String(part))
      }
    }
    return parts.joined(separator: "/")
  }
}
