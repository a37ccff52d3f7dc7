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
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return [] }
    return entries(of: descriptor).map { ($0.name, $0.kind) }
  }

  /// An entry of a folder.
  package struct Entry {
    /// The name; bytes that are not UTF-8 are replaced (see `isUTF8`).
    package var name: String
    package var kind: Kind
    /// Whether the name on disk is valid UTF-8; when not, `name` names no file.
    package var isUTF8: Bool
  }

  /// The entries of the folder open at `descriptor`, which is taken over and closed.
  package static func entries(of descriptor: Int32) -> [Entry] {
    guard let directory = fdopendir(descriptor) else {
      close(descriptor)
      return []
    }
    defer { closedir(directory) }
    var result: [Entry] = []
    while let entry = readdir(directory) {
      let (name, isUTF8) = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
        pointer.withMemoryRebound(to: CChar.self, capacity: 256) { raw in
          String(validatingCString: raw).map { ($0, true) } ?? (String(cString: raw), false)
        }
      }
      if name == "." || name == ".." { continue }
      let kind: Kind
      switch Int32(entry.pointee.d_type) {
      case Int32(DT_REG): kind = .file
      case Int32(DT_DIR): kind = .directory
      case Int32(DT_LNK): kind = .symlink
      case Int32(DT_UNKNOWN): kind = FileSystem.kind(in: dirfd(directory), name: name)
      default: kind = .other
      }
      result.append(Entry(name: name, kind: kind, isUTF8: isUTF8))
    }
    return result
  }

  /// What an entry of an open folder is, without following a symbolic link.
  static func kind(in folder: Int32, name: String) -> Kind {
    var info = stat()
    guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return .missing }
    return kind(mode: info.st_mode)
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

  /// The text of a symbolic link in an open folder; nil (with `errno` set) when it is not one.
  static func linkTarget(at folder: Int32, name: String) -> String? {
    var buffer = [CChar](repeating: 0, count: 4097)
    let count = readlinkat(folder, name, &buffer, 4096)
    guard count >= 0 else { return nil }
    return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// What a failed read is called, in words.
  package static func describe(_ code: Int32) -> String {
    String(cString: strerror(code)).lowercased()
  }

  /// Reads a regular file unless it is larger than `maxBytes`, with its stamp taken before
  /// reading (so a change while reading shows in the next stamp). The last component is not
  /// followed when it is a symbolic link.
  package static func read(path: String, maxBytes: Int) -> (
    contents: [UInt8]?, size: Int, problem: RepositoryFile.Problem?, stamp: FileStamp?
  ) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    guard descriptor >= 0 else {
      return (nil, 0, .unreadable(describe(errno)), nil)
    }
    defer { close(descriptor) }
    return read(descriptor: descriptor, maxBytes: maxBytes)
  }

  /// Reads the regular file open at `descriptor` (which stays open) unless it is larger than
  /// `maxBytes`; what it is comes from `fstat` on the descriptor, not from its path.
  package static func read(descriptor: Int32, maxBytes: Int) -> (
    contents: [UInt8]?, size: Int, problem: RepositoryFile.Problem?, stamp: FileStamp?
  ) {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      return (nil, 0, .unreadable(describe(errno)), nil)
    }
    guard info.st_mode & S_IFMT == S_IFREG else { return (nil, 0, .notAFile, nil) }
    let stamp = FileStamp(info)
    let size = Int(info.st_size)
    if size > maxBytes { return (nil, size, .tooLarge(size: size), stamp) }
    // Read into memory not filled first: the caches' files are tens of megabytes.
    var failure: Int32?
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
      var total = 0
      while total < size {
        let count = Glibc.read(descriptor, buffer.baseAddress.map { $0 + total }, size - total)
        if count < 0 {
          if errno == EINTR { continue }
          failure = errno
          break
        }
        if count == 0 { break }
        total += count
      }
      initialized = total
    }
    if let failure { return (nil, size, .unreadable(describe(failure)), stamp) }
    return (bytes, bytes.count, nil, stamp)
  }
}
