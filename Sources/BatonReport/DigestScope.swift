import BatonCorpus
import BatonDocuments
import BatonSupport
import Foundation

/// What one digest reads: the corpus, the period, the audience, and how each section picks
/// its documents.
struct DigestScope {
  let corpus: Corpus
  let since: Date
  let until: Date
  let addresses: [String: String]
  /// The audience's handles, lower case: the person or team and the teams the person is in,
  /// or a team's members; nil for everyone.
  let audience: Set<String>?
  /// The day of `until` in UTC: deadlines and review dates are whole days.
  let today: Day
  /// Whether new proposals include those decided since (the site's weekly digests, which
  /// stay as their week saw it) rather than only those still open.
  var keepsDecidedProposals = false
  /// Whether items quote the text of their call to action (`baton digest`); the site's pages
  /// say whom it asks and by when, and link to it, so that an edit to an ask's wording renders
  /// only its document's page.
  var quotesAsks = true

  init(corpus: Corpus, since: Date, until: Date, audience: String?, addresses: [String: String]) {
    self.corpus = corpus
    self.since = since
    self.until = until
    self.addresses = addresses
    self.today = MetricsScope.utcDay(of: until)
    self.audience = audience.map { DigestScope.reach(of: Person.handle(from: $0), corpus: corpus) }
  }

  /// The handles a person or team answers to: itself, a person's teams, a team's members.
  static func reach(of handle: String, corpus: Corpus) -> Set<String> {
    var result: Set<String> = [handle.lowercased()]
    guard let people = corpus.people else { return result }
    if let team = people.person(handle)?.team, !team.isEmpty { result.insert(team.lowercased()) }
    for (team, members) in people.teams {
      if team.lowercased() == handle.lowercased() {
        result.formUnion(members.map { $0.lowercased() })
      } else if members.contains(where: { $0.lowercased() == handle.lowercased() }) {
        result.insert(team.lowercased())
      }
    }
    return result
  }

  func within(_ date: Date) -> Bool {
    date >= since && date <= until
  }

  /// Whether a document concerns the audience: it owns, wrote or decides it, its team wrote
  /// it, or its call to action asks it.
  func concerns(_ document: Document, asks: [String]) -> Bool {
    guard let audience else { return true }
    var names = asks + document.items("deciders").map { Person.handle(from: $0.value) }
    if let owner = document.owner?.value { names.append(owner) }
    if let team = document.team { names.append(team) }
    return names.contains { audience.contains($0.lowercased()) }
  }

  /// A digest item for a document.
  func item(
    _ document: Document, person: String? = nil, day: Day? = nil, asks: [String] = [],
    note: String? = nil
  ) -> DigestReport.Item {
    DigestReport.Item(
      path: document.path, id: document.identifier.number == nil ? "" : document.identifier.text,
      title: document.displayTitle,
      url: addresses[document.path], status: document.status?.value,
      person: person ?? document.owner.map { "@" + $0.value }, day: day?.description, asks: asks,
      note: note.map(DigestScope.oneLine))
  }

  /// A text on one line, at most 200 characters.
  static func oneLine(_ text: String) -> String {
    let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }
      .filter { !$0.isEmpty }.joined(separator: " ")
    return line.count > 200 ? String(line.prefix(199)) + "…" : line
  }

  /// Who authored a commit: `@handle` of the person of `people.yml` with their e-mail or name,
  /// else the name as git recorded it.
  func handle(of event: DocumentHistory.Event) -> String {
    let person = corpus.people?.person(email: event.authorEmail, name: event.authorName)
    return person.map { "@" + $0.handle } ?? event.authorName
  }

  /// A document's open call to action: who it asks, its deadline and its text.
  func openCall(of document: Document) -> (asks: [String], deadline: Day?, text: String?)? {
    guard
      let section = CallToAction.openSection(of: document, schema: corpus.schema(of: document))
    else { return nil }
    return (
      CallToAction.responders(in: section, people: corpus.people),
      CallToAction.deadline(of: document, section: section)?.value,
      quotesAsks ? section.text : nil
    )
  }
}
