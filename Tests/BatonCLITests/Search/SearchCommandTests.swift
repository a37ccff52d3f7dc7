import BatonTestSupport
import Foundation
import Testing

/// `baton search` end to end: the built binary over a real git repository.
@Suite struct SearchCommandTests {
  static let binary = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent(".build/debug/baton").path

  struct Outcome {
    var status: Int32
    var output: String
    var errors: String
  }

  func run(_ arguments: [String], in folder: String) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: SearchCommandTests.binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    let output = Pipe()
    // Standard error goes to a file, so neither stream can fill up and block the child.
    let errorURL = FileManager.default.temporaryDirectory.appendingPathComponent(
      "baton-search-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorURL) }
    process.standardOutput = output
    process.standardError = try FileHandle(forWritingTo: errorURL)
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errorData = (try? Data(contentsOf: errorURL)) ?? Data()
    return Outcome(
      status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
      errors: String(decoding: errorData, as: UTF8.self))
  }

  func fixture() throws -> GitFixture {
    let repository = try GitFixture()
    try repository.write(
      "decisions/0042-use-postgres.md",
      """
      ---
      status: accepted
      owner: "@bob"
      tags: [database]
      title: "Use Postgres <img src=x onerror=alert(1)>"
      ---
      # Ignored heading

      ## Context
      The event store needs transactions.
      """)
    try repository.write(
      "decisions/0043-use-mongodb.md",
      """
      ---
      status: rejected
      tags: [database]
      ---
      # Use MongoDB

      ## Context
      Documents map to events; see ADR-0042 for the event store.
      """)
    try repository.write(
      "handbook/deploying.md", "# Deploying\n\n## Summary\nEvery deployment goes through CI.\n")
    _ = try repository.commit("Add documents")
    return repository
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
  func printsRankedJSON() throws {
    let repository = try fixture()
    let outcome = try run(["search", "ADR-0042", "--format", "json"], in: repository.path)
    #expect(outcome.status == 0, "\(outcome.errors)")
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [[String: Any]])
    #expect(rows.first?["path"] as? String == "decisions/0042-use-postgres.md")
    #expect(rows.first?["id"] as? String == "0042")
    #expect(rows.first?["title"] as? String == "Use Postgres <img src=x onerror=alert(1)>")
    #expect(rows.first?["kind"] as? String == "decision")
    #expect(rows.first?["status"] as? String == "accepted")
    #expect(rows.first?["anchor"] as? String == "context")
    #expect((rows.first?["score"] as? Int ?? 0) > (rows.last?["score"] as? Int ?? 0))
    #expect(rows.count == 2)
    for key in ["path", "id", "title", "kind", "status", "score", "excerpt", "anchor"] {
      #expect(rows.first?[key] != nil, "missing \(key)")
    }
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
  func filtersAndText() throws {
    let repository = try fixture()
    let filtered = try run(
      ["search", "event store", "--status", "rejected", "--kind", "decisions"], in: repository.path)
    #expect(filtered.status == 0)
    #expect(filtered.output.hasPrefix("1. Use MongoDB  [decision · rejected]"))
    #expect(!filtered.output.contains("Postgres"))
    let prefix = try run(["search", "deploy", "--limit", "1"], in: repository.path)
    #expect(prefix.output.contains("handbook/deploying.md#summary"))
    let none = try run(["search", "xyzzy"], in: repository.path)
    #expect(none.status == 0)
    #expect(none.output == "no results\n")
    let usage = try run(["search"], in: repository.path)
    #expect(usage.status == 64)
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
  func failsOutsideARepository() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "baton-search-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try run(["search", "anything"], in: folder.path)
    #expect(outcome.status == 2)
    #expect(outcome.errors.hasPrefix("baton: error:"))
  }
}
