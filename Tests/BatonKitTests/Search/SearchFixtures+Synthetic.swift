import Foundation

extension SearchFixtures {
  /// Words for synthetic documents: English, code identifiers, other scripts, CJK.
  static let vocabulary = [
    "deploy", "deployment", "deployments", "pipeline", "database", "postgres", "cache", "policy",
    "policies", "review", "incident", "latency", "budget", "hiring", "onboarding", "security",
    "token", "rotation", "backup", "restore", "migration", "schema", "queue", "kafka", "search",
    "index", "shard", "release", "v1.2", "parseHeaders", "snake_case", "HTTPServer", "café",
    "naïve", "Straße", "résumé", "数据库", "迁移", "東京", "검색", "привет", "ADR-0042", "on-call",
    "the", "and", "of", "to", "a", "in", "is", "for", "with", "we", "will", "should", "because",
  ]

  /// A deterministic pseudo-random number generator (SplitMix64).
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(bound))
    }
  }

  /// `count` documents of all three kinds, with statuses, tags, dates, sections and shared words.
  static func synthetic(count: Int, seed: UInt64 = 42) -> [(String, String)] {
    var random = Generator(state: seed)
    func words(_ n: Int) -> String {
      (0..<n).map { _ in vocabulary[random.next(vocabulary.count)] }.joined(separator: " ")
    }
    let statuses = ["proposed", "accepted", "rejected", "superseded", "deprecated"]
    let tags = ["database", "operations", "security", "process", "frontend"]
    let owners = ["alice", "bob", "carol", "dave"]
    var files: [(String, String)] = []
    for index in 0..<count {
      let date =
        "2024-\(String(format: "%02d", 1 + random.next(12)))-\(String(format: "%02d", 1 + random.next(28)))"
      let sections = (0..<(1 + random.next(4))).map { section in
        "## \(["Context", "Decision", "Consequences", "Notes"][section]) \(words(2))\n\n"
          + "\(words(10 + random.next(80)))\n\n\(words(5 + random.next(30)))\n"
      }.joined(separator: "\n")
      let frontMatter = """
        ---
        owner: "@\(owners[random.next(owners.count)])"
        date: \(date)
        tags: [\(tags[random.next(tags.count)]), \(tags[random.next(tags.count)])]
        """
      switch index % 3 {
      case 0:
        files.append(
          (
            "decisions/\(String(format: "%04d", index))-decision-\(index).md",
            frontMatter + "\nstatus: \(statuses[random.next(statuses.count)])\n---\n"
              + "# \(words(3 + random.next(4)))\n\n\(sections)"
          ))
      case 1:
        files.append(
          (
            "updates/\(date)-update-\(index).md",
            frontMatter + "\nteam: team\(random.next(3))\nstatus: on-track\n---\n"
              + "# \(words(3))\n\n\(sections)"
          ))
      default:
        files.append(
          (
            "handbook/page-\(index).md",
            frontMatter + "\n---\n# \(words(2 + random.next(3)))\n\n\(sections)"
          ))
      }
    }
    return files
  }
}
