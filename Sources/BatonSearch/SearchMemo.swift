import BatonDocuments
import BatonMarkdown

/// The runs of documents an earlier build in the same process read into the search index, so
/// that the next build reads only the runs whose documents changed (`baton serve` keeps one
/// between rebuilds; see `SearchEngine.runs`).
///
/// A run is taken only when it holds the same documents in the same order as before: the same
/// paths, each with the very body object it had (`===`). A body is made by parsing and nowhere
/// else, and `ParseMemo` hands back a document whole with its body, so the same body means the
/// same parse of the same bytes, hence the same document and the same terms. A document
/// without a body (a file that could not be read) never matches, so its run is read again.
public struct SearchMemo: Sendable {
  /// One document of a run, as the memo recognises it.
  struct Source: Sendable {
    var path: String
    var body: MarkdownNode?

    init(_ document: Document) {
      path = document.path
      body = document.body
    }

    func isSame(as document: Document) -> Bool {
      guard let body, let other = document.body else { return false }
      return body === other && path == document.path
    }
  }

  /// Runs by the path of their first document.
  let chunks: [String: SearchEngine.Chunk]

  /// An empty memo: every run is read.
  public init() {
    chunks = [:]
  }

  init(_ chunks: [SearchEngine.Chunk]) {
    var byFirst: [String: SearchEngine.Chunk] = [:]
    for chunk in chunks {
      guard let first = chunk.sources.first else { continue }
      byFirst[first.path] = chunk
    }
    self.chunks = byFirst
  }

  /// The run read before from exactly these documents, if any.
  func chunk(for documents: ArraySlice<Document>) -> SearchEngine.Chunk? {
    guard let first = documents.first, let chunk = chunks[first.path],
      chunk.sources.count == documents.count,
      zip(chunk.sources, documents).allSatisfy({ $0.isSame(as: $1) })
    else { return nil }
    return chunk
  }
}
