import BatonTestSupport
import Foundation
import Testing

/// `baton serve` over real sockets on 127.0.0.1: foreign hosts, long and slow heads.
@Suite struct ServeGuardTests {
  /// Sends `bytes` on a new connection and reads until the server closes it or `seconds` pass.
  static func exchange(_ port: UInt16, _ bytes: [UInt8], seconds: Int = 30) -> String {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { return "" }
    defer { close(socket) }
    var timeout = timeval(tv_sec: seconds, tv_usec: 0)
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = port.bigEndian
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
    guard connected else { return "" }
    _ = bytes.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
      if count <= 0 { break }
      received += buffer[..<count]
    }
    return String(decoding: received, as: UTF8.self)
  }

  static func request(_ port: UInt16, host: String, line: String = "GET / HTTP/1.1") -> [UInt8] {
    Array("\(line)\r\nHost: \(host)\r\n\r\n".utf8)
  }

  @Test func refusesForeignHostsAndLongOrSlowHeads() throws {
    let git = try GitFixture()
    defer { git.cleanup() }
    try git.write("baton.yml", "title: Guarded\n")
    try git.write("decisions/0001-a.md", "---\nstatus: accepted\n---\n# A\n\n## Context\n\nX.\n")
    _ = try git.commit("Add")
    let port = try SiteServeTests.freePort()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: BatonBinary.path)
    process.arguments = ["serve", "--port", String(port), "--head-timeout", "2"]
    process.currentDirectoryURL = URL(fileURLWithPath: git.path)
    process.standardError = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    defer {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    // Blocking waits, not URLSession's: under the whole suite the test's tasks can wait minutes
    // for a thread, and the server seems not to answer.
    let deadline = Date().addingTimeInterval(180)
    var up = false
    while !up, Date() < deadline {
      let answer = Self.exchange(port, Self.request(port, host: "127.0.0.1:\(port)"), seconds: 5)
      up = answer.hasPrefix("HTTP/1.1 200")
      if !up { Thread.sleep(forTimeInterval: 0.2) }
    }
    try #require(up, "serve did not answer")

    for host in ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"] {
      #expect(Self.exchange(port, Self.request(port, host: host)).hasPrefix("HTTP/1.1 200"))
    }
    for host in ["evil.example", "evil.example:\(port)", "127.0.0.1:1", "localhost.evil.example"] {
      let answer = Self.exchange(port, Self.request(port, host: host))
      #expect(answer.hasPrefix("HTTP/1.1 421"), "\(host): \(answer.prefix(40))")
    }
    #expect(Self.exchange(port, Array("GET / HTTP/1.1\r\n\r\n".utf8)).hasPrefix("HTTP/1.1 421"))

    // A 260 KB request line took FlyingFox 26 s; it is refused before anything parses it.
    let clock = ContinuousClock()
    let start = clock.now
    let long = Self.exchange(
      port,
      Self.request(
        port, host: "127.0.0.1:\(port)",
        line: "GET /" + String(repeating: "a", count: 260_000) + " HTTP/1.1"))
    #expect(long.hasPrefix("HTTP/1.1 414"), "\(long.prefix(40))")
    #expect(clock.now - start < .seconds(3))
    let headers = Array(
      ("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Big: "
        + String(repeating: "b", count: 40_000) + "\r\n\r\n").utf8)
    #expect(Self.exchange(port, headers).hasPrefix("HTTP/1.1 431"))

    // Headers that never end: the connection is closed after the head timeout (2 s here).
    let slowStart = clock.now
    let slow = Self.exchange(port, Array("GET / HTTP/1.1\r\nHost: 127.0.0.1".utf8), seconds: 20)
    #expect(slow.isEmpty)
    #expect(clock.now - slowStart < .seconds(10))
  }
}
