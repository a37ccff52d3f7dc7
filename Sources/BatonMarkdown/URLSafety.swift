/// Decides whether a URL could run script when a reader follows or loads it.
enum URLSafety {
  /// Whether `url` uses `javascript:`, `vbscript:` or a `data:` type other than a raster image.
  ///
  /// The scheme is read the way browsers read it: leading control characters and spaces are
  /// dropped, tabs and line breaks anywhere are ignored, and case does not matter. Entities are
  /// already decoded by the parser, so `java&#x73;cript:` arrives here as `javascript:`.
  static func isDangerous(_ url: String) -> Bool {
    var normalized: [UInt8] = []
    normalized.reserveCapacity(24)
    var started = false
    for byte in url.utf8 {
      if !started && byte <= 0x20 { continue }
      started = true
      if byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
      normalized.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
      // Enough to tell every scheme and data type that matters apart.
      if normalized.count >= 24 { break }
    }
    if hasPrefix(normalized, "javascript:") || hasPrefix(normalized, "vbscript:") {
      return true
    }
    guard hasPrefix(normalized, "data:") else { return false }
    let safeImages = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
    return !safeImages.contains { hasPrefix(normalized, $0) }
  }

  private static func hasPrefix(_ bytes: [UInt8], _ prefix: String) -> Bool {
    bytes.starts(with: prefix.utf8)
  }
}
