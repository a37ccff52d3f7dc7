import ArgumentParser
import BatonChecks
import BatonMustache
import BatonSite
import BatonSource
import BatonSupport
import FlyingFox
import Foundation
import Synchronization

extension Baton {
  struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "serve",
      abstract: "Build the site, serve it on 127.0.0.1, rebuild on change and reload the browser.",
      discussion: """
        The site is kept in memory (nothing is written). Open pages reload after each rebuild; \
        a failed build shows its error in the page instead of a stale site.
        """)

    @OptionGroup var source: SourceOptionGroup

    @Option(name: .long, help: "The port to listen on (127.0.0.1 only).")
    var port: UInt16 = 8000

    @Option(
      name: .long,
      help: "Seconds between checks for changed files where the system cannot report them.")
    var interval: Double = 0.5

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Seconds a client has to send a request's headers before it is cut off.",
        visibility: .hidden))
    var headTimeout: Double = 10

    /// A new folder only this user can enter, for the server's Unix socket.
    static func privateFolder() throws -> String {
      var template = Array((NSTemporaryDirectory() + "/baton-serve-XXXXXX").utf8CString)
      let made = template.withUnsafeMutableBufferPointer { buffer in
        buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
      }
      guard let made else {
        throw CommandFailure(
          "cannot create a private folder for the server: \(String(cString: strerror(errno)))")
      }
      return made
    }

    func run() throws {
      try Terminal.run {
        let options = source.sourceOptions(history: true)
        guard let top = try Workflow.repositoryTop(options) else {
          throw CommandFailure("the repository is bare: 'baton serve' needs a working tree")
        }
        // Watching starts before the first build, so a save during it is not missed.
        let watcher = TreeWatcher(root: top, interval: interval)
        let state = ServeState()
        state.rebuild(options)
        // FlyingFox listens on a Unix socket in a folder only this user can enter; the guard
        // (`ServeGuard`) listens on 127.0.0.1 and hands it the requests it accepts.
        let folder = try Serve.privateFolder()
        let upstream = folder + "/http.sock"
        let server = HTTPServer(address: sockaddr_un.unix(path: upstream))
        let handlerState = state
        Task {
          await server.appendRoute("GET *") { request in
            handlerState.response(for: request.path)
          }
          do {
            try await server.run()
          } catch {
            Terminal.fail("cannot serve on \(upstream): \(error)")
          }
        }
        let guarding = ServeGuard(port: port, upstream: upstream, headTimeout: headTimeout)
        Task {
          do {
            try await guarding.run()
          } catch {
            Terminal.fail("cannot serve on 127.0.0.1:\(port): \(error)")
          }
        }
        Terminal.error("serving on http://127.0.0.1:\(port)/ — press Ctrl-C to stop\n")
        while true {
          watcher.next()
          state.rebuild(options)
        }
      }
    }
  }
}

/// The site `baton serve` holds in memory, and its version for the reloading script.
final class ServeState: Sendable {
  private struct Snapshot {
    var files: [String: [UInt8]] = [:]
    var cache = RenderCache()
    /// What the last good build read: only changed files and runs of documents are read again.
    var memo = SiteBuilder.Memo()
    var error: String?
    var version = 0
  }

  private let snapshot = Mutex(Snapshot())

  /// The script each served page loads: it polls the version and reloads when it changes.
  static let liveScript = """
    (function () {
      var current = null;
      function poll() {
        fetch('/_baton/version', { cache: 'no-store' }).then(function (response) {
          return response.text();
        }).then(function (version) {
          if (current !== null && version !== current) { window.location.reload(); }
          current = version;
        }).catch(function () {}).then(function () { setTimeout(poll, 1000); });
      }
      poll();
    })();

    """

  /// Builds the site in memory, keeping the last good one on failure.
  func rebuild(_ options: BatonSource.SourceOptions) {
    let start = Date()
    do {
      let (cache, memo) = snapshot.withLock { ($0.cache, $0.memo) }
      let rendered = try SiteBuilder.render(
        options, options: SiteOptions(generator: "Baton \(Baton.version)"), cache: cache,
        memo: memo)
      var files: [String: [UInt8]] = [:]
      for file in rendered.site.files { files[file.path] = file.bytes }
      snapshot.withLock {
        $0.files = files
        $0.cache = RenderCache(site: rendered.site)
        $0.memo = rendered.memo
        $0.error = nil
        $0.version += 1
      }
      Terminal.error(
        "built \(rendered.documents) documents in "
          + "\(String(format: "%.2f", Date().timeIntervalSince(start))) s\n")
    } catch {
      let message = "\(error)"
      snapshot.withLock {
        $0.error = message
        $0.version += 1
      }
      Terminal.error("baton: build failed: \(TerminalText.escaped(message))\n")
    }
  }

  /// The response for a request path: a file of the site, the version, or the build error.
  func response(for requestPath: String) -> HTTPResponse {
    let (files, error, version) = snapshot.withLock { ($0.files, $0.error, $0.version) }
    if requestPath == "/_baton/version" {
      return respond(.ok, "text/plain", Array(String(version).utf8))
    }
    if requestPath == "/_baton/live.js" {
      return respond(.ok, "text/javascript", Array(ServeState.liveScript.utf8))
    }
    var path = String((requestPath.removingPercentEncoding ?? requestPath).drop { $0 == "/" })
    if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
    if let error,
      path.hasSuffix(".html") || files[path] == nil && files[path + "/index.html"] == nil
    {
      let page = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title>\
        </head><body><main><h1>Build failed</h1><pre>\(HTMLEscaping.escape(error))</pre>\
        <p>Fix the problem and save: this page reloads on its own.</p></main>\
        <script src="/_baton/live.js"></script></body></html>
        """
      return respond(.internalServerError, "text/html; charset=utf-8", Array(page.utf8))
    }
    if files[path] == nil, files[path + "/index.html"] != nil { path += "/index.html" }
    guard var bytes = files[path] ?? files["404.html"] else {
      return respond(.notFound, "text/plain", Array("not found\n".utf8))
    }
    let found = files[path] != nil
    let type = ServeState.contentType(found ? path : "404.html")
    if type.hasPrefix("text/html") {
      let tag = Array("<script src=\"/_baton/live.js\"></script>\n</body>".utf8)
      let marker = Array("</body>".utf8)
      if let range = ServeState.lastRange(of: marker, in: bytes) {
        bytes.replaceSubrange(range, with: tag)
      }
    }
    return respond(found ? .ok : .notFound, type, bytes)
  }

  private func respond(_ status: HTTPStatusCode, _ type: String, _ bytes: [UInt8]) -> HTTPResponse {
    HTTPResponse(
      statusCode: status,
      headers: [.contentType: type, .cacheControl: "no-store"],
      body: Data(bytes))
  }

  static func lastRange(of needle: [UInt8], in bytes: [UInt8]) -> Range<Int>? {
    guard bytes.count >= needle.count else { return nil }
    var index = bytes.count - needle.count
    while index >= 0 {
      if bytes[index..<(index + needle.count)].elementsEqual(needle) {
        return index..<(index + needle.count)
      }
      index -= 1
    }
    return nil
  }

  static func contentType(_ path: String) -> String {
    let ext = (path.split(separator: ".").last.map(String.init) ?? "").lowercased()
    switch ext {
    case "html": return "text/html; charset=utf-8"
    case "css": return "text/css; charset=utf-8"
    case "js": return "text/javascript; charset=utf-8"
    case "json": return "application/json"
    case "xml": return "application/xml"
    case "png": return "image/png"
    case "jpg", "jpeg": return "image/jpeg"
    case "gif": return "image/gif"
    case "webp": return "image/webp"
    case "svg": return "image/svg+xml"
    case "pdf": return "application/pdf"
    case "txt", "md": return "text/plain; charset=utf-8"
    default: return "application/octet-stream"
    }
  }
}
