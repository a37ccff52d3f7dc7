import BatonConfig
import BatonCorpus
import BatonDocuments
import BatonSupport
import Foundation

/// Where every page of the site lives: pretty URLs as folders with an `index.html`.
///
/// Paths here are relative to the site's root (`decisions/0042-use-postgres/index.html`).
/// Pages link to each other through a relative prefix (`../../`), never from `/`, so the site
/// works under any base path and opened from disk; links name `index.html` explicitly because
/// `file://` does not serve a folder's index.
struct SiteLayout: Sendable {
  /// Document path → page path (`…/index.html`).
  let pages: [String: String]
  /// Collection name → its index page.
  let collectionPages: [String: String]
  /// Repository paths of attachments (images, files) linked from documents and copied.
  let attachments: Set<String>
  /// Repository paths of files documents link to that are never copied, since they could run
  /// script (`activeExtensions`) and the site does not trust its repository.
  let withheld: Set<String>

  /// Top-level folders the generator uses for its own pages.
  static let reserved: Set<String> = [
    "assets", "files", "tags", "people", "actions", "feeds", "search",
  ]

  /// File types never copied unless the site trusts its repository: opened from the site,
  /// they could run script in its origin. Every other file a document links to is copied; SVG
  /// only when `isInert` (checked on its bytes when the site is written).
  static let activeExtensions: Set<String> = [
    "html", "htm", "xhtml", "xht", "shtml", "xml", "xsl", "xslt", "svgz", "js", "mjs",
  ]

  /// Whether a file can be copied into the site as it is: anything but an SVG, or an SVG with
  /// nothing that runs script (no `<script>`, event handler, `javascript:` or encoded link,
  /// embedded document, entity declaration, animation or external stylesheet); text in a
  /// `<foreignObject>`, as diagram tools write labels, is fine.
  static func isInert(_ path: String, _ bytes: [UInt8]) -> Bool {
    guard path.lowercased().hasSuffix(".svg") else { return true }
    let text = String(decoding: bytes, as: UTF8.self).lowercased()
    for word in [
      "<script", "javascript:", "<!entity", "<iframe", "<embed", "<object", "<meta", "<base",
      "<?xml-stylesheet", "<handler", "<listener", "data:text/html", "<set", "<animate",
    ] where text.contains(word) {
      return false
    }
    // Event handler attributes (`onload=`, `on-x =`) after white space or a slash, and links
    // whose address hides characters behind references (`&#106;avascript:`).
    if text.contains(/[\s\/]on[a-z-]*\s*=/) { return false }
    return !text.contains(/href\s*=\s*["'][^"']*&/)
  }

  /// Where a corpus's pages go: `SiteLayout.pages(configuration:documents:)`.
  struct PagePaths: Sendable {
    /// Document path → page path.
    var pages: [String: String]
    /// Collection name → its index page.
    var collectionPages: [String: String]
  }

  /// The layout of a corpus; `paths` when its pages were worked out already, from the same
  /// configuration and documents (`SiteBuilder` does so before the corpus is assembled).
  init(corpus: Corpus, paths: PagePaths? = nil) {
    let paths =
      paths ?? SiteLayout.pages(configuration: corpus.configuration, documents: corpus.documents)
    (pages, collectionPages) = (paths.pages, paths.collectionPages)
    var attachments = Set<String>()
    var withheld = Set<String>()
    let trusted = corpus.configuration.unsafeHTML
    for document in corpus.documents {
      for link in document.links {
        guard let target = link.target, pages[target] == nil, corpus.filePaths.contains(target)
        else { continue }
        let ext = (target.split(separator: ".").last.map(String.init) ?? "").lowercased()
        if !SiteLayout.activeExtensions.contains(ext) || trusted {
          attachments.insert(target)
        } else {
          withheld.insert(target)
        }
      }
    }
    (self.attachments, self.withheld) = (attachments, withheld)
  }

  /// Where each document's page and each collection's index page go, from the configuration and
  /// the documents in the corpus's order (`Corpus.ordered`) alone: known before the corpus is
  /// assembled, so the search index can start while the history is still being read.
  static func pages(configuration: Configuration, documents: [Document]) -> PagePaths {
    var pages: [String: String] = [:]
    var used = Set<String>()
    var collectionPages: [String: String] = [:]
    for collection in configuration.collections {
      let folder = SiteLayout.segment(collection.name)
      var candidate = folder
      var suffix = 2
      while SiteLayout.reserved.contains(candidate) || used.contains(candidate + "/index.html") {
        candidate = "\(folder)-\(suffix)"
        suffix += 1
      }
      collectionPages[collection.name] = candidate + "/index.html"
      used.insert(candidate + "/index.html")
    }
    let collections = Dictionary(
      configuration.collections.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    // Index documents (README, index) of page collections stand for their folder; a root one
    // becomes the collection's own index page.
    var homes = Set<String>()
    for document in documents {
      guard let collection = collections[document.collection],
        let index = collectionPages[collection.name]
      else { continue }
      let base = String(index.dropLast("index.html".count))
      var relative =
        collection.path.isEmpty
        ? document.path : String(document.path.dropFirst(collection.path.count + 1))
      if let dot = relative.lastIndex(ofASCII: "."),
        relative[dot...].firstIndex(ofASCII: "/") == nil
      {
        relative = String(relative[..<dot])
      }
      var parts = relative.split(onASCII: "/").map(String.init)
      let stem = parts.last?.lowercased() ?? ""
      let standsForFolder =
        configuration.schema(ofKind: document.kind).isTree
        && ["index", "readme", "_index"].contains(stem)
      if standsForFolder { parts.removeLast() }
      let folder = base + parts.map(SiteLayout.segment).map { $0 + "/" }.joined()
      var page = folder + "index.html"
      if standsForFolder && page == index && !homes.contains(collection.name) {
        homes.insert(collection.name)
      } else if used.contains(page) {
        var suffix = 2
        let stemFolder = String(folder.dropLast())
        repeat {
          page = "\(stemFolder)-\(suffix)/index.html"
          suffix += 1
        } while used.contains(page)
      }
      used.insert(page)
      pages[document.path] = page
    }
    return PagePaths(pages: pages, collectionPages: collectionPages)
  }

  /// Where an attachment is copied: `files/` and its repository path.
  static func attachmentPath(_ repositoryPath: String) -> String {
    "files/" + repositoryPath
  }

  /// A path segment safe in a URL and a file name: letters and digits of any script, `-`, `_`
  /// and `.` are kept, anything else becomes `-`; never empty, never `.` or `..`.
  static func segment(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-"
        || scalar == "_" || scalar == "."
      {
        result.append(scalar)
      } else {
        result.append("-")
      }
    }
    let segment = String(result)
    if segment.isEmpty || segment.allSatisfy({ $0 == "." }) { return "-" }
    return segment
  }

  /// The prefix that leads from a page back to the site's root (`../../` for `a/b/index.html`):
  /// one `../` for each part of the path but the last.
  ///
  /// Over the path's bytes, the prefixes of the first few depths made once: every page asks for
  /// its own, and counting the parts through `String.UTF8View`'s indices cost 10,000
  /// instructions a page.
  static func rootPrefix(of page: String) -> String {
    var path = page
    let parts = path.withUTF8 { bytes -> Int? in
      let slash = UInt8(ascii: "/")
      var (count, inPart) = (0, false)
      for index in bytes.indices {
        guard bytes[index] == slash else {
          if !inPart { count += 1 }
          inPart = true
          continue
        }
        // A `/` beside a byte of another character may be part of it (`countParts`).
        if index > 0, bytes[index - 1] >= 0x80 { return nil }
        if index + 1 < bytes.count, bytes[index + 1] >= 0x80 { return nil }
        inPart = false
      }
      return count
    }
    let ups = max(0, (parts ?? page.countParts(splitOnASCII: "/")) - 1)
    return ups < rootPrefixes.count ? rootPrefixes[ups] : String(repeating: "../", count: ups)
  }

  /// `rootPrefix(of:)` of pages up to 15 folders deep.
  private static let rootPrefixes = (0..<16).map { String(repeating: "../", count: $0) }

  /// The address of a root-relative `target` from `page` (both root-relative), as short as it
  /// goes: `../tar/index.html` between two pages of one folder. Percent-encoded for an `href`.
  ///
  /// Over the bytes: a page's navigation links two dozen pages, so a handbook of 40,000 pages
  /// asks for millions of these (splitting into segments took a seventh of a cold build). The
  /// folders in common are the `/` both paths reach with the same bytes before it.
  static func href(_ target: String, from page: String) -> String {
    href(target, from: page, depth: depth(of: page))
  }

  /// How many folders deep a root-relative page is: the `/` in its path.
  static func depth(of page: String) -> Int {
    var path = page
    return path.withUTF8 { bytes in
      bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
    }
  }

  /// `href(_:from:)` with the page's `depth(of:)` worked out already (a navigation lists two
  /// dozen addresses from one page); written straight into the string's bytes, escaped as
  /// `href(_:)` escapes.
  ///
  /// Over the strings' contiguous bytes (`withUTF8`, no copy for a native string): indexing a
  /// `String.UTF8View` byte by byte cost 3,900 instructions an address, 3.5% of a cold build.
  static func href(_ target: String, from page: String, depth: Int) -> String {
    var (page, target) = (page, target)
    return page.withUTF8 { from in
      target.withUTF8 { to in href(to, from: from, depth: depth) }
    }
  }

  /// `href(_:from:depth:)` of the bytes of both paths.
  private static func href(
    _ to: UnsafeBufferPointer<UInt8>, from: UnsafeBufferPointer<UInt8>, depth: Int
  ) -> String {
    let slash = UInt8(ascii: "/")
    var (index, common, rest) = (0, 0, 0)
    let shorter = min(from.count, to.count)
    while index < shorter, from[index] == to[index] {
      if to[index] == slash {
        common += 1
        rest = index + 1
      }
      index += 1
    }
    let ups = max(0, depth - common)
    return hrefAllowed.withUnsafeBufferPointer { allowed in
      var escaped = 0
      for byte in to[rest...] where !allowed[Int(byte)] { escaped += 1 }
      let length = 3 * ups + (to.count - rest) + 2 * escaped
      return String(unsafeUninitializedCapacity: length) { buffer in
        var count = 0
        for _ in 0..<ups {
          buffer[count] = UInt8(ascii: ".")
          buffer[count + 1] = UInt8(ascii: ".")
          buffer[count + 2] = slash
          count += 3
        }
        for byte in to[rest...] {
          if allowed[Int(byte)] {
            buffer[count] = byte
            count += 1
          } else {
            buffer[count] = UInt8(ascii: "%")
            buffer[count + 1] = hexDigits[Int(byte >> 4)]
            buffer[count + 2] = hexDigits[Int(byte & 15)]
            count += 3
          }
        }
        return count
      }
    }
  }

  private static let hexDigits = Array("0123456789ABCDEF".utf8)

  /// A root-relative path percent-encoded for an `href` (segments kept, `/` kept).
  static func href(_ path: String) -> String {
    var copy = path
    return copy.withUTF8 { bytes -> String in
      guard bytes.contains(where: { !hrefAllowed[Int($0)] }) else { return path }
      let hex = hexDigits
      var encoded: [UInt8] = []
      encoded.reserveCapacity(bytes.count + 16)
      for byte in bytes {
        if hrefAllowed[Int(byte)] {
          encoded.append(byte)
        } else {
          encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
        }
      }
      return String(decoding: encoded, as: UTF8.self)
    }
  }

  /// The bytes `href` leaves as they are: RFC 3986 path characters (Foundation's
  /// `urlPathAllowed`) without `;`, `?` and `#`.
  private static let hrefAllowed: [Bool] = (0..<256).map { byte in
    switch UInt8(byte) {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      true
    default: "!$&'()*+,-./:=@_~".utf8.contains(UInt8(byte))
    }
  }

}
