import BatonGit
import BatonSearch
import BatonSupport

extension BuildState {
  /// Documents' search excerpt payloads are kept in this many files, by excerpt group.
  static let excerptChunkCount = 64

  /// The file of the payloads of a document, by its number in the search index: a group's
  /// documents share one, so a patch of a group reads one file.
  static func excerptChunk(of number: Int) -> Int {
    (number / SearchIndex.groupSize) % excerptChunkCount
  }

  /// The files of every document's excerpt payloads (`SearchState.Built.payloads`), by chunk,
  /// each named `excerpts-` and a hash of its bytes.
  static func excerptFiles(_ payloads: [[[UInt8]]]) -> [(name: String, bytes: [UInt8])] {
    var chunks = [[Int: [[UInt8]]]](repeating: [:], count: excerptChunkCount)
    for (number, list) in payloads.enumerated() { chunks[excerptChunk(of: number)][number] = list }
    return chunks.parallelMap(encodeExcerpts).map { (tableName("excerpts", $0), $0) }
  }

  /// A chunk's file: its documents' numbers in order, each with its payloads; sealed.
  static func encodeExcerpts(_ members: [Int: [[UInt8]]]) -> [UInt8] {
    var writer = ByteWriter(capacity: members.values.reduce(64) { $0 + $1.count * 512 })
    writer.list(members.sorted { $0.key < $1.key }) { writer, member in
      writer.natural(member.key)
      writer.list(member.value) { writer, payload in
        writer.natural(payload.count)
        writer.bytes.append(contentsOf: payload)
      }
    }
    return CacheFile.sealed(writer.bytes)
  }

  /// The payloads kept in a chunk, by document number; nil when its file cannot be read or is
  /// not the one this state names.
  func excerpts(inChunk chunk: Int, store: StateStore) -> [Int: [[UInt8]]]? {
    guard chunk < excerpts.count, let bytes = sealedFile(excerpts[chunk], in: store) else {
      return nil
    }
    var reader = ByteReader(bytes: bytes)
    guard
      let members = reader.list({ reader -> (Int, [[UInt8]])? in
        guard let number = reader.natural(),
          let payloads = reader.list({ reader -> [UInt8]? in
            guard let count = reader.natural(), count <= reader.bytes.count - reader.position
            else { return nil }
            defer { reader.position += count }
            return Array(reader.bytes[reader.position..<(reader.position + count)])
          })
        else { return nil }
        return (number, payloads)
      }), reader.isAtEnd
    else { return nil }
    return Dictionary(members, uniquingKeysWith: { a, _ in a })
  }
}
