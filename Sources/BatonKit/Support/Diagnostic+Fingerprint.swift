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
        diagnostics[index].fingerprint = Hashing.fnv1a64Hex(identity + "|\(occurrence)")
      }
    }
  }
}
