import Foundation

/// What git knows about one document: when it was created and updated, by whom, every commit
/// that touched it, and for decisions the status timeline.
///
/// Built by the history pass (one walk over the repository's history). A document with no
/// history (a repository without commits, or history not loaded) has none; the site then shows
/// nothing rather than something invented.
public struct DocumentHistory: Sendable, Hashable {
  /// One commit as it concerns a document.
  public struct Event: Sendable, Hashable, Codable {
    /// The full commit id (40 hex digits).
    public var commit: String
    public var authorName: String
    public var authorEmail: String
    public var date: Date
    /// The author's offset from UTC when committing, in minutes.
    public var timeZoneOffsetMinutes: Int
    /// The commit message's first line.
    public var subject: String

    public init(
      commit: String, authorName: String, authorEmail: String, date: Date,
      timeZoneOffsetMinutes: Int, subject: String
    ) {
      self.commit = commit
      self.authorName = authorName
      self.authorEmail = authorEmail
      self.date = date
      self.timeZoneOffsetMinutes = timeZoneOffsetMinutes
      self.subject = subject
    }

    /// The first seven digits of the commit id.
    public var shortCommit: String { String(commit.prefix(7)) }
  }

  /// A person who changed the document, with how many commits.
  public struct Contributor: Sendable, Hashable, Codable {
    public var name: String
    public var email: String
    public var commits: Int

    package init(name: String, email: String, commits: Int) {
      self.name = name
      self.email = email
      self.commits = commits
    }
  }

  /// A change of a decision's status.
  public struct StatusChange: Sendable, Hashable, Codable {
    public var status: String
    public var event: Event

    package init(status: String, event: Event) {
      self.status = status
      self.event = event
    }
  }

  /// The commit that added the document (following renames).
  public var created: Event?
  /// The latest commit that changed it, skipping `.git-blame-ignore-revs` commits.
  public var updated: Event?
  /// Contributors, most commits first, then by name.
  public var contributors: [Contributor]
  /// Every commit that touched the document, newest first.
  public var commits: [Event]
  /// Status changes, oldest first (decisions).
  public var statusTimeline: [StatusChange]
  /// The commit that added each response the newest committed version holds, by
  /// `Response.key`: the first commit of the run of versions, up to the newest, that hold it.
  /// A response missing here is not committed yet (see `isDraft`).
  public var answers: [String: Event] = [:]
  /// The commit that began the latest run of versions whose open call to action named each
  /// responder, by lower-cased handle or team name (every word of the section is a key): when
  /// their response window opened. Read for documents that hold responses.
  public var named: [String: Event] = [:]
  /// The working tree has uncommitted changes to the document (or it is new).
  public var isDraft: Bool
  /// History is truncated (shallow clone): `created` may be later than the truth.
  public var isApproximate: Bool
  /// Who is writing the uncommitted draft: git config's `user.name` and `user.email`.
  public var draftAuthorName: String?
  public var draftAuthorEmail: String?

  public init(
    created: Event? = nil, updated: Event? = nil, contributors: [Contributor] = [],
    commits: [Event] = [], statusTimeline: [StatusChange] = [], isDraft: Bool = false,
    isApproximate: Bool = false
  ) {
    self.created = created
    self.updated = updated
    self.contributors = contributors
    self.commits = commits
    self.statusTimeline = statusTimeline
    self.isDraft = isDraft
    self.isApproximate = isApproximate
  }
}
