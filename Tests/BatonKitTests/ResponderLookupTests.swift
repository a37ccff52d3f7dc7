import BatonCorpus
import BatonDocuments
import BatonSource
import Foundation
import Testing

/// Who a call to action asks by team name, and which person a commit author is: the lookups the
/// ledger, the digests and the metrics make for every open call and every decision.
@Suite struct ResponderLookupTests {
  static let people = """
    people:
      - handle: grace
        name: Grace Hopper
        email: grace@example.com
        team: platform
      - handle: hopper
        name: G. Hopper
        email: g.hopper@example.com
        team: data-platform
      - handle: ada
        name: Ada
        email: ADA@Example.com
        team: Infra
    teams:
      - handle: ops
        members: [ada]
      - handle: équipe
        members: [grace]
    """

  static func responders(_ ask: String) throws -> [String] {
    let text =
      "---\nstatus: proposed\nowner: '@ada'\n---\n# Ask\n\n## Context\nx\n\n## Proposal\ny\n\n"
      + "## Call to Action\n\n\(ask)\n"
    let corpus = try LoadedSource.inMemory(
      files: [("decisions/0001-ask.md", text)], people: people
    ).parse().assemble()
    let document = try #require(corpus.documents.first)
    let section = try #require(
      CallToAction.openSection(of: document, schema: corpus.schema(of: document)))
    return CallToAction.responders(in: section, people: corpus.people)
  }

  @Test func teamsAreWholeWordsInAnyCase() throws {
    // `platform` inside `data-platform` is not a word of its own; `infra` and `OPS` are.
    #expect(
      try Self.responders("The DATA-PLATFORM team, (infra) and OPS: sign off by 2026-12-01.")
        == ["Infra", "data-platform", "ops"])
    #expect(try Self.responders("Platformers and infrastructure, no team named.") == [])
    #expect(
      try Self.responders("@grace and platform, then @Grace again.") == ["grace", "platform"])
  }

  @Test func teamsInTextBeyondASCII() throws {
    #expect(try Self.responders("L’équipe ÉQUIPE et l’équipe «ops».") == ["ops", "équipe"])
    #expect(try Self.responders("Plateforme — platform—infra, merci.") == ["Infra", "platform"])
  }

  @Test func aCommitAuthorIsTheFirstPersonWithTheirAddressOrName() throws {
    let corpus = try LoadedSource.inMemory(
      files: [("decisions/0001-a.md", "# A\n")], people: Self.people
    ).parse().assemble()
    let people = try #require(corpus.people)
    // The name is grace's and the address hopper's: the digest takes whoever comes first.
    #expect(people.person(email: "G.Hopper@example.com", name: "grace hopper")?.handle == "grace")
    #expect(people.person(email: "ada@example.COM", name: nil)?.handle == "ada")
    #expect(people.person(email: nil, name: "nobody") == nil)
    // The ledger takes the address first.
    #expect(corpus.handle(ofAuthor: "Grace Hopper", email: "g.hopper@example.com") == "hopper")
    #expect(corpus.handle(ofAuthor: "G. HOPPER", email: "someone@else.org") == "hopper")
    #expect(corpus.handle(ofAuthor: "Someone", email: "someone@else.org") == nil)
  }
}
