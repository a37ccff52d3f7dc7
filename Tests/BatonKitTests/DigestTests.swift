import BatonReport
import BatonSite
import BatonSupport
import BatonTestSupport
import Foundation
import Testing

/// `baton digest` over `LoopFixture`'s last week: each section, the audience filter, and the
/// Markdown compared with a snapshot.
@Suite struct DigestTests {
  static let since = Date(timeIntervalSince1970: 1_795_392_000)  // 2026-11-23T00:00:00Z

  static func digest(_ git: GitFixture, for audience: String? = nil) throws -> DigestReport {
    let corpus = try LoopFixture.corpus(git)
    return DigestReport(
      corpus: corpus, since: since, until: LoopFixture.asOf, audience: audience,
      addresses: SiteAddresses.pages(of: corpus, base: corpus.configuration.baseURL))
  }

  @Test func sectionsPickTheWeeksEvents() throws {
    let git = try LoopFixture.make()
    let digest = try Self.digest(git)
    #expect(digest.decided.map(\.path) == ["decisions/0004-four.md"])
    #expect(digest.decided.first?.person == "@grace")
    #expect(digest.decided.first?.status == "accepted")
    #expect(digest.proposed.map(\.path) == ["decisions/0006-six.md"])
    #expect(digest.proposed.first?.asks == ["grace", "infra"])
    #expect(
      digest.overdue.map(\.path) == ["updates/2026-11-20-infra.md", "decisions/0005-five.md"])
    #expect(digest.updates.map(\.path) == ["updates/2026-11-27-core.md"])
    #expect(digest.pastReview.map(\.path) == ["handbook/a.md"])
    #expect(digest.newPages.map(\.path) == ["handbook/b.md"])
    // Lazy consensus: 0005's deadline passed without an objection.
    #expect(digest.ready.map(\.path) == ["decisions/0005-five.md"])
    #expect(digest.ready.first?.asks == ["kenji"])
    #expect(digest.stuck.isEmpty)
  }

  @Test func forAPersonKeepsWhatConcernsThemAndTheirTeam() throws {
    let git = try LoopFixture.make()
    let digest = try Self.digest(git, for: "@kenji")
    #expect(digest.decided.isEmpty)
    #expect(digest.proposed.map(\.path) == ["decisions/0006-six.md"])
    #expect(digest.overdue.count == 2)
    #expect(digest.updates.map(\.path) == ["updates/2026-11-27-core.md"])
    #expect(digest.pastReview.isEmpty && digest.newPages.isEmpty)
  }

  static let snapshot = """
    # Digest, 2026-11-23 to 2026-11-30

    ## Decided

    - [0004 Four](<https://handbook.example/decisions/0004-four/>) — accepted by @grace on 2026-11-24

    ## New proposals

    - [0006 Six](<https://handbook.example/decisions/0006-six/>) — by @ada — asks @grace, @infra by 2026-12-05 — @grace and infra: review by 2026-12-05.

    ## Ready to decide

    - [0005 Five](<https://handbook.example/decisions/0005-five/>) — owner @ada — ready to accept: no objection by 2026-11-25

    ## Overdue calls to action

    - [Infra 47](<https://handbook.example/updates/2026-11-20-infra/>) — due 2026-11-22 — asks @ada — @ada: approve the runner by 2026-11-22.
    - [0005 Five](<https://handbook.example/decisions/0005-five/>) — due 2026-11-25 — asks @kenji — @kenji: approve the budget.

    ## Blocked and at-risk updates

    - [Core 48](<https://handbook.example/updates/2026-11-27-core/>) — blocked by @ada on 2026-11-27 — @kenji: unblock the runner by 2026-12-02.

    ## Pages past review

    - [Old policy](<https://handbook.example/handbook/a/>) — owner @ada — review was due 2026-11-01

    ## New handbook pages

    - [New policy](<https://handbook.example/handbook/b/>) — by @ada

    """

  /// `baton digest` works the addresses out beside the digest and adds them after.
  @Test func addressesAddedAfterGiveTheSameDigest() throws {
    let git = try LoopFixture.make()
    let corpus = try LoopFixture.corpus(git)
    let addresses = SiteAddresses.pages(of: corpus, base: corpus.configuration.baseURL)
    let bare = DigestReport(corpus: corpus, since: Self.since, until: LoopFixture.asOf)
    #expect(bare.decided.first?.url == nil)
    let after = bare.addressed(by: addresses)
    #expect(after.json() == (try Self.digest(git)).json())
    #expect(after.decided.first?.url == "https://handbook.example/decisions/0004-four/")
  }

  @Test func markdownMatchesItsSnapshot() throws {
    let git = try LoopFixture.make()
    let markdown = try Self.digest(git).markdown()
    #expect(markdown == Self.snapshot)
    let html = try Self.digest(git).html()
    #expect(
      html.contains("<li><a href=\"https://handbook.example/decisions/0004-four/\">0004 Four</a>"))
  }
}
