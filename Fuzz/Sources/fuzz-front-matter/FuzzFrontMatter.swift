@testable import BatonConfig
@testable import BatonDocuments
@testable import BatonSupport

/// Front matter and metadata extraction: the bytes as the YAML between `---` lines, read by the
/// fast path and by the composer (which must agree when the fast path answers), then by the
/// document parser without its Markdown tree.
func fuzzFrontMatter(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let data else { return 0 }
  let yaml = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
  let fast = YAMLValue.parseSimpleMapping(yaml)
  let composed = try? YAMLValue.parse(yaml)
  if let fast, fast != composed {
    fatalError("the fast path and the composer disagree on \(yaml.debugDescription)")
  }
  let collection = Collection(name: "decisions", path: "decisions", kind: "decision")
  let parser = DocumentParser(collection: collection, schema: .decision, keepsBody: false)
  let text = "---\n" + yaml + "\n---\n# Title\n\n## Context\n\nText @ada 2026-01-02.\n"
  let document = parser.parse(SourceFile(path: "decisions/0001-fuzz.md", bytes: Array(text.utf8)))
  _ = (document.status, document.owner, document.respondBy, document.title)
  return 0
}
