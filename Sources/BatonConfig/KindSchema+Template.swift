import Foundation

extension KindSchema {
  /// The schema with the lines of a handbook's own template for the kind
  /// (`templates/new/<kind>.md`, which `baton new` writes instead of the kind's prompts) known
  /// as its sections' template text, so that `unedited-template` finds them left in.
  ///
  /// A line counts when it stands under a `##` heading the kind knows, holds no placeholder
  /// (`{{title}}` and the like are filled in, so never left as written) and has at least
  /// `minimumLetters` letters and digits: a short line (`None.`) may well be what an author
  /// means to keep.
  public func reading(template text: String) -> KindSchema {
    var lines: [Int: [String]] = [:]
    var section: Int?
    var inFrontMatter = false
    for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if number == 0, line == "---" {
        inFrontMatter = true
        continue
      }
      if inFrontMatter {
        inFrontMatter = line != "---"
        continue
      }
      if line.hasPrefix("## ") {
        let heading = String(line.dropFirst(3))
        section = sections.firstIndex { $0.matches(heading: heading) }
      } else if line.hasPrefix("# ") {
        section = nil
      } else if let section, !line.contains("{{"),
        SectionSpec.letters(line).utf8.count >= KindSchema.minimumLetters
      {
        lines[section, default: []].append(line)
      }
    }
    var schema = self
    for (index, found) in lines { schema.sections[index].templateLines += found }
    return schema
  }

  /// How many letters and digits a template's line needs to count as template text.
  static let minimumLetters = 16
}
