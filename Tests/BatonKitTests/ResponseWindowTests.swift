import BatonConfig
import BatonCorpus
import BatonDocuments
import BatonSource
import BatonSupport
import Foundation
import Testing

/// `sla:` in baton.yml, a document's `urgency:`, and deadlines of people and teams.
@Suite struct ResponseWindowTests {
  static let config = """
    sla: { urgent: 2h, standard: 1d }
    kinds:
      update: { sla: urgent }
    """

  @Test func windowsComeFromTheDocumentThenItsKindThenStandard() throws {
    let (configuration, warnings) = try Configuration.parse(Self.config, path: "baton.yml")
    #expect(warnings.isEmpty)
    #expect(configuration.responseWindows["urgent"] == WorkingDuration(minutes: 120))
    let corpus = try LoadedSource.inMemory(
      files: [
        ("decisions/0001-a.md", "---\nstatus: proposed\nurgency: Urgent\n---\n# A\n"),
        ("decisions/0002-b.md", "---\nstatus: proposed\n---\n# B\n"),
        ("updates/2026-11-20-c.md", "---\nstatus: blocked\n---\n# C\n"),
        (
          "baton.yml",
          Self.config + "\ncollections:\n  decisions: { path: decisions, kind: decision }\n"
            + "  updates: { path: updates, kind: update }\n"
        ),
      ]
    ).parse().assemble()
    let windows = corpus.documents.map {
      ResponseWindow.of($0, configuration: corpus.configuration)?.urgency
    }
    #expect(windows == ["urgent", "standard", "urgent"])
  }

  @Test func aKindNamingAnUndeclaredWindowIsAnError() {
    #expect(throws: ConfigurationError.self) {
      try Configuration.parse(
        "sla: { urgent: 2h }\nkinds:\n  decision: { sla: soon }\n", path: "baton.yml")
    }
    #expect(throws: ConfigurationError.self) {
      try Configuration.parse("sla: { urgent: two hours }\n", path: "baton.yml")
    }
  }

  @Test func aTeamsDeadlineIsItsLastMembers() throws {
    let (people, _) = People.parse(
      """
      people:
        - handle: ada
          team: core
          timezone: Europe/London
        - handle: grace
          team: core
          timezone: America/New_York
      """, path: "people.yml")
    let window = ResponseWindow(urgency: "urgent", duration: WorkingDuration(minutes: 120))
    // Monday 2026-11-23 15:00 UTC: Ada has two hours left that day, Grace's day began at 14:00.
    let named = Date(timeIntervalSince1970: 1_795_446_000)
    let ada = window.deadline(for: "ada", namedAt: named, people: people)
    let grace = window.deadline(for: "grace", namedAt: named, people: people)
    #expect(ada == named.addingTimeInterval(7200))
    #expect(grace == named.addingTimeInterval(7200))
    let friday = Date(timeIntervalSince1970: 1_795_795_200)  // 2026-11-27 16:00 UTC
    let team = window.deadline(for: "core", namedAt: friday, people: people)
    // Ada: 16:00–17:00 Friday, then 09:00–10:00 Monday in London; Grace: 11:00–13:00 Friday.
    #expect(team == Date(timeIntervalSince1970: 1_796_032_800))  // 2026-11-30 10:00 UTC
  }
}
