import BatonConfig

/// Writes the `baton.yml` an adoption proposes, and the summary `baton init` prints.
enum AdoptionWriter {
  static func configuration(_ adoption: Adoption) -> String {
    var out = """
      # Written by `baton init` from what this repository holds: the logs and handbooks it found,
      # and how each writes its documents. Edit freely; see the handbook's baton.yml reference.
      title: Handbook
      collections:

      """
    for proposal in adoption.proposals {
      out += collectionYAML(proposal, root: adoption.root)
    }
    let kinds = adoption.proposals.filter(\.declaresKind)
    if !kinds.isEmpty {
      out += "kinds:\n"
      for proposal in kinds { out += kindYAML(proposal) }
    }
    return out
  }

  static func collectionYAML(_ proposal: Adoption.Proposal, root: String) -> String {
    let collection = proposal.collection
    let path =
      root.isEmpty ? collection.path : String(collection.path.dropFirst(root.count + 1))
    var out = "  \(collection.name):\n    path: \(quoted(path.isEmpty ? "." : path))\n"
    out += "    kind: \(collection.kind)\n"
    if collection.layout == .folders, collection.metaFile == nil { out += "    layout: folders\n" }
    if let meta = collection.metaFile { out += "    meta-file: \(quoted(meta))\n" }
    if let status = collection.defaultStatus { out += "    default-status: \(status)\n" }
    if !collection.excludes.isEmpty { out += "    exclude: \(list(collection.excludes))\n" }
    return out
  }

  static func kindYAML(_ proposal: Adoption.Proposal) -> String {
    let schema = proposal.schema
    let base = KindSchema.defaults[proposal.base] ?? .page
    var out = "  \(schema.name):\n    base: \(proposal.base)\n"
    if schema.statuses != base.statuses { out += "    statuses: \(list(schema.statuses))\n" }
    if schema.ownerRequired != base.ownerRequired {
      out += "    owner-required: \(requirement(schema.ownerRequired))\n"
    }
    let aliases = proposal.dialect.aliases
    if !aliases.isEmpty {
      out += "    fields:\n"
      for field in aliases.keys.sorted() {
        out += "      \(field): \(list(aliases[field] ?? []))\n"
      }
    }
    if schema.sections != base.sections {
      out += "    sections:\n"
      for spec in schema.sections {
        out += "      - { name: \(quoted(spec.name)), required: \(requirement(spec.required)) }\n"
      }
    }
    return out
  }

  static func requirement(_ requirement: KindSchema.Requirement) -> String {
    switch requirement {
    case .never: "false"
    case .always: "true"
    case .whileStatus(let statuses): list(statuses.sorted())
    }
  }

  static func list(_ items: [String]) -> String {
    "[" + items.map(quoted).joined(separator: ", ") + "]"
  }

  /// A YAML scalar: plain when it is a simple word, else double-quoted.
  static func quoted(_ text: String) -> String {
    let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) }
    if plain, let first = text.first, first.isLetter {
      return text
    }
    let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
      .replacingOccurrences(of: "\"", with: "\\\"")
    return "\"\(escaped)\""
  }
}
