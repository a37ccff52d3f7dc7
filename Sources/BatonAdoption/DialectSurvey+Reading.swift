import BatonConfig
import BatonDocuments
import BatonSupport

extension DialectSurvey {
  /// A metadata field as a document writes it, and where.
  struct RawField: Hashable {
    var written: String
    var place: String
  }

  /// The metadata fields of one document: front matter keys, a meta file's keys, and
  /// `Key: value` lines or bullets above the first section (read from its first lines only).
  static func rawFields(of file: SourceFile, metaFile: String?) -> [RawField] {
    guard let bytes = file.bytes, let text = String(validating: bytes, as: UTF8.self) else {
      return []
    }
    var fields: [RawField] = []
    var lines = headLines(text)
    if lines.first == "---", let end = lines.dropFirst().firstIndex(where: { $0 == "---" }) {
      let yaml = lines[lines.index(after: lines.startIndex)..<end].joined(separator: "\n")
      for key in yamlKeys(yaml) { fields.append(RawField(written: key, place: "front matter")) }
      lines = lines[(end + 1)...]
    }
    if let meta = file.metadata, let yaml = String(validating: meta, as: UTF8.self) {
      let place = "meta file (\(metaFile ?? "yaml"))"
      for key in yamlKeys(yaml) { fields.append(RawField(written: key, place: place)) }
    }
    var seenTitle = false
    for line in lines {
      let trimmed = line.trimmingWhitespace()
      if trimmed.hasPrefix("#") {
        let level = trimmed.prefix { $0 == "#" }.count
        let heading = trimmed.dropFirst(level).trimmingWhitespace()
        if level >= 2 || seenTitle || DocumentParser.genericHeadings.contains(heading.lowercased())
        {
          break
        }
        seenTitle = true
        continue
      }
      if let field = headerField(trimmed) { fields.append(field) }
    }
    return fields
  }

  /// Whether a document's first heading is an H1 naming a section (`# Summary`).
  static func writesH1Sections(_ file: SourceFile, parser: DocumentParser) -> Bool {
    guard let bytes = file.bytes, let text = String(validating: bytes, as: UTF8.self),
      let line = headLines(text).first(where: { $0.hasPrefix("#") })
    else { return false }
    return line.hasPrefix("# ") && parser.isSectionHeading(line.dropFirst(2).trimmingWhitespace())
  }

  /// A document's first 200 lines: metadata and the first headings are there, and splitting
  /// the whole of every document of a large log would cost more than the survey.
  static func headLines(_ text: String) -> ArraySlice<Substring> {
    let lines = text.split(separator: "\n", maxSplits: 200, omittingEmptySubsequences: false)
    return lines.count > 200 ? lines.dropLast() : lines[...]
  }

  static func yamlKeys(_ yaml: String) -> [String] {
    let parsed: YAMLValue? =
      YAMLValue.parseSimpleMapping(yaml) ?? (try? YAMLValue.parse(yaml)) ?? nil
    guard let entries = parsed?.entries else { return [] }
    return entries.map(\.key)
  }

  /// `- Start Date: 2014-03-20`, `**Status**: proposed`, `Author(s): @ada`.
  static func headerField(_ line: String) -> RawField? {
    var text = Substring(line)
    var bullet = false
    if let first = text.first, "-*+".contains(first), text.dropFirst().first == " " {
      text = text.dropFirst(2)
      bullet = true
    }
    guard let colon = text.firstIndex(of: ":") else { return nil }
    let key = String(text[..<colon]).trimming(["*", "_", " "])
    let value = text[text.index(after: colon)...].trimmingWhitespace().trimming(["*", "_", " "])
    guard let first = key.first, first.isLetter, key.count <= 30, !value.isEmpty,
      key.allSatisfy({ $0.isLetter || $0.isNumber || " ()-_/".contains($0) })
    else { return nil }
    return RawField(written: key, place: bullet ? "bullet header" : "Key: value lines")
  }

  /// For each field, the names the log uses for it that Baton does not already read: the most
  /// used, and others used only by documents that do not use that one.
  static func aliases(_ documents: [[String]], base: KindSchema) -> [String: [String]] {
    let folded = documents.map { Set($0.map(KindSchema.foldFieldName)) }
    let written = Dictionary(
      documents.flatMap { $0 }.map { (KindSchema.foldFieldName($0), $0) },
      uniquingKeysWith: { a, _ in a })
    var result: [String: [String]] = [:]
    for (field, names) in fieldCandidates {
      let target = field == "owner" ? base.personField : field
      let used = names.map { name in (name, folded.filter { $0.contains(name) }.count) }
        .filter { $0.1 > 0 }
      guard let best = used.max(by: { $0.1 < $1.1 }), best.0 != field, best.0 != target
      else { continue }
      var chosen = [best.0]
      for (name, _) in used where name != best.0 && name != field && name != target {
        if !folded.contains(where: { $0.contains(name) && $0.contains(best.0) }) {
          chosen.append(name)
        }
      }
      let needed = chosen.filter { DocumentParser.canonicalKey($0) != target }
      if !needed.isEmpty { result[target] = needed.map { written[$0] ?? $0 } }
    }
    return result
  }

  /// The statuses the documents give (those seen in two documents, or any in a small log),
  /// how many give none, and how many give a sentence that is no status.
  static func statuses(_ documents: [Document], base: KindSchema) -> ([Count], Int, Int) {
    var counts: [String: Int] = [:]
    var without = 0
    var sentences = 0
    for document in documents {
      guard let status = document.status?.value, document.status?.origin != .configuration
      else {
        without += 1
        continue
      }
      if status.contains(" ") { sentences += 1 } else { counts[status, default: 0] += 1 }
    }
    let kept = counts.filter {
      base.statuses.contains($0.key) || $0.value >= 2 || documents.count < 20
    }
    return (
      kept.map { Count(name: $0.key, count: $0.value) }.sorted {
        ($0.count, $1.name) > ($1.count, $0.name)
      }, without, sentences
    )
  }

  /// The base's sections, required only where most documents they apply to have them, then
  /// the headings nearly every document writes (as written), required.
  static func sections(_ documents: [Document], base: KindSchema) -> [KindSchema.SectionSpec] {
    guard !documents.isEmpty else { return base.sections }
    var result: [KindSchema.SectionSpec] = []
    for var spec in base.sections {
      if !mostHave(documents, spec.required, { $0.section(matching: spec) != nil }) {
        spec.required = .never
      }
      result.append(spec)
    }
    var titles: [String: (title: String, count: Int)] = [:]
    for document in documents {
      for key in Set(document.sections.map(\.key)) {
        let title = document.sections.first { $0.key == key }?.title ?? key
        titles[key, default: (title, 0)].count += 1
      }
    }
    for (key, entry) in titles.sorted(by: { $0.key < $1.key })
    where entry.count * 5 >= documents.count * 4
      && !result.contains(where: { $0.matches(key: key) })
    {
      result.append(KindSchema.SectionSpec(entry.title, required: .always))
    }
    return result
  }

  /// Whether a requirement stays: a requirement for every document stays when at least half
  /// the documents meet it; one tied to a status (a call to action while proposed) always
  /// stays, since that is what the log's new documents are checked for, and old ones that
  /// miss it are baselined.
  static func mostHave(
    _ documents: [Document], _ requirement: KindSchema.Requirement, _ meets: (Document) -> Bool
  ) -> Bool {
    guard requirement == .always else { return true }
    return documents.filter(meets).count * 2 >= documents.count
  }
}
