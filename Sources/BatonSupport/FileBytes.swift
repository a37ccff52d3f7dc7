#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writing bytes to a file with the system's own calls, retrying interrupted writes.
package enum FileBytes {
  /// Writes `bytes` to `path`, creating or truncating it; false when any step fails.
  package static func write(_ bytes: [UInt8], to path: String) -> Bool {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    return write(bytes, descriptor: descriptor)
  }

  /// Writes all of `bytes` to the open file `descriptor`; false when a write fails.
  package static func write(_ bytes: [UInt8], descriptor: Int32) -> Bool {
    bytes.withUnsafeBytes { write($0, descriptor: descriptor) }
  }

  /// Writes all of a buffer's bytes to the open file `descriptor`; false when a write fails.
  package static func write(_ buffer: UnsafeRawBufferPointer, descriptor: Int32) -> Bool {
    var offset = 0
    while offset < buffer.count {
      let count = systemWrite(
        descriptor, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
      if count < 0 {
        if errno == EINTR { continue }
        return false
      }
      offset += count
    }
    return true
  }

  private static func systemWrite(
    _ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int
  ) -> Int {
    #if canImport(Glibc)
      Glibc.write(descriptor, buffer, count)
    #else
      Darwin.write(descriptor, buffer, count)
    #endif
  }
}
