import BatonTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Runs `baton serve` against a real repository and talks to it over HTTP: pages, the version
/// the live-reload script polls, a rebuild after an edit, and a build error shown in the page.
@Suite struct SiteServeTests {
  /// A port nobody listens on now: bound to port 0, read back, released.
  static func freePort() throws -> UInt16 {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    try #require(socket >= 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
      }
    }
    try #require(bound)
    return UInt16(bigEndian: address.sin_port)
  }

  /// GETs a URL of the server on 127.0.0.1 over a blocking socket: under the whole suite, a
  /// test's tasks can wait minutes for a thread, so nothing here suspends.
  static func get(_ url: String) async -> (Int, String)? {
    guard let address = URL(string: url), let port = address.port.map(UInt16.init) else {
      return nil
    }
    let request = Array(
      "GET \(address.path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8)
    let answer = ServeGuardTests.exchange(port, request, seconds: 5)
    guard answer.hasPrefix("HTTP/1.1 "), let end = answer.range(of: "\r\n\r\n") else {
      return nil
    }
    let status = Int(answer.dropFirst(9).prefix(3)) ?? 0
    return (status, String(answer[end.upperBound...]))
  }

  /// Polls until `condition` holds for the response of `url`, for at most `seconds`.
  static func waitFor(
    _ url: String, seconds: Double, _ condition: (Int, String) -> Bool
  ) async -> (Int, String)? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if let response = await get(url), condition(response.0, response.1) { return response }
      usleep(100_000)
    }
    return nil
  }

  @Test func servesRebuildsOnChangeAndShowsBuildErrors() async throws {
    guard FileManager.default.isExecutableFile(atPath: BatonBinary.path) else {
      print("skipping the serve test: build the baton binary first (swift build)")
      return
    }
    let git = try GitFixture()
    try git.write("baton.yml", "title: Serve test\n")
    try git.write(
      "decisions/0001-first.md",
      "---\nstatus: proposed\nowner: ada\n---\n# First choice\n\n## Context\n\nWhy.\n\n"
        + "## Proposal\n\nWhat.\n\n## Call to Action\n\n@ada by 2030-01-01.\n")
    _ = try git.commit("Add a decision")
    let port = try SiteServeTests.freePort()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: BatonBinary.path)
    process.arguments = ["serve", "--port", String(port), "--interval", "0.2"]
    process.currentDirectoryURL = URL(fileURLWithPath: git.path)
    let errors = Pipe()
    let log = DataBox()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    errors.fileHandleForReading.readabilityHandler = { log.append($0.availableData) }
    try process.run()
    defer {
      // SIGKILL: the test runner's threads may block SIGTERM, and a child inherits that mask.
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      errors.fileHandleForReading.readabilityHandler = nil
    }
    let base = "http://127.0.0.1:\(port)"
    // Generous: the first build runs while the rest of the suite keeps both cores busy.
    let first = await SiteServeTests.waitFor(base + "/_baton/version", seconds: 180) { s, _ in
      s == 200
    }
    let version = try #require(first, "serve did not answer: \(log.string)").1
    let page = await SiteServeTests.get(base + "/decisions/0001-first/index.html")
    #expect(page?.0 == 200)
    #expect(page?.1.contains("<h1>First choice</h1>") == true)
    #expect(page?.1.contains("/_baton/live.js") == true)
    let home = await SiteServeTests.get(base + "/")
    #expect(home?.1.contains("First choice") == true)
    #expect(await SiteServeTests.get(base + "/no/such/page.html")?.0 == 404)

    // An edit is picked up: the version changes and the new title is served everywhere.
    try git.write(
      "decisions/0001-first.md",
      "---\nstatus: accepted\nowner: ada\n---\n# Second thoughts\n\n## Context\n\nWhy.\n\n"
        + "## Proposal\n\nWhat.\n")
    let changed = await SiteServeTests.waitFor(base + "/_baton/version", seconds: 90) { _, v in
      v != version
    }
    let newVersion = try #require(changed, "no rebuild after an edit: \(log.string)").1
    let edited = await SiteServeTests.get(base + "/decisions/0001-first/index.html")
    #expect(edited?.1.contains("<h1>Second thoughts</h1>") == true)
    #expect(
      await SiteServeTests.get(base + "/decisions/index.html")?.1.contains("Second thoughts")
        == true)

    // A broken template: every page shows the error, until it is fixed.
    try git.write("templates/decision.mustache", "{{#unclosed}}\n")
    let broken = await SiteServeTests.waitFor(base + "/_baton/version", seconds: 90) { _, v in
      v != newVersion
    }
    #expect(broken != nil, "no rebuild after a template change: \(log.string)")
    let failed = await SiteServeTests.get(base + "/decisions/0001-first/index.html")
    #expect(failed?.0 == 500)
    #expect(failed?.1.contains("Build failed") == true)
    #expect(failed?.1.contains("decision.mustache") == true)
    // The section that is not closed is named where it opens.
    #expect(failed?.1.contains("line 1, column 1") == true)
    #expect(failed?.1.contains("section &#39;unclosed&#39; is not closed") == true)
    try FileManager.default.removeItem(atPath: git.path + "/templates/decision.mustache")
    let fixed = await SiteServeTests.waitFor(base + "/decisions/0001-first/index.html", seconds: 90)
    {
      status, _ in status == 200
    }
    #expect(fixed?.1.contains("<h1>Second thoughts</h1>") == true)
  }
}
