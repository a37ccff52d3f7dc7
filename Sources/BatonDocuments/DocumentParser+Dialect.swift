import BatonConfig
import BatonMarkdown
import BatonSupport

/// How the parser reads a log in its own dialect: field names through the kind's aliases, a
/// first H1 that is a section rather than a title, a metadata file beside a folder document,
/// and a collection's default status.
extension DocumentParser {
  /// Generic first headings that are never a document's title.
  package static let genericHeadings: Set<String> = ["summary", "introduction", "abstract"]

  /// Baton's name for a field as a document wrote it: the kind's aliases first, then the names
  /// other tools use (`decision-makers`), else the folded name.
  func fieldKey(_ written: String) -> String {
    if !schema.fieldAliases.isEmpty,
      let alias = schema.fieldAliases[KindSchema.foldFieldName(written)]
    {
      return alias
    }
    return DocumentParser.canonicalKey(written)
  }

  /// Stores a field, remembering the name the document wrote when it differs from Baton's.
  func setField(
    _ key: String, written: String, _ value: Located<Document.FieldValue>,
    into document: inout Document
  ) {
    document.fields[key] = value
    let folded = KindSchema.foldFieldName(written)
    if folded != key { document.writtenNames[key] = written.trimming(["*", "_", " ", ":"]) }
  }

  /// Whether a first H1 is a section (`# Summary`) rather than the document's title.
  package func isSectionHeading(_ text: String) -> Bool {
    let key = KindSchema.SectionSpec.normalize(text)
    return DocumentParser.genericHeadings.contains(key)
      || schema.sections.contains { $0.matches(key: key) }
  }

  /// A title from the file or folder name: the identifier dropped, the slug as words.
  static func titleFromName(_ identifier: DocumentIdentifier) -> String? {
    let words = identifier.slug.split(whereSeparator: { $0 == "-" || $0 == "_" })
      .joined(separator: " ")
    guard let first = words.first else { return nil }
    return first.uppercased() + words.dropFirst()
  }

  /// The identifier of a document: from its file name, or for folder documents
  /// (`0042-slug/README.md`) from its folder's name.
  func identifier(of path: String) -> DocumentIdentifier {
    guard collection.layout == .folders, let slash = path.lastIndex(of: "/") else {
      return DocumentIdentifier(fileName: path)
    }
    return DocumentIdentifier(fileName: String(path[..<slash]) + ".md")
  }

  /// Reads the metadata file beside a folder document (`kep.yaml`); front matter, read after,
  /// wins over it.
  func readMetaFile(_ bytes: [UInt8], into document: inout Document) {
    guard let text = String(validating: bytes, as: UTF8.self),
      let value = try? YAMLValue.parse(text), let entries = value.entries
    else { return }
    for entry in entries {
      let field: Document.FieldValue
      switch entry.value {
      case .scalar(let text, _, _): field = .text(text)
      case .sequence: field = .list(entry.value.strings ?? [])
      case .mapping: continue
      }
      let key = fieldKey(entry.key)
      let located = Located(field, origin: .metaFile, line: entry.keyLine, column: entry.keyColumn)
      if key == "title" {
        document.title = located.map { $0.text }
      } else if document.fields[key] == nil {
        setField(key, written: entry.key, located, into: &document)
      }
    }
  }

  /// The collection's default status, for a document that gives none.
  func applyDefaultStatus(into document: inout Document) {
    guard document.fields["status"] == nil, let status = collection.defaultStatus else { return }
    document.fields["status"] = Located(
      .text(status), origin: .configuration, line: document.bodyStartLine)
  }
}
