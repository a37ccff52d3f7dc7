import BatonGit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A regular file's bytes mapped read-only into memory instead of read into an array.
///
/// Reading a file of tens of megabytes (the state's copy of `documents.json`) copies it into a
/// fresh buffer, a new page faulted in for every 4 KB; mapped, its pages are the page cache's,
/// faulted in a run at a time as they are read, and never copied. The pages stay valid while
/// the mapping lives, even when the file is renamed or removed; a file truncated in place by
/// another process while it is mapped would fault on its missing pages, which Baton's own files
/// never are (they are replaced, never rewritten in place).
///
/// Sendable: the mapping is made in `init`, never written (`PROT_READ`) and unmapped only in
/// `deinit`, when no reader holds it.
package final class MappedFile: @unchecked Sendable {
  /// The file's bytes; empty (no address) for an empty file.
  package let bytes: UnsafeRawBufferPointer
  /// The file's stamp when it was mapped.
  package let stamp: FileStamp

  private init(bytes: UnsafeRawBufferPointer, stamp: FileStamp) {
    self.bytes = bytes
    self.stamp = stamp
  }

  /// The regular file at `path` mapped, not following a symbolic link; nil when it cannot be.
  package static func map(_ path: String) -> MappedFile? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    guard let stamp = FileStamp.of(descriptor: descriptor) else { return nil }
    guard stamp.size > 0 else {
      return MappedFile(bytes: UnsafeRawBufferPointer(start: nil, count: 0), stamp: stamp)
    }
    guard let address = mmap(nil, stamp.size, PROT_READ, MAP_PRIVATE, descriptor, 0),
      address != UnsafeMutableRawPointer(bitPattern: -1)
    else { return nil }
    return MappedFile(
      bytes: UnsafeRawBufferPointer(start: address, count: stamp.size), stamp: stamp)
  }

  deinit {
    if let base = bytes.baseAddress {
      munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
    }
  }
}

/// Bytes held in an array or in a mapped file (`MappedFile`), read the same way.
package enum HeldBytes: Sendable {
  case array([UInt8])
  case mapped(MappedFile)

  /// How many bytes there are.
  package var count: Int {
    switch self {
    case .array(let bytes): bytes.count
    case .mapped(let file): file.bytes.count
    }
  }

  /// Calls `body` with the bytes, valid only during the call.
  package func withUnsafeBytes<Result>(
    _ body: (UnsafeRawBufferPointer) throws -> Result
  ) rethrows -> Result {
    switch self {
    case .array(let bytes): try bytes.withUnsafeBytes(body)
    case .mapped(let file): try withExtendedLifetime(file) { try body(file.bytes) }
    }
  }

  /// The bytes in an array of their own (a copy, for a mapped file).
  package var array: [UInt8] {
    switch self {
    case .array(let bytes): bytes
    case .mapped(let file): Array(file.bytes)
    }
  }
}
