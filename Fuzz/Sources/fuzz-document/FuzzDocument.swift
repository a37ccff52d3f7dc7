import BatonMarkdown

@testable import BatonConfig
@testable import BatonDocuments

/// A whole document, bytes to `Document` with its Markdown tree, then its body rendered to HTML.
func fuzzDocument(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let data else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data, count: count))
  let collection = Collection(name: "decisions", path: "decisions", kind: "decision")
  let parser = DocumentParser(collection: collection, schema: .decision)
  let document = parser.parse(SourceFile(path: "decisions/0042-fuzz.md", bytes: bytes))
  if let body = document.body {
    _ = HTMLRenderer().render(body)
    _ = body.plainText
  }
  _ = parser.status(of: SourceFile(path: "decisions/0042-fuzz.md", bytes: bytes))
  return 0
}
