import BatonSupport

extension Configuration {
  /// Reads `baton.yml`.
  ///
  /// A file that is not YAML, or whose values have the wrong shape, throws; keys Baton does not
  /// know and kinds that do not exist become warnings, so a newer `baton.yml` still works.
  ///
  /// - Parameters:
  ///   - text: the file's text.
  ///   - path: the file's path relative to the repository (`site/baton.yml`).
  /// - Returns: the configuration and warnings about it.
  public static func parse(
    _ text: String, path: String
  ) throws(ConfigurationError) -> (Configuration, [Diagnostic]) {
    let root = path.split(separator: "/").dropLast().joined(separator: "/")
    var configuration = Configuration(root: root)
    configuration.path = path
    var warnings: [Diagnostic] = []
    let document: YAMLValue?
    do {
      document = try YAMLValue.parse(text)
    } catch {
      throw ConfigurationError(
        path: path, line: error.line, column: error.column,
        message: "invalid YAML: \(error.message)")
    }
    guard let document else { return (configuration, warnings) }
    guard let entries = document.entries else {
      throw ConfigurationError(
        path: path, line: document.line, column: document.column,
        message: "baton.yml must be a mapping of keys such as 'title' and 'collections'")
    }
    try validate(document, path: path)
    func fail(_ value: YAMLValue, _ message: String) -> ConfigurationError {
      ConfigurationError(path: path, line: value.line, column: value.column, message: message)
    }
    func string(_ value: YAMLValue, _ key: String) throws(ConfigurationError) -> String {
      guard let text = value.string else { throw fail(value, "'\(key)' must be a single value") }
      return text
    }
    for entry in entries {
      let value = entry.value
      switch entry.key {
      case "title": configuration.title = try string(value, entry.key)
      case "base-url": configuration.baseURL = try string(value, entry.key)
      case "repository": configuration.repositoryURL = try string(value, entry.key)
      case "edit-branch": configuration.editBranch = try string(value, entry.key)
      case "people":
        let file = try string(value, entry.key)
        configuration.peoplePath = file.isEmpty ? nil : join(root, file)
      case "review-period-days":
        guard let days = Int(try string(value, entry.key)), days > 0 else {
          throw fail(value, "'review-period-days' must be a whole number of days above 0")
        }
        configuration.reviewPeriodDays = days
      case "unsafe-html":
        configuration.unsafeHTML = try boolean(value, entry.key, fail)
      case "baseline":
        let file = try string(value, entry.key)
        configuration.baselinePath = file.isEmpty ? nil : join(root, file)
      case "sla":
        configuration.responseWindows = try responseWindows(value, fail)
      case "rules":
        configuration.ruleOverrides = try ruleOverrides(value, fail)
      case "kinds":
        try parseKinds(value, into: &configuration, fail)
      case "exclude":
        configuration.excludes = try globs(value, "exclude", fail)
      case "collections":
        configuration.collections = try collections(value, root: root, fail)
        configuration.collectionsDeclared = true
      case "site":
        configuration.sitePages = try sitePages(value, path: path, warnings: &warnings, fail)
      default:
        warnings.append(unknownKey(entry.key, path: path, entry.keyLine, entry.keyColumn))
      }
    }
    for collection in configuration.collections where configuration.kinds[collection.kind] == nil {
      throw ConfigurationError(
        path: path, line: 1, column: 1,
        message:
          "collection '\(collection.name)' has kind '\(collection.kind)', which is not defined: "
          + "use decision, update, page or a kind declared under 'kinds'")
    }
    try checkUrgencies(configuration, document: document, fail)
    return (configuration, warnings)
  }

  /// The warning for a key Baton does not know (`site.charts` for one under `site:`).
  private static func unknownKey(
    _ key: String, path: String, _ line: Int, _ column: Int
  ) -> Diagnostic {
    Diagnostic(
      .warning, "config-unknown-key",
      "unknown key '\(key)' in baton.yml: remove it or check its spelling",
      at: SourceLocation(path: path, line: line, column: column), subject: key)
  }

  /// `site: { metrics: false, digests: false, signoff: false }`: pages to leave out.
  private static func sitePages(
    _ value: YAMLValue, path: String, warnings: inout [Diagnostic],
    _ fail: (YAMLValue, String) -> ConfigurationError
  ) throws(ConfigurationError) -> SitePages {
    guard let entries = value.entries else {
      throw fail(value, "'site' must map pages to true or false, such as { metrics: false }")
    }
    var pages = SitePages()
    for entry in entries {
      let name = "site." + entry.key
      switch entry.key {
      case "metrics": pages.metrics = try boolean(entry.value, name, fail)
      case "digests": pages.digests = try boolean(entry.value, name, fail)
      case "signoff": pages.signoff = try boolean(entry.value, name, fail)
      default: warnings.append(unknownKey(name, path: path, entry.keyLine, entry.keyColumn))
      }
    }
    return pages
  }

  /// `sla: { urgent: 2h, standard: 24h }`: response windows by urgency.
  private static func responseWindows(
    _ value: YAMLValue, _ fail: (YAMLValue, String) -> ConfigurationError
  ) throws(ConfigurationError) -> [String: WorkingDuration] {
    guard let entries = value.entries else {
      throw fail(value, "'sla' must map urgencies to windows, such as { urgent: 2h, standard: 1d }")
    }
    var result: [String: WorkingDuration] = [:]
    for entry in entries {
      guard let text = entry.value.string, let window = WorkingDuration(parsing: text) else {
        throw fail(
          entry.value,
          "sla '\(entry.key)' must be a length of working time, such as 2h, 30m, 1d or 1d4h")
      }
      result[entry.key.lowercased()] = window
    }
    return result
  }

  /// Each kind's `sla:` must name a window of `sla:`.
  private static func checkUrgencies(
    _ configuration: Configuration, document: YAMLValue,
    _ fail: (YAMLValue, String) -> ConfigurationError
  ) throws(ConfigurationError) {
    for (name, kind) in configuration.kinds.sorted(by: { $0.key < $1.key }) {
      guard let urgency = kind.urgency,
        configuration.responseWindows[urgency.lowercased()] == nil
      else { continue }
      let known = configuration.responseWindows.keys.sorted().joined(separator: ", ")
      throw fail(
        document["kinds"]?[name]?["sla"] ?? document,
        "kind '\(name)' has 'sla: \(urgency)', which 'sla' does not declare: "
          + (known.isEmpty ? "declare it under 'sla'" : "use one of \(known)"))
    }
  }

  private static func boolean(
    _ value: YAMLValue, _ key: String, _ fail: (YAMLValue, String) -> ConfigurationError
  ) throws(ConfigurationError) -> Bool {
    switch value.string?.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default: throw fail(value, "'\(key)' must be true or false")
    }
  }

  private static func collections(
    _ value: YAMLValue, root: String, _ fail: (YAMLValue, String) -> ConfigurationError
  ) throws(ConfigurationError) -> [Collection] {
    guard let entries = value.entries else {
      throw fail(value, "'collections' must map names to { path, kind }")
    }
    var result: [Collection] = []
    for entry in entries {
      guard let folder = entry.value["path"]?.string, !folder.isEmpty else {
        throw fail(entry.value, "collection '\(entry.key)' needs a 'path'")
      }
      guard let kind = entry.value["kind"]?.string, !kind.isEmpty else {
        throw fail(
          entry.value, "collection '\(entry.key)' needs a 'kind' (decision, update or page)")
      }
      var collection = Collection(name: entry.key, path: join(root, folder), kind: kind)
      try readDialect(entry.value, into: &collection, fail)
      result.append(collection)
    }
    return result
  }

  private static func ruleOverrides(
    _ value: YAMLValue, _ fail: (YAMLValue, String) -> ConfigurationError
  ) throws(ConfigurationError) -> [RuleOverride] {
    guard let entries = value.entries else {
      throw fail(value, "'rules' must map rule ids to error, warning, note or off")
    }
    var result: [RuleOverride] = []
    for entry in entries {
      let text = entry.value.string?.lowercased() ?? ""
      let severity: Severity?
      if let known = Severity(rawValue: text) {
        severity = known
      } else if ["off", "false", "none", "ignore"].contains(text) {
        severity = nil
      } else {
        throw fail(entry.value, "rule '\(entry.key)' must be set to error, warning, note or off")
      }
      result.append(RuleOverride(ruleID: entry.key, severity: severity, line: entry.keyLine))
    }
    return result
  }

  /// Applies `kinds:`: each entry overrides a kind, or declares one with `base: <kind>`.
  private static func parseKinds(
    _ value: YAMLValue, into configuration: inout Configuration,
    _ fail: (YAMLValue, String) -> ConfigurationError
  ) throws(ConfigurationError) {
    guard let entries = value.entries else {
      throw fail(value, "'kinds' must map kind names to their schema")
    }
    for entry in entries {
      let spec = entry.value
      let baseName = spec["base"]?.string ?? entry.key
      guard var kind = configuration.kinds[baseName] ?? KindSchema.defaults[baseName] else {
        throw fail(
          spec,
          "kind '\(entry.key)' is new: give it 'base: decision', 'base: update' or 'base: page'")
      }
      if kind.name != entry.key {
        kind.name = entry.key
        kind.plural = entry.key.hasSuffix("s") ? entry.key : entry.key + "s"
      }
      if let plural = spec["plural"]?.string, !plural.isEmpty { kind.plural = plural }
      if let listing = spec["listing"] {
        guard let known = KindSchema.Listing(rawValue: listing.string ?? "") else {
          throw fail(listing, "'listing' must be record, report or page")
        }
        kind.listing = known
      }
      if let statuses = spec["statuses"] {
        guard let list = statuses.strings else { throw fail(statuses, "'statuses' must be a list") }
        kind.statuses = list.map { $0.lowercased() }
      }
      if let open = spec["open-statuses"]?.strings {
        kind.openStatuses = Set(open.map { $0.lowercased() })
      }
      if let owner = spec["owner-required"] {
        kind.ownerRequired = try requirement(owner, fail)
      }
      if let numbered = spec["numbered"] {
        kind.numbered = try boolean(numbered, "numbered", fail)
      }
      if let urgency = spec["sla"] ?? spec["urgency"] {
        guard let text = urgency.string, !text.isEmpty else {
          throw fail(urgency, "a kind's 'sla' must name one urgency declared under 'sla'")
        }
        kind.urgency = text.lowercased()
      }
      if let fields = spec["fields"] {
        kind.fieldAliases = try fieldAliases(fields, fail)
      }
      if let sections = spec["sections"] {
        kind.sections = try sectionSpecs(sections, existing: kind.sections, fail)
      }
      try readDecisionRule(spec, into: &kind, fail)
      configuration.kinds[entry.key] = kind
    }
  }

  /// `decision-rule: lazy-consensus` (or `{ rule: majority, quorum: 3 }`) and
  /// `team-quorum: any | all | N`.
  private static func readDecisionRule(
    _ spec: YAMLValue, into kind: inout KindSchema,
    _ fail: (YAMLValue, String) -> ConfigurationError
  ) throws(ConfigurationError) {
    if let value = spec["team-quorum"] {
      guard let quorum = Quorum(parsing: value.string ?? "") else {
        throw fail(value, "'team-quorum' must be any, all or a whole number above 0")
      }
      kind.teamQuorum = quorum
    }
    guard let value = spec["decision-rule"] else { return }
    let methods = DecisionRule.Method.allCases.map(\.rawValue).joined(separator: ", ")
    let name = (value["rule"] ?? value).string ?? ""
    if ["none", "off", ""].contains(name.lowercased()) {
      kind.decisionRule = nil
      return
    }
    guard let method = DecisionRule.Method(rawValue: name.lowercased()) else {
      throw fail(value, "'decision-rule' must be one of \(methods), or none")
    }
    var rule = DecisionRule(method)
    if let quorum = value["quorum"] {
      guard let parsed = Quorum(parsing: quorum.string ?? "") else {
        throw fail(quorum, "'quorum' must be any, all or a whole number above 0")
      }
      rule.quorum = parsed
    }
    for (key, status) in [("accept", \DecisionRule.acceptedStatus), ("reject", \.rejectedStatus)] {
      guard let written = value[key] else { continue }
      guard let text = written.string?.lowercased(), kind.statuses.contains(text) else {
        throw fail(written, "'\(key)' must be one of the kind's statuses")
      }
      rule[keyPath: status] = text
    }
    kind.decisionRule = rule
  }

  /// `required: true | false | [proposed, …]`.
  private static func requirement(
    _ value: YAMLValue, _ fail: (YAMLValue, String) -> ConfigurationError
  ) throws(ConfigurationError) -> KindSchema.Requirement {
    if case .sequence = value, let statuses = value.strings {
      return .whileStatus(Set(statuses.map { $0.lowercased() }))
    }
    return try boolean(value, "required", fail) ? .always : .never
  }

  private static func sectionSpecs(
    _ value: YAMLValue, existing: [KindSchema.SectionSpec],
    _ fail: (YAMLValue, String) -> ConfigurationError
  ) throws(ConfigurationError) -> [KindSchema.SectionSpec] {
    guard case .sequence(let items, _, _) = value else {
      throw fail(value, "'sections' must be a list of { name, aliases, required }")
    }
    var result: [KindSchema.SectionSpec] = []
    for item in items {
      guard let name = item["name"]?.string ?? item.string, !name.isEmpty else {
        throw fail(item, "a section needs a 'name'")
      }
      var spec =
        existing.first { $0.matches(heading: name) } ?? KindSchema.SectionSpec(name)
      spec.name = name
      if let aliases = item["aliases"]?.strings { spec.aliases = aliases }
      if let prompt = item["prompt"]?.string { spec.prompt = prompt.isEmpty ? nil : prompt }
      if let required = item["required"] { spec.required = try requirement(required, fail) }
      if let role = item["role"]?.string {
        guard let known = KindSchema.SectionSpec.Role(rawValue: role) else {
          throw fail(
            item, "section role must be call-to-action, responses, summary, status or plain")
        }
        spec.role = known
      }
      result.append(spec)
    }
    return result
  }
}
