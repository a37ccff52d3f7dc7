import BatonGit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Files of Baton's caches (the output's record, the build state): read whole, sealed with a
/// checksum so that a damaged or half-written one is noticed, and written under a temporary
/// name then renamed, so that a reader sees the old file or the new one.
package enum CacheFile {
  /// A file's bytes, or nil when it cannot be read.
  package static func read(_ path: String) -> [UInt8]? {
    FileSystem.read(path: path, maxBytes: Int.max).contents
  }

  /// Bytes with a checksum after them.
  ///
  /// In a buffer of their exact size: appending to the caller's full buffer would copy it into
  /// one twice as large, and a build state's files are tens of megabytes, made while the whole
  /// site is still in memory.
  package static func sealed(_ bytes: [UInt8]) -> [UInt8] {
    var writer = ByteWriter()
    writer.bytes.reserveCapacity(bytes.count + 8)
    writer.bytes.append(contentsOf: bytes)
    writer.uint64(ByteCoding.checksum(bytes[...]))
    return writer.bytes
  }

  /// What `sealed` sealed, or nil when the checksum does not match.
  ///
  /// The checksum is dropped in place: a file read for this alone is not copied (a build
  /// state's are tens of megabytes).
  package static func unsealed(_ bytes: consuming [UInt8]) -> [UInt8]? {
    guard bytes.count >= 8 else { return nil }
    let end = bytes.count - 8
    let stored = bytes.withUnsafeBytes {
      UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: end, as: UInt64.self))
    }
    guard stored == ByteCoding.checksum(bytes[..<end]) else { return nil }
    bytes.removeLast(8)
    return bytes
  }

  /// Seals bytes in place (`sealed`), in a buffer that already has room for the checksum.
  package static func seal(_ bytes: inout [UInt8]) {
    let checksum = ByteCoding.checksum(bytes[...])
    withUnsafeBytes(of: checksum.littleEndian) { bytes.append(contentsOf: $0) }
  }

  /// Writes a file under a temporary name and renames it into place.
  package static func writeAtomically(_ bytes: [UInt8], to path: String) -> Bool {
    writeAtomically(to: path) { FileBytes.write(bytes, descriptor: $0) }
  }

  /// Writes a file under a temporary name, its bytes put by `write` into the open descriptor,
  /// and renames it into place; false, and no file, when a step fails.
  package static func writeAtomically(to path: String, _ write: (Int32) -> Bool) -> Bool {
    let temporary = path + ".tmp-\(getpid())"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { return false }
    let written = write(descriptor)
    guard close(descriptor) == 0, written, rename(temporary, path) == 0 else {
      unlink(temporary)
      return false
    }
    return true
  }
}
