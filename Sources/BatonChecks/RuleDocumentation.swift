import BatonSupport

/// Rule descriptions as text for `baton rules ID` and as Markdown for the handbook's reference.
public enum RuleDocumentation {
  /// Where Baton's own handbook (`site/`) is published: `base-url` in `site/baton.yml`, which a
  /// test keeps equal to this. Nil would leave rule links out of reports.
  public static let manualBaseURL: String? = "https://baton.example/"

  /// Where the site puts the rule reference page (`site/handbook/reference/rules.md`) under the
  /// base URL; a test checks it against the site's layout.
  public static let rulesPagePath = "handbook/reference/rules/"

  /// The published explanation of a rule: the reference page's section for it.
  public static func helpURL(_ id: String) -> String? {
    manualBaseURL.map { $0 + rulesPagePath + "#" + id }
  }

  /// The explanation `baton rules ID` prints.
  public static func text(_ rule: RuleDescription) -> String {
    var out = "\(rule.id) (\(rule.defaultSeverity.rawValue)): \(rule.title)\n\n"
    out += "Why: \(rule.rationale)\nFix: \(rule.fix)\n"
    for (label, examples) in [
      ("Triggers", rule.triggering), ("Does not trigger", rule.nonTriggering),
    ]
    where !examples.isEmpty {
      out += "\n\(label):\n"
      for example in examples {
        for file in example.files {
          out += "  --- \(file.path)\n"
          out +=
            file.text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "  | \($0)" }.joined(separator: "\n") + "\n"
        }
      }
    }
    out += "\nConfigure in baton.yml:  rules: { \(rule.id): error | warning | note | off }\n"
    out += "Suppress in a document:  <!-- baton-ignore: \(rule.id) -->\n"
    return out
  }

  /// The rule reference page, in Baton's own handbook format.
  public static func markdownPage(_ rules: [RuleDescription]) -> String {
    var out = """
      ---
      owner: "@ada"
      review-by: 2027-06-01
      tags: [reference, checks]
      order: 90
      ---
      # Rule reference

      ## Summary

      Every rule `baton check` runs, with its id, default severity and how to fix what it \
      finds. Set a rule's severity in `baton.yml` under `rules:` (`error`, `warning`, `note` \
      or `off`), or suppress it in one document with `<!-- baton-ignore: rule-id -->`. This \
      page is generated from the rules themselves (`make rules-page`); a test keeps it current.

      | Rule | Severity | What it checks |
      | --- | --- | --- |

      """
    for rule in rules {
      out += "| [`\(rule.id)`](#\(rule.id)) | \(rule.defaultSeverity.rawValue) | \(rule.title) |\n"
    }
    for rule in rules {
      out +=
        "\n## \(rule.id)\n\n**\(rule.title)** — default severity: \(rule.defaultSeverity.rawValue).\n\n"
      out += "Why: \(codeSpans(rule.rationale)).\n\nFix: \(codeSpans(rule.fix)).\n"
      // Examples with control characters (binary files) would make the page itself binary.
      if let example = rule.triggering.first, let file = example.files.first,
        !file.text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" })
      {
        out += "\nThis triggers it (`\(file.path)`):\n\n```markdown\n\(file.text)"
        out += file.text.hasSuffix("\n") ? "```\n" : "\n```\n"
      }
    }
    return out
  }

  /// Shows quoted names ('@handle', 'status:') as code spans, so they read as literal text and
  /// are not taken for mentions.
  static func codeSpans(_ text: String) -> String {
    let characters = Array(text)
    var out = ""
    var index = 0
    while index < characters.count {
      let character = characters[index]
      let openable =
        index == 0 || !(characters[index - 1].isLetter || characters[index - 1].isNumber)
      if character == "'", openable,
        let close = characters[(index + 1)...].firstIndex(where: { $0 == "'" }),
        close + 1 == characters.count || !characters[close + 1].isLetter
      {
        out += "`" + String(characters[(index + 1)..<close]) + "`"
        index = close + 1
      } else {
        out.append(character)
        index += 1
      }
    }
    return out
  }
}
