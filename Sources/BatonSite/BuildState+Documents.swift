import BatonGit
import BatonSupport

extension BuildState {
  /// The documents' table is kept in this many files, each a run of the documents in path
  /// order: an update rewrites only the files of the documents it changed.
  static let documentChunkCount = 64

  /// The places in path order of the documents of chunk `chunk`, for a table of `count`.
  static func documentChunk(_ chunk: Int, count: Int) -> Range<Int> {
    (chunk * count / documentChunkCount)..<((chunk + 1) * count / documentChunkCount)
  }

  /// Marks documents whose entries changed since the state was read: the next write encodes
  /// their chunks again, and keeps the others' files as they are.
  mutating func touch<Paths: Sequence<String>>(_ paths: Paths) {
    touched.formUnion(paths)
  }

  /// The files of the documents' table for the state as it now is: those of the chunks holding
  /// a touched document encoded (`written`, each named `documents-` and a hash of its bytes),
  /// the others the files read. Every chunk is encoded
  /// when the state was not read from files (a whole build's), or its documents are not those
  /// it read in order.
  func documentChunks() -> (files: [String], written: [String: [UInt8]]) {
    let paths: [String]
    var dirty: Set<Int>?
    if let order, order.count == documents.count, let files = documentFiles,
      files.count == BuildState.documentChunkCount
    {
      paths = order
      dirty = chunks(of: touched, in: order)
    } else {
      paths = documents.keys.sorted()
    }
    var files = documentFiles ?? []
    files.reserveCapacity(BuildState.documentChunkCount)
    var written: [String: [UInt8]] = [:]
    for chunk in 0..<BuildState.documentChunkCount where dirty?.contains(chunk) ?? true {
      let bytes = encodeDocuments(
        paths, BuildState.documentChunk(chunk, count: paths.count))
      let name = BuildState.tableName("documents", bytes)
      if chunk < files.count { files[chunk] = name } else { files.append(name) }
      written[name] = bytes
    }
    return (files, written)
  }

  /// The chunks holding `paths`, found in `order` (sorted); nil when one is not there.
  private func chunks(of paths: Set<String>, in order: [String]) -> Set<Int>? {
    var chunks: Set<Int> = []
    for path in paths {
      var low = 0
      var high = order.count
      while low < high {
        let middle = (low + high) / 2
        if order[middle] < path { low = middle + 1 } else { high = middle }
      }
      guard low < order.count, order[low] == path else { return nil }
      for chunk in 0..<BuildState.documentChunkCount
      where BuildState.documentChunk(chunk, count: order.count).contains(low) {
        chunks.insert(chunk)
      }
    }
    return chunks
  }

  /// A chunk's file: the documents at `places` of `paths`, sealed. A record's place in
  /// `documents.json` is written as its distance from the end of the record before it in path
  /// order: a record that changes length moves every record after it, but changes no other
  /// document's entry.
  private func encodeDocuments(_ paths: [String], _ places: Range<Int>) -> [UInt8] {
    var writer = ByteWriter(capacity: places.count * 192 + 16)
    writer.natural(places.count)
    var end =
      places.lowerBound == 0 ? 0 : documents[paths[places.lowerBound - 1]]?.record.upperBound ?? 0
    for place in places {
      let path = paths[place]
      guard let document = documents[path] else { continue }
      writer.string(path)
      writer.string(document.collection)
      writer.bool(document.digest != nil)
      if let digest = document.digest { writer.digest(digest) }
      writer.digest(document.face)
      writer.bool(document.stamp != nil)
      if let stamp = document.stamp { writer.stamp(stamp) }
      writer.bool(document.mayHoldResponses)
      writer.signed(document.record.lowerBound - end)
      writer.natural(document.record.count)
      writer.digest(document.recordDigest)
      end = document.record.upperBound
    }
    return CacheFile.sealed(writer.bytes)
  }

  /// The documents' table read from its files, with their paths in order; nil when a file
  /// cannot be read, is not the one the state names, or the paths are not in order.
  ///
  /// - Returns: also whether every record lies after the one before it in path order (as
  ///   `documents.json` writes them): only then does an update leave the entries of documents
  ///   it did not change as they are (`documentChunks`).
  static func readDocuments(_ store: StateStore, _ files: [String], seals: [String: UInt64]) -> (
    documents: [String: Document], order: [String], inOrder: Bool
  )? {
    var documents: [String: Document] = [:]
    var order: [String] = []
    var end = 0
    var inOrder = true
    for file in files {
      guard let bytes = sealedFile(store, file, seal: seals[file]) else { return nil }
      var reader = ByteReader(bytes: bytes)
      guard let count = reader.natural(), count <= bytes.count else { return nil }
      if documents.isEmpty { documents.reserveCapacity(count * documentChunkCount + 64) }
      for _ in 0..<count {
        guard let (path, document) = reader.document(after: end),
          order.last.map({ $0 < path }) ?? true
        else { return nil }
        inOrder = inOrder && document.record.lowerBound >= end
        end = document.record.upperBound
        documents[path] = document
        order.append(path)
      }
      guard reader.isAtEnd else { return nil }
    }
    return (documents, order, inOrder)
  }
}

extension ByteReader {
  /// A document's entry in a chunk of the documents' table (`BuildState.encodeDocuments`),
  /// its record placed after `end`, the end of the record before it.
  mutating func document(after end: Int) -> (String, BuildState.Document)? {
    guard let path = string(), let collection = string(),
      let fileDigest = optional({ $0.digest() }), let face = self.digest(),
      let stamp = optional({ $0.stamp() }), let responses = bool(),
      let distance = signed(), let length = natural(), end + distance >= 0,
      let recordDigest = self.digest()
    else { return nil }
    let start = end + distance
    return (
      path,
      BuildState.Document(
        collection: collection, digest: fileDigest, face: face, stamp: stamp,
        mayHoldResponses: responses, record: start..<(start + length),
        recordDigest: recordDigest)
    )
  }
}
