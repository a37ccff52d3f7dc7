internal import CGit2

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads raw git objects for the history walk: straight from the pack files, keeping recently
/// rebuilt delta bases, and through libgit2's object database for everything else.
///
/// libgit2 1.5 keeps no delta base larger than 1 KiB, so every read of a big folder tree
/// re-applies its whole delta chain (up to 50 deltas); git's own reader keeps bases and is an
/// order of magnitude faster on long histories. This reader does what git does: it walks a
/// delta chain down to the first cached object, then applies the deltas upward and keeps each
/// intermediate result (and every tree it returns) in a byte-bounded LRU cache. Loose objects,
/// packs it cannot parse and objects it cannot unpack fall back to `git_odb_read`. Owns its
/// object database handle, zlib stream and mapped packs; frees them in `deinit`. One thread.
final class ObjectReader {
  /// The object types (git's numbering).
  enum Kind: UInt8 {
    case commit = 1
    case tree = 2
    case blob = 3
    case tag = 4
  }

  /// An object's type and uncompressed contents.
  struct Object {
    var kind: Kind
    var data: [UInt8]
  }

  private struct CacheEntry {
    var object: Object
    var lastUse: Int
  }

  private let packs: [PackFile]
  private let odb: OpaquePointer
  private let stream: UnsafeMutablePointer<z_stream>
  private let budget: Int
  private var cache: [Int: CacheEntry] = [:]
  private var cachedBytes = 0
  private var clock = 0

  /// Opens the packs of `repository` (and of its alternates); `cacheBudget` bounds the bytes of
  /// cached objects.
  init(repository: Repository, cacheBudget: Int = 96 << 20) throws(GitError) {
    var odb: OpaquePointer?
    try check(git_repository_odb(&odb, repository.handle), "git_repository_odb")
    guard let odb else {
      throw GitError.failure("no object database", function: "git_repository_odb")
    }
    stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    guard baton_inflate_init(stream) == Z_OK else {
      stream.deallocate()
      git_odb_free(odb)
      throw GitError.failure("zlib could not start", function: "inflateInit")
    }
    self.odb = odb
    self.budget = cacheBudget
    self.packs = ObjectReader.packFolders(repository).flatMap { folder in
      FileSystem.entries(ofDirectory: folder).map(\.name).filter { $0.hasSuffix(".idx") }.sorted()
        .compactMap { PackFile(indexPath: folder + "/" + $0) }
    }
  }

  /// How many pack files it reads directly.
  var packCount: Int { packs.count }

  deinit {
    inflateEnd(stream)
    stream.deallocate()
    git_odb_free(odb)
  }

  /// The `objects/pack` folders of the repository and of the alternates it lists.
  private static func packFolders(_ repository: Repository) -> [String] {
    var common = String(cString: git_repository_commondir(repository.handle))
    while common.count > 1 && common.hasSuffix("/") { common.removeLast() }
    let objects = common + "/objects"
    var folders = [objects + "/pack"]
    let alternates = FileSystem.read(path: objects + "/info/alternates", maxBytes: 1 << 20)
    if let bytes = alternates.contents {
      for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
        let path = line.trimmingPrefix(while: \.isWhitespace)
        if path.isEmpty || path.hasPrefix("#") { continue }
        let folder = path.hasPrefix("/") ? String(path) : objects + "/" + path
        folders.append(folder + "/pack")
      }
    }
    return folders
  }

  /// The object `id`; throws libgit2's error (`isNotFound` when it is missing).
  func read(_ id: RawID) throws(GitError) -> Object {
    for (number, pack) in packs.enumerated() {
      if let offset = pack.offset(of: id), let object = unpack(pack, number: number, at: offset) {
        return object
      }
    }
    var oid = id.oid
    var object: OpaquePointer?
    try check(git_odb_read(&object, odb, &oid), "git_odb_read", path: id.hex)
    defer { git_odb_object_free(object) }
    let size = git_odb_object_size(object)
    let bytes: [UInt8]
    if size > 0, let data = git_odb_object_data(object) {
      bytes = Array(UnsafeRawBufferPointer(start: data, count: size))
    } else {
      bytes = []
    }
    guard let kind = Kind(rawValue: UInt8(clamping: git_odb_object_type(object).rawValue)) else {
      throw GitError.failure("unknown object type", function: "git_odb_read", path: id.hex)
    }
    return Object(kind: kind, data: bytes)
  }

  /// The pack entry at `offset` with its deltas applied; nil when it cannot be unpacked here.
  private func unpack(_ pack: PackFile, number: Int, at offset: Int) -> Object? {
    var deltas: [(entry: PackFile.Entry, key: Int)] = []
    var current = offset
    var object: Object
    while true {
      let key = number << 48 | current
      if let hit = cache[key] {
        clock += 1
        cache[key]?.lastUse = clock
        object = hit.object
        break
      }
      guard deltas.count < 10_000, let entry = pack.entry(at: current) else { return nil }
      switch entry.kind {
      case .commit, .tree, .blob, .tag:
        guard let kind = Kind(rawValue: entry.kind.rawValue),
          let data = inflate(pack, at: entry.dataOffset, size: entry.size)
        else { return nil }
        object = Object(kind: kind, data: data)
        if !deltas.isEmpty || kind == .tree { remember(key, object) }
      case .offsetDelta:
        guard let base = entry.baseOffset else { return nil }
        deltas.append((entry, key))
        current = base
        continue
      case .referenceDelta:
        guard let baseID = entry.baseID else { return nil }
        deltas.append((entry, key))
        if let base = pack.offset(of: baseID) {
          current = base
          continue
        }
        guard let base = try? read(baseID) else { return nil }
        object = base
      }
      break
    }
    while let (entry, key) = deltas.popLast() {
      guard let delta = inflate(pack, at: entry.dataOffset, size: entry.size),
        let data = ObjectReader.apply(delta, to: object.data)
      else { return nil }
      object.data = data
      if !deltas.isEmpty || object.kind == .tree { remember(key, object) }
    }
    return object
  }

  private func remember(_ key: Int, _ object: Object) {
    clock += 1
    if let old = cache.updateValue(CacheEntry(object: object, lastUse: clock), forKey: key) {
      cachedBytes -= old.object.data.count
    }
    cachedBytes += object.data.count
    if cachedBytes > budget {
      // Drop the least recently used quarter of the budget at once, so sorting is rare.
      for (key, entry) in cache.sorted(by: { $0.value.lastUse < $1.value.lastUse }) {
        if cachedBytes <= budget / 4 * 3 { break }
        cache[key] = nil
        cachedBytes -= entry.object.data.count
      }
    }
  }

  /// Inflates the zlib data at `offset`, which must come out as exactly `size` bytes.
  private func inflate(_ pack: PackFile, at offset: Int, size: Int) -> [UInt8]? {
    let input = pack.pack
    guard let start = input.baseAddress, offset < input.count, size < Int(UInt32.max) else {
      return nil
    }
    guard inflateReset(stream) == Z_OK else { return nil }
    stream.pointee.next_in = UnsafeMutablePointer(
      mutating: (start + offset).assumingMemoryBound(to: Bytef.self))
    stream.pointee.avail_in = UInt32(clamping: input.count - offset)
    var succeeded = false
    // One spare byte, so data longer than announced is caught instead of truncated.
    let output = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, initialized in
      stream.pointee.next_out = buffer.baseAddress
      stream.pointee.avail_out = UInt32(size + 1)
      let code = CGit2.inflate(stream, Z_FINISH)
      succeeded = code == Z_STREAM_END && Int(stream.pointee.total_out) == size
      initialized = succeeded ? size : 0
    }
    return succeeded ? output : nil
  }

  /// Applies a git delta (source size, target size, then copy and insert instructions).
  static func apply(_ delta: [UInt8], to base: [UInt8]) -> [UInt8]? {
    delta.withUnsafeBufferPointer { instructions -> [UInt8]? in
      base.withUnsafeBufferPointer { source -> [UInt8]? in
        var position = 0
        func size() -> Int? {
          var value = 0
          var shift = 0
          while position < instructions.count, shift < 63 {
            let byte = instructions[position]
            position += 1
            value |= Int(byte & 0x7f) << shift
            shift += 7
            if byte & 0x80 == 0 { return value }
          }
          return nil
        }
        guard let sourceSize = size(), sourceSize == source.count, let targetSize = size(),
          targetSize < Int(UInt32.max)
        else { return nil }
        var valid = true
        let result = [UInt8](unsafeUninitializedCapacity: targetSize) { target, initialized in
          var written = 0
          while position < instructions.count {
            let op = instructions[position]
            position += 1
            if op & 0x80 != 0 {
              var from = 0
              var length = 0
              for bit in 0..<7 where op & (1 << bit) != 0 {
                guard position < instructions.count else {
                  valid = false
                  break
                }
                let byte = Int(instructions[position])
                position += 1
                if bit < 4 { from |= byte << (8 * bit) } else { length |= byte << (8 * (bit - 4)) }
              }
              if length == 0 { length = 0x10000 }
              guard valid, from + length <= source.count, written + length <= targetSize,
                let to = target.baseAddress, let origin = source.baseAddress
              else {
                valid = false
                break
              }
              (to + written).initialize(from: origin + from, count: length)
              written += length
            } else if op != 0 {
              let length = Int(op)
              guard position + length <= instructions.count, written + length <= targetSize,
                let to = target.baseAddress, let origin = instructions.baseAddress
              else {
                valid = false
                break
              }
              (to + written).initialize(from: origin + position, count: length)
              position += length
              written += length
            } else {
              valid = false
              break
            }
          }
          if written != targetSize { valid = false }
          initialized = valid ? targetSize : 0
        }
        return valid ? result : nil
      }
    }
  }
}
