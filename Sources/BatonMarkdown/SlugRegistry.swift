/// Hands out the same slugs as `Slug.make(_:used:)`, in time linear in the number of headings.
///
/// The next suffix to try is remembered per base slug: every smaller suffix was taken when it was
/// tried, and slugs are never released, so starting there gives the same answer as starting at 1.
struct SlugRegistry {
  private var used: Set<String> = []
  private var nextSuffix: [String: Int] = [:]

  /// A fresh slug for a heading whose plain text is `text`.
  mutating func slug(for text: String) -> String {
    let base = Slug.base(text)
    guard used.contains(base) else {
      used.insert(base)
      return base
    }
    var suffix = nextSuffix[base, default: 1]
    var candidate = "\(base)-\(suffix)"
    while used.contains(candidate) {
      suffix += 1
      candidate = "\(base)-\(suffix)"
    }
    nextSuffix[base] = suffix + 1
    used.insert(candidate)
    return candidate
  }
}
