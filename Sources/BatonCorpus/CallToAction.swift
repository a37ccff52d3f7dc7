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
    if let people, !people.teams.isEmpty {
      let teams = people.teamWords
      let words = CallToAction.words(in: section.text, lengths: teams.lengths)
      result += teams.handles.filter { words.contains($0.folded) }.map(\.handle)
    }
    var seen = Set<String>()
    return result.filter { seen.insert($0.lowercased()).inserted }
  }

  /// The words of a text in lower case (runs of letters and `-`), of those found in
  /// `lengths` (in UTF-8 bytes) when the text is ASCII: the only ones a team name can match.
  ///
  /// An ASCII text is scanned byte by byte, not by Character (every open call's text is read
  /// for its teams by the ledger, the digests and the metrics).
  static func words(in text: String, lengths: Set<Int>) -> Set<String> {
    var text = text
    guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
      return Set(
        text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init))
    }
    return text.withUTF8 { bytes in
      var words: Set<String> = []
      var start = 0
      func take(_ end: Int) {
        if end > start, lengths.contains(end - start) {
          words.insert(
            String(
              decoding: bytes[start..<end].lazy.map { $0 | ($0.isASCIILetter ? 0x20 : 0) },
              as: UTF8.self))
        }
        start = end + 1
      }
      for (index, byte) in bytes.enumerated() where !byte.isASCIILetter && byte != 0x2D {
        take(index)
      }
      take(bytes.count)
      return words
    }
  }

  /// The deadline: `respond-by`, else the first date written in the section.
  public static func deadline(of document: Document, section: Section) -> Located<Day>? {
    document.respondBy ?? section.dates.first
  }
}
