import BatonAdoption
import BatonChecks
import BatonConfig
import BatonReport
import BatonSite
import BatonSource
import BatonSupport
import BatonTestSupport
import Foundation
import Testing

/// Kinds declared in `baton.yml` are listed, followed and scaffolded as their base kind is.
@Suite struct SiteCustomKindTests {
  static let config = """
    title: Acme
    collections:
      rfcs: { path: rfcs, kind: rfc }
      standups: { path: standups, kind: standup }
      handbook: { path: handbook, kind: page }
    kinds:
      rfc:
        base: decision
        plural: RFCs
        statuses: [draft, discussion, accepted, rejected]
        open-statuses: [discussion]
        sections:
          - name: Summary
            required: true
          - name: Motivation
            required: true
            prompt: Why are we doing this, and why now?
          - name: Call to Action
            role: call-to-action
            required: [discussion]
      standup:
        base: update

    """

  static func make() throws -> GitFixture {
    let git = try GitFixture()
    try git.write("baton.yml", config + "people: people.yml\n")
    try git.write("people.yml", "- handle: ada\n  name: Ada Lovelace\n  team: core\n")
    try git.write(
      "rfcs/0001-async-reviews.md",
      """
      ---
      status: discussion
      owner: "@ada"
      date: 2026-05-02
      ---
      # Async reviews

      ## Summary

      Review in writing.

      ## Motivation

      Meetings stall.

      ## Call to Action

      @bob: approve or object by 2026-06-10.

      """)
    try git.write(
      "standups/2026-05-03-week-18.md",
      """
      ---
      author: "@ada"
      date: 2026-05-03
      team: core
      status: on-track
      ---
      # Week 18

      ## Summary

      Fine.

      ## Progress

      Shipped.

      ## Blockers

      None.

      ## Next Steps

      More.

      """)
    try git.commit("Docs")
    return git
  }

  @Test func aDeclaredKindIsListedFollowedAndPagedAsItsBase() throws {
    let git = try Self.make()
    defer { git.cleanup() }
    let site = try SiteFixture.render(git)
    let home = SiteFixture.text(site, "index.html")
    #expect(home.contains("<h2 id=\"rfcs-title\">Recent RFCs</h2>"))
    #expect(home.contains("<h2 id=\"standups-title\">Recent standups</h2>"))
    #expect(home.contains("href=\"rfcs/0001-async-reviews/index.html\">Async reviews</a>"))
    #expect(home.contains("title=\"RFCs\" href=\"feeds/rfcs.xml\""))
    let feed = SiteFixture.text(site, "feeds/rfcs.xml")
    #expect(feed.contains("<title>Async reviews</title>"))
    #expect(SiteFixture.text(site, "feeds/standups.xml").contains("<title>Week 18</title>"))
    // A record's page and log, a report's grouped pages.
    let page = SiteFixture.text(site, "rfcs/0001-async-reviews/index.html")
    #expect(page.contains("<p class=\"eyebrow\">rfc 0001</p>"))
    #expect(page.contains("aria-label=\"Supersede chain\"") == false)
    #expect(SiteFixture.text(site, "rfcs/index.html").contains("id=\"filters\""))
    #expect(site.file("standups/by-team/index.html") != nil)
    #expect(site.file("standups/by-author/index.html") != nil)
    // People's pages: the record among what they own, the report among what they wrote.
    let person = SiteFixture.text(site, "people/ada/index.html")
    #expect(person.contains("<h2 id=\"wrote-title\">Standups written</h2>"))
    let owns = try #require(person.components(separatedBy: "wrote-title").first)
    #expect(owns.contains("Async reviews") && !owns.contains("Week 18"))
    // The open call to action reaches the actions page.
    #expect(SiteFixture.text(site, "actions/index.html").contains("Async reviews"))
  }

  @Test func aDeclaredKindIsScaffoldedFromItsOwnSchema() throws {
    let corpus = try LoadedSource.inMemory(files: [("baton.yml", Self.config)]).parse().assemble()
    let rfc = corpus.configuration.schema(ofKind: "rfc")
    let template = Scaffold.template(for: rfc)
    #expect(template.contains("status: discussion"))
    #expect(template.contains("## Motivation\n\nWhy are we doing this, and why now?"))
    #expect(template.contains("respond-by: {{respond_by}}"))
    #expect(!template.contains("## Context"))
    let text = Scaffold.fill(
      template,
      Scaffold.Values(title: "Faster CI", today: RuleExample.today, owner: "@ada", number: "0002"))
    let findings = try Self.check(["rfcs/0002-faster-ci.md": text, "baton.yml": Self.config])
    // Nothing but the template text and its missing responder: the kind's own rules pass.
    #expect(
      Set(findings.map(\.ruleID)) == ["unedited-template", "call-to-action-responder"],
      "\(findings.map(\.message))")
    let report = Scaffold.template(for: corpus.configuration.schema(ofKind: "standup"))
    #expect(report.contains("status: on-track") && report.contains("author: \"{{owner}}\""))
  }

  @Test func anEditedScaffoldChecksCleanAndItsPlaceholderReachesNoInbox() throws {
    let text = Scaffold.fill(
      Scaffold.template(for: .decision),
      Scaffold.Values(title: "Use Postgres", today: RuleExample.today, owner: "@ada"))
    let corpus = try LoadedSource.inMemory(files: [("decisions/0001-use-postgres.md", text)])
      .parse().assemble()
    let inbox = Inbox(for: "@ada", in: corpus, today: RuleExample.today)
    #expect(inbox.items.isEmpty)
    let handle = Inbox(for: "@handle", in: corpus, today: RuleExample.today)
    #expect(handle.items.isEmpty)
    var edited = text
    for spec in KindSchema.decision.sections {
      guard let prompt = spec.prompt else { continue }
      edited = edited.replacingOccurrences(of: prompt, with: "Real text for \(spec.name).")
    }
    edited = edited.replacingOccurrences(
      of: "Real text for Call to Action.", with: "@grace: approve or object.")
    let findings = try Self.check(["decisions/0001-use-postgres.md": edited])
    #expect(findings.isEmpty, "\(findings.map(\.message))")
  }

  @Test func aHandleInAKindsPromptReachesNoInbox() throws {
    let config = """
      kinds:
        decision:
          sections:
            - { name: Context, required: true }
            - name: Call to Action
              role: call-to-action
              required: [proposed]
              prompt: Ask @leads to approve by the respond-by date.

      """
    let schema = try LoadedSource.inMemory(files: [("baton.yml", config)]).parse().assemble()
      .configuration.schema(ofKind: "decision")
    let text = Scaffold.fill(
      Scaffold.template(for: schema),
      Scaffold.Values(title: "Use Postgres", today: RuleExample.today, owner: "@ada"))
    #expect(text.contains("Ask @leads to approve"))
    let files = [("baton.yml", config), ("decisions/0001-use-postgres.md", text)]
    let corpus = try LoadedSource.inMemory(files: files).parse().assemble()
    #expect(Inbox(for: "@leads", in: corpus, today: RuleExample.today).items.isEmpty)
    let found = Set(Checker().check(corpus, today: RuleExample.today).map(\.ruleID))
    #expect(found == ["unedited-template", "call-to-action-responder"], "\(found)")
  }

  static func check(_ files: [String: String]) throws -> [Diagnostic] {
    let corpus = try LoadedSource.inMemory(files: files.sorted { $0.key < $1.key }.map { ($0, $1) })
      .parse().assemble()
    return Checker().check(corpus, today: RuleExample.today)
  }
}
