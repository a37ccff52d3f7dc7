import BatonDocuments

/// Rules whose findings are made while reading `baton.yml` and `people.yml`, not per document.
///
/// They exist as rules so that their severity can be set in `baton.yml` and `baton rules`
/// documents them; the checker passes their findings through.
protocol SourceRule: Rule {}

extension SourceRule {
  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {}
}

/// `people.yml` entries that cannot be used.
struct PeopleFileRule: SourceRule {
  let description = RuleDescription(
    id: "people-file", title: "People file has a problem", severity: .error,
    rationale: "mentions and owners resolve against people.yml; a broken entry breaks them all",
    fix: "give every person a 'handle', once, and an IANA 'timezone' such as 'Europe/Berlin'",
    triggering: [
      RuleExample("handbook/a.md", "# A\n", people: "people:\n  - name: No Handle\n"),
      RuleExample(
        "handbook/b.md", "# B\n", people: "people:\n  - handle: x\n    timezone: Mars/Base\n"),
    ],
    nonTriggering: [
      RuleExample(
        "handbook/a.md", "# A\n", people: "people:\n  - handle: x\n    timezone: Europe/Paris\n")
    ])
}

/// Keys of `baton.yml` that Baton does not know.
struct ConfigurationKeyRule: SourceRule {
  let description = RuleDescription(
    id: "config-unknown-key", title: "Unknown key in baton.yml", severity: .warning,
    rationale: "a misspelt key is silently ignored, so the setting you meant is not applied",
    fix: "correct the key's spelling or remove it",
    triggering: [], nonTriggering: [])
}

/// Rule ids in `baton.yml` that do not exist.
struct ConfigurationRuleIDRule: SourceRule {
  let description = RuleDescription(
    id: "config-unknown-rule", title: "Unknown rule id in baton.yml", severity: .warning,
    rationale: "a misspelt rule id leaves the rule at its default severity",
    fix: "use an id listed by 'baton rules'",
    triggering: [], nonTriggering: [])
}

/// Collections declared in `baton.yml` whose folder does not exist (and does not look like a
/// typo of one that does, which is a configuration error instead).
struct ConfigurationFolderRule: SourceRule {
  let description = RuleDescription(
    id: "config-missing-folder", title: "Collection folder does not exist", severity: .warning,
    rationale: "a collection without a folder checks nothing, and CI passes while it does",
    fix: "add a document to the folder, fix the collection's 'path', or remove the collection",
    triggering: [], nonTriggering: [])
}

/// Two documents whose names differ only in their Unicode normalisation form.
struct DuplicatePathRule: SourceRule {
  let description = RuleDescription(
    id: "duplicate-path", title: "Two files have the same name", severity: .error,
    rationale:
      "names that differ only in Unicode normalisation (é as one character or as e and an "
      + "accent) look the same and lead to the same page, so one of them would be lost",
    fix: "remove one of the two files, or rename it",
    triggering: [], nonTriggering: [])
}
