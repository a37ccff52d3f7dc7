import BatonDocuments
import BatonReport
import Foundation

extension SiteRenderer {
  /// An Atom feed per kind listed as a log (decisions, updates, …), newest first, 50 entries
  /// each (the weekly digests' feed is `digestFeed`).
  ///
  /// Links are absolute when the site has a base URL, else relative to the feed. Dates come from
  /// the documents (their `date:`, else their last commit), never from the clock.
  func feeds() -> [SiteFile] {
    site.feeds.filter { $0.url != SiteRenderer.digestFeed }.map { link in
      SiteFile(path: link.url, text: feed(kind: link.key, title: link.title, path: link.url))
    }
  }

  private func feed(kind: String, title: String, path: String) -> String {
    let prefix = site.baseURL ?? SiteLayout.rootPrefix(of: path)
    let entries = corpus.documents.filter { $0.kind == kind }.compactMap {
      document -> (DocumentRow, String)? in
      guard let row = index.rows[document.path] else { return nil }
      let updated =
        row.date ?? corpus.history[document.path]?.updated.map { SiteRenderer.day(of: $0) }?
        .description ?? "1970-01-01"
      return (row, updated)
    }.sorted { a, b in (a.1, a.0.path) > (b.1, b.0.path) }.prefix(50)
    let feedID = site.baseURL.map { $0 + path } ?? "urn:baton:" + SiteLayout.href(path)
    // Without a base URL, links are relative to the feed itself.
    let selfLink = site.baseURL.map { $0 + path } ?? String(path.split(separator: "/").last ?? "")
    var xml = """
      <?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom">
        <title>\(XML.escape(site.title + " — " + title))</title>
        <id>\(XML.escape(feedID))</id>
        <updated>\(entries.first?.1 ?? "1970-01-01")T00:00:00Z</updated>
        <link rel="self" href="\(XML.escape(selfLink))"/>
        <link rel="alternate" type="text/html" href="\(XML.escape(prefix + "index.html"))"/>
        <generator>\(XML.escape(site.generator))</generator>

      """
    for (row, updated) in entries {
      let link = prefix + SiteLayout.href(row.url)
      let id = site.baseURL.map { $0 + SiteLayout.href(row.url) } ?? "urn:baton:" + row.path
      xml += "  <entry>\n"
      xml += "    <title>\(XML.escape(row.title))</title>\n"
      xml += "    <id>\(XML.escape(id))</id>\n"
      xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(XML.escape(link))\"/>\n"
      xml += "    <updated>\(updated)T00:00:00Z</updated>\n"
      if let owner = row.owner {
        xml += "    <author><name>\(XML.escape(owner))</name></author>\n"
      }
      for tag in row.tags { xml += "    <category term=\"\(XML.escape(tag.name))\"/>\n" }
      if let status = row.status {
        xml += "    <category term=\"status:\(XML.escape(status))\"/>\n"
      }
      if !row.summary.isEmpty { xml += "    <summary>\(XML.escape(row.summary))</summary>\n" }
      xml += "  </entry>\n"
    }
    return xml + "</feed>\n"
  }

  /// `documents.json`: the records of `baton list --format json`, sorted by path.
  func documentsJSON() -> String {
    documentsJSONWithRanges().text
  }

  /// `documentsJSON()`, and where each record is in it (see `DocumentRecord.jsonWithRanges`).
  func documentsJSONWithRanges() -> (text: String, ranges: [String: Range<Int>]) {
    DocumentRecord.jsonWithRanges(corpus.documents.parallelMap(record))
  }

  /// A document's record in `documents.json`.
  func record(_ document: Document) -> DocumentRecord {
    DocumentRecord(
      document, schema: corpus.schema(of: document), history: corpus.history[document.path])
  }

  /// `sitemap.xml` of every HTML page but the 404; absolute when the site has a base URL.
  func sitemap(_ paths: [String]) -> String {
    var xml = """
      <?xml version="1.0" encoding="utf-8"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

      """
    for path in paths.sorted() where path.hasSuffix(".html") && path != "404.html" {
      let location = (site.baseURL ?? "") + SiteLayout.href(path)
      xml += "  <url><loc>\(XML.escape(location))</loc></url>\n"
    }
    return xml + "</urlset>\n"
  }
}

/// Escaping for XML text and attribute values; drops characters XML 1.0 cannot hold.
enum XML {
  /// Byte by byte over the UTF-8: the characters XML 1.0 cannot hold are the controls but tab,
  /// line feed and carriage return (one byte each) and U+FFFE and U+FFFF (`EF BF BE`/`BF`).
  static func escape(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes in
      var output: [UInt8] = []
      output.reserveCapacity(bytes.count)
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "&"): output += "&amp;".utf8
        case UInt8(ascii: "<"): output += "&lt;".utf8
        case UInt8(ascii: ">"): output += "&gt;".utf8
        case UInt8(ascii: "\""): output += "&quot;".utf8
        case UInt8(ascii: "'"): output += "&apos;".utf8
        case 0x09, 0x0A, 0x0D: output.append(byte)
        case ..<0x20: continue
        case 0xEF
        where index + 1 < bytes.count && bytes[index] == 0xBF
          && bytes[index + 1] & 0xFE == 0xBE:
          index += 2
        default: output.append(byte)
        }
      }
      return String(decoding: output, as: UTF8.self)
    }
  }
}
