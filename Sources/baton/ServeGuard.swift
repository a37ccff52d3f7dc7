import FlyingFox
import FlyingSocks
import Foundation

/// What `baton serve` puts in front of FlyingFox: it reads each request's head itself, within
/// limits, and hands over only a head it accepts.
///
/// FlyingFox (0.27) reads a request line and headers of any length, with no time limit, and
/// its line reading grows with the square of the line's length; it answers any `Host`. So the
/// guard listens on 127.0.0.1 and, for each connection:
/// - reads the head until its blank line, for at most `headTimeout` seconds (a client sending
///   its headers slowly is cut off), refusing a request line over `maxRequestLine` bytes (414)
///   and a head over `maxHead` bytes (431) before anything parses it;
/// - refuses a `Host` other than the loopback names it serves (`127.0.0.1:port`,
///   `localhost:port`, `[::1]:port`) with 421, so a page of another site that a DNS rebinding
///   points at 127.0.0.1 cannot read the handbook;
/// - passes the head, with `Connection: close` (one request per connection, so every request
///   comes through here), and then the bytes both ways, to FlyingFox on a Unix socket in a
///   private folder.
struct ServeGuard: Sendable {
  let port: UInt16
  /// FlyingFox's Unix socket.
  let upstream: String
  var headTimeout: Double = 10
  var maxRequestLine = 8192
  var maxHead = 32768

  /// Accepts connections on 127.0.0.1:`port` until the listener fails.
  func run() async throws {
    let pool = HTTPServer.defaultPool()
    try await pool.prepare()
    let listener = try Socket(domain: AF_INET, type: .stream)
    try listener.setValue(true, for: .localAddressReuse)
    try listener.bind(to: sockaddr_in.inet(ip4: "127.0.0.1", port: port))
    try listener.listen()
    let accepting = try AsyncSocket(socket: listener, pool: pool)
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { try await pool.run() }
      group.addTask {
        try await withThrowingDiscardingTaskGroup { connections in
          for try await client in accepting.sockets {
            connections.addTask { await self.handle(client) }
          }
        }
      }
      try await group.next()
      group.cancelAll()
    }
  }

  /// Serves one connection: a refusal, or the request passed to FlyingFox and its answer back.
  func handle(_ client: AsyncSocket) async {
    defer { try? client.close() }
    let head: Head
    do {
      head = try await readHead(client)
    } catch let refusal as Refusal {
      try? await client.write(Data(refusal.response.utf8))
      return
    } catch {
      return  // the client left, or was too slow
    }
    if let refusal = refusal(of: head) {
      try? await client.write(Data(refusal.response.utf8))
      return
    }
    guard let server = try? await AsyncSocket.connected(to: sockaddr_un.unix(path: upstream))
    else { return }
    defer { try? server.close() }
    do {
      try await server.write(Data(head.forwarded + head.rest))
      try await ServeGuard.copy(from: server, to: client)
    } catch {
      return
    }
  }

  /// A request's head as read: its lines (without line ends) and the bytes read after it.
  struct Head {
    var lines: [String]
    var rest: [UInt8]

    /// The head as passed on: the request line and headers, `Connection` replaced by close.
    var forwarded: [UInt8] {
      let kept = lines.filter { line in
        let name = line.prefix { $0 != ":" }.lowercased()
        return name != "connection" && name != "keep-alive"
      }
      return Array((kept + ["Connection: close", "", ""]).joined(separator: "\r\n").utf8)
    }

    /// The value of a header, by its name in lower case.
    func header(_ name: String) -> String? {
      for line in lines.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        if line[..<colon].lowercased() == name {
          return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
      }
      return nil
    }
  }

  /// A request refused before FlyingFox sees it.
  struct Refusal: Error {
    var status: String
    var message: String

    var response: String {
      let body = message + "\n"
      return "HTTP/1.1 \(status)\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
    }
  }

  /// Reads until the blank line ending the head, within the limits and the time allowed.
  func readHead(_ client: AsyncSocket) async throws -> Head {
    let limits = (line: maxRequestLine, head: maxHead)
    let reading = Task { () throws -> Head in
      var bytes: [UInt8] = []
      while true {
        let chunk = try await client.read(atMost: 4096)
        guard !chunk.isEmpty else { throw Refusal(status: "400 Bad Request", message: "no head") }
        bytes += chunk
        if let end = ServeGuard.headEnd(bytes) {
          let text = String(decoding: bytes[..<end], as: UTF8.self)
          let lines = text.components(separatedBy: "\r\n")
          if lines[0].utf8.count > limits.line { throw ServeGuard.longLine }
          return Head(lines: lines, rest: Array(bytes[(end + 4)...]))
        }
        if bytes.firstIndex(of: UInt8(ascii: "\n")) == nil, bytes.count > limits.line {
          throw ServeGuard.longLine
        }
        if bytes.count > limits.head {
          throw Refusal(
            status: "431 Request Header Fields Too Large",
            message: "the request's headers are over \(limits.head) bytes")
        }
      }
    }
    let timer = Task {
      try await Task.sleep(nanoseconds: UInt64(headTimeout * 1_000_000_000))
      reading.cancel()
    }
    defer { timer.cancel() }
    return try await reading.value
  }

  static let longLine = Refusal(
    status: "414 URI Too Long", message: "the request line is too long")

  /// Where the blank line ending a head starts (`\r\n\r\n`), if it has arrived.
  static func headEnd(_ bytes: [UInt8]) -> Int? {
    guard bytes.count >= 4 else { return nil }
    for index in 0...(bytes.count - 4)
    where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13
      && bytes[index + 3] == 10
    {
      return index
    }
    return nil
  }

  /// Why a head with a complete, short enough request line is refused, or nil.
  func refusal(of head: Head) -> Refusal? {
    let method = head.lines[0].prefix { $0 != " " }
    guard method == "GET" || method == "HEAD" else {
      return Refusal(status: "405 Method Not Allowed", message: "baton serve answers GET only")
    }
    let allowed = ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"]
    guard let host = head.header("host")?.lowercased(), allowed.contains(host) else {
      return Refusal(
        status: "421 Misdirected Request",
        message: "baton serve answers only to http://127.0.0.1:\(port)/ and "
          + "http://localhost:\(port)/")
    }
    return nil
  }

  /// Copies the server's answer to the client until the server closes.
  static func copy(from server: AsyncSocket, to client: AsyncSocket) async throws {
    while true {
      let chunk: [UInt8]
      do {
        chunk = try await server.read(atMost: 65536)
      } catch SocketError.disconnected {
        return
      }
      if chunk.isEmpty { return }
      try await client.write(Data(chunk))
    }
  }
}
