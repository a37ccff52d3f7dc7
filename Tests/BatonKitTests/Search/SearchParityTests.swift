import Foundation
import Testing

@testable import BatonSearch

/// The browser client ranks exactly like Swift: same documents, order, scores, anchors and
/// excerpts, with or without the warm-up the search page runs first. Runs the real
/// `templates/search/search.js` under `node`; skipped without node.
@Suite struct SearchParityTests {
  static let node: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = String(folder) + "/node"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }()

  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let queries: [SearchQuery] = {
    var queries = [
      "deploy", "deployments", "postgres event store", "ADR-0042", "0042", "42", "parseHeaders",
      "parse headers", "snake_case", "v1.2", "cafe", "NAÏVE strasse", "数据库", "迁", "東京",
      "검색", "Привет", "the", "a", "review policies", "security token rotation", "xyzzy", "",
      "mig", "on-call", "résumé backup", "markaf", "markbl", "markbn runbook",
    ].map { SearchQuery($0, limit: 20) }
    queries.append(SearchQuery("database", filters: ["status": ["accepted", "proposed"]]))
    queries.append(SearchQuery("", filters: ["tag": ["security"], "owner": ["bob"]], limit: 15))
    queries.append(SearchQuery("", filters: ["team": ["team1"]], order: .date, limit: 15))
    queries.append(SearchQuery("restore", order: .date, limit: 30))
    return queries
  }()

  struct Row: Decodable, Equatable {
    var url: String
    var score: Int
    var anchor: String?
    var excerpt: String
  }

  struct Ranked: Decodable {
    var total: Int
    var results: [Row]
  }

  struct Answer: Decodable {
    var total: Int
    var results: [Row]
    /// The same query in a fresh page after the client's warm-up (`S.warm()`).
    var afterWarmUp: Ranked
  }

  @Test(.enabled(if: node != nil, "node is not installed"))
  func javaScriptRanksLikeSwift() throws {
    let files =
      SearchFixtures.handbook + SearchFixtures.synthetic(count: 600) + [SearchFixtures.longPage]
    let engine = SearchFixtures.engine(files)
    let answers = try self.answers(engine, SearchParityTests.queries)
    var nonEmpty = 0
    for (query, answer) in zip(SearchParityTests.queries, answers) {
      let expected = engine.search(query).map {
        Row(url: $0.url, score: $0.score, anchor: $0.anchor, excerpt: $0.excerpt)
      }
      #expect(answer.results == expected, "query '\(query.text)' \(query.filters)")
      #expect(answer.total == engine.count(query), "query '\(query.text)'")
      #expect(answer.afterWarmUp.results == expected, "after the warm-up: '\(query.text)'")
      #expect(answer.afterWarmUp.total == answer.total, "after the warm-up: '\(query.text)'")
      if !expected.isEmpty { nonEmpty += 1 }
    }
    #expect(nonEmpty >= SearchParityTests.queries.count - 3)
  }

  /// The client finds each document of a bundled excerpt file (six documents, one with three
  /// parts): a word of each one's, one in each part of the long one, and one all share.
  @Test(.enabled(if: node != nil, "node is not installed"))
  func javaScriptReadsEachDocumentOfABundle() throws {
    let engine = SearchFixtures.engine(SearchIndexTests.bundled)
    let queries = [
      "bundleworda", "bundlewordb", "bundlewordc", "bundlewordd", "bundleworde",
      "markaa", "markaz", "markbl", "notes",
    ].map { SearchQuery($0) }
    let answers = try self.answers(engine, queries)
    for (query, answer) in zip(queries, answers) {
      let expected = engine.search(query).map {
        Row(url: $0.url, score: $0.score, anchor: $0.anchor, excerpt: $0.excerpt)
      }
      #expect(!expected.isEmpty, "query '\(query.text)'")
      #expect(answer.results == expected, "query '\(query.text)'")
    }
    #expect(answers.last?.results.count == 5)
  }

  /// The answers of the real client under node (`Benchmarks/search/query.js`) to `queries`, over
  /// the index of `engine` written to a temporary folder.
  func answers(_ engine: SearchEngine, _ queries: [SearchQuery]) throws -> [Answer] {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("baton-search-parity-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    for file in SearchIndex.build(engine: engine) {
      let url = folder.appendingPathComponent(file.path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(file.bytes).write(to: url)
    }
    let queryFile = folder.appendingPathComponent("queries.json")
    let encoded: [[String: Any]] = queries.map {
      ["text": $0.text, "filters": $0.filters, "order": $0.order.rawValue, "limit": $0.limit]
    }
    try JSONSerialization.data(withJSONObject: encoded).write(to: queryFile)
    let root = SearchParityTests.packageRoot
    let output = try run(
      SearchParityTests.node ?? "node",
      [
        root.appendingPathComponent("Benchmarks/search/query.js").path, folder.path,
        root.appendingPathComponent("templates/search/search.js").path, queryFile.path,
      ])
    let answers = try JSONDecoder().decode([Answer].self, from: output)
    try #require(answers.count == queries.count)
    return answers
  }

  /// Runs a program, draining its output while it runs, and returns standard output.
  func run(_ program: String, _ arguments: [String]) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(
      process.terminationStatus == 0, "\(String(decoding: errorData, as: UTF8.self))")
    return data
  }
}
