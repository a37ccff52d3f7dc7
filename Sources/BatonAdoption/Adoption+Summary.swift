import BatonSupport

extension Adoption {
  /// What `baton init` says it found: per collection, its documents, dialect, statuses and
  /// exclusions; then the findings that remain, by rule.
  ///
  /// - Parameter findings: the diagnostics of a check with the proposed configuration.
  public func summary(findings: [Diagnostic]) -> String {
    var out = "found \(proposals.count) collection\(proposals.count == 1 ? "" : "s") "
    out += "in \(filesRead) Markdown files:\n"
    for proposal in proposals { out += describe(proposal) }
    if findings.isEmpty {
      out += "no findings remain: `baton check` is clean\n"
      return out
    }
    var byRule: [String: Int] = [:]
    for finding in findings { byRule[finding.ruleID, default: 0] += 1 }
    let rules = byRule.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
    out += "\(findings.count) finding\(findings.count == 1 ? " remains" : "s remain"): "
    out += rules.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
    return out
  }

  private func describe(_ proposal: Proposal) -> String {
    let dialect = proposal.dialect
    let collection = proposal.collection
    var kind = "kind \(collection.kind)"
    if proposal.declaresKind { kind += ", based on \(proposal.base)" }
    var out = "  \(collection.name) (\(collection.path)/, \(kind)): "
    out += "\(dialect.documents) document\(dialect.documents == 1 ? "" : "s")"
    if collection.layout == .folders { out += ", one folder each" }
    out += "\n"
    if !dialect.places.isEmpty {
      out += "    metadata: " + counted(dialect.places) + "\n"
    }
    for field in dialect.aliases.keys.sorted() {
      let names = (dialect.aliases[field] ?? []).map { "'\($0)'" }.joined(separator: ", ")
      out += "    field '\(field)' read from \(names)\n"
    }
    if !proposal.schema.statuses.isEmpty {
      var parts: [String] = []
      if !dialect.statuses.isEmpty { parts.append(counted(dialect.statuses)) }
      if dialect.withoutStatus > 0 { parts.append("none given in \(dialect.withoutStatus)") }
      var line = "    statuses: " + parts.joined(separator: "; ")
      if let status = dialect.defaultStatus { line += " (default-status: \(status))" }
      if dialect.unreadableStatuses > 0 {
        line += "; \(dialect.unreadableStatuses) that are no status (reported)"
      }
      out += line + "\n"
    }
    if !dialect.sections.isEmpty {
      let level = dialect.sectionLevel == 1 ? "as H1s" : "as H2s"
      out += "    sections (\(level)): " + counted(Array(dialect.sections.prefix(8)))
      out += dialect.sections.count > 8 ? ", …\n" : "\n"
    }
    for file in proposal.excluded.prefix(10) {
      out += "    excluded \(file.path): \(file.reason)\n"
    }
    if proposal.excluded.count > 10 {
      out += "    excluded \(proposal.excluded.count - 10) more files\n"
    }
    return out
  }

  private func counted(_ counts: [DialectSurvey.Count]) -> String {
    counts.map { "\($0.name) \($0.count)" }.joined(separator: ", ")
  }
}
