extension Diagnostic {
  /// The rule, path and subject: what makes two findings of different runs the same finding.
  public var identity: String {
    "\(ruleID)|\(location.path)|\(subject)"
  }

  /// Gives every diagnostic its fingerprint: a hash of its identity and its occurrence number
  /// among diagnostics with the same identity, counted in the list's order (sorted by location,
  /// so the first mention of a handle stays the first when lines move).
  ///
  /// The list must hold every finding of the paths it covers, as `Checker.check` returns them;
  /// a fingerprint already assigned is kept.
  public static func assignFingerprints(_ diagnostics: inout [Diagnostic]) {
    var seen: [String: Int] = [:]
    for index in diagnostics.indices {
      let identity = diagnostics[index].identity
      let occurrence = seen[identity, default: 0]
      seen[identity] = occurrence + 1
      if diagnostics[index].fingerprint.isEmpty {
        diagnostics[index].fingerprint = fingerprint(identity + "|\(occurrence)")
      }
    }
  }

  /// FNV-1a over the UTF-8 bytes, as 16 hex digits. Not `Digest`, Baton's one hash, because
  /// baselines in users' repositories keep these fingerprints: changing the function would
  /// make every finding they list look new.
  static func fingerprint(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
