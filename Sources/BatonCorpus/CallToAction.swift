import BatonConfig
import BatonDocuments
import BatonSupport

/// How rules and the inbox read a document's call to action.
public enum CallToAction {
  /// The call-to-action section of a document whose status keeps it open, if it has one.
  ///
  /// The line `baton new` wrote there is not part of it: a handle in a kind's prompt reaches
  /// no one's inbox, and a section holding only the prompt names no responder.
  public static func openSection(of document: Document, schema: KindSchema) -> Section? {
    guard let spec = schema.section(withRole: .callToAction),
      let status = document.status?.value,
      schema.openStatuses.contains(status) || spec.required.applies(toStatus: status),
      var section = document.section(matching: spec)
    else { return nil }
    let prompts = Set(section.lines.filter { spec.isPrompt($0.value) }.map(\.line))
    guard !prompts.isEmpty else { return section }
    section.lines.removeAll { prompts.contains($0.line) }
    section.mentions.removeAll { prompts.contains($0.line) }
    section.dates.removeAll { prompts.contains($0.line) }
    return section
  }

  /// Who must respond: `@handles` in the section, and team names written without `@`.
  public static func responders(in section: Section, people: People?) -> [String] {
    var result = section.mentions.map(\.value)
    if let people {
      let words = Set(
        section.text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(
          String.init))
      result += people.teams.keys.sorted().filter { words.contains($0.lowercased()) }
    }
    var seen = Set<String>()
    return result.filter { seen.insert($0.lowercased()).inserted }
  }

  /// The deadline: `respond-by`, else the first date written in the section.
  public static func deadline(of document: Document, section: Section) -> Located<Day>? {
    document.respondBy ?? section.dates.first
  }
}
