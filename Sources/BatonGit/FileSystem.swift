#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Thin, allocation-light wrappers over POSIX file calls for walking working trees quickly.
package enum FileSystem {
  /// What an entry on disk is, without following symbolic links.
  package enum Kind {
    case file
    case directory
    case symlink
    case other
    case missing
  }

  package static func kind(atPath path: String) -> Kind {
    var info = stat()
    guard lstat(path, &info) == 0 else { return .missing }
    return kind(mode: info.st_mode)
  }

  /// What an entry is after following symbolic links.
  static func followedKind(atPath path: String) -> Kind {
    var info = stat()
    guard stat(path, &info) == 0 else { return .missing }
    return kind(mode: info.st_mode)
  }

  private static func kind(mode: mode_t) -> Kind {
    switch mode & S_IFMT {
    case S_IFREG: .file
    case S_IFDIR: .directory
    case S_IFLNK: .symlink
    default: .other
    }
  }

  /// The entries of a folder (without "." and ".."), with their kinds; empty when unreadable.
  package static func entries(ofDirectory path: String) -> [(name: String, kind: Kind)] {
    guard let directory = opendir(path) else { return [] }
    defer { closedir(directory) }
    var result: [(name: String, kind: Kind)] = []
    while let entry = readdir(directory) {
      let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
        pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name == "." || name == ".." { continue }
      let kind: Kind
      switch Int32(entry.pointee.d_type) {
      case Int32(DT_REG): kind = .file
      case Int32(DT_DIR): kind = .directory
      case Int32(DT_LNK): kind = .symlink
      case Int32(DT_UNKNOWN): kind = FileSystem.kind(atPath: path + "/" + name)
      default: kind = .other
      }
      result.append((name, kind))
    }
    return result
  }

  /// The text of a symbolic link.
  static func linkTarget(atPath path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: 4097)
    let count = readlink(path, &buffer, 4096)
    guard count >= 0 else { return nil }
    return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// The canonical absolute path (symbolic links resolved); nil when it does not exist.
  static func canonicalPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Reads a regular file unless it is larger than `maxBytes`, with its stamp taken before
  /// reading (so a change while reading shows in the next stamp).
  package static func read(path: String, maxBytes: Int) -> (
    contents: [UInt8]?, size: Int, problem: RepositoryFile.Problem?, stamp: FileStamp?
  ) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      return (nil, 0, .unreadable(String(cString: strerror(errno))), nil)
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      return (nil, 0, .unreadable(String(cString: strerror(errno))), nil)
    }
    guard info.st_mode & S_IFMT == S_IFREG else { return (nil, 0, .notAFile, nil) }
    let stamp = FileStamp(info)
    let size = Int(info.st_size)
    if size > maxBytes { return (nil, size, .tooLarge(size: size), stamp) }
    var bytes = [UInt8](repeating: 0, count: size)
    var total = 0
    while total < size {
      let count = bytes.withUnsafeMutableBytes { raw in
        Glibc.read(descriptor, raw.baseAddress.map { $0 + total }, size - total)
      }
      if count < 0 {
        if errno == EINTR { continue }
        return (nil, size, .unreadable(String(cString: strerror(errno))), stamp)
      }
      if count == 0 { break }
      total += count
    }
    if total < size { bytes.removeLast(size - total) }
    return (bytes, total, nil, stamp)
  }
}
