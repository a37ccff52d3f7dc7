import Foundation

/// Baton's JSON report: `{"version":1,"documents":N,"diagnostics":[…]}` with sorted keys.
///
/// This is a contract other tools read: fields are only ever added, and `version` changes if a
/// field's meaning does.
public struct JSONReporter: Sendable {
  public init() {}

  struct Report: Encodable {
    var version = 1
    var documents: Int
    var diagnostics: [Entry]
  }

  struct Entry: Encodable {
    var rule: String
    var severity: String
    var path: String
    var line: Int
    var column: Int
    var message: String
  }

  public func render(_ diagnostics: [Diagnostic], summary: CheckSummary) -> String {
    let report = Report(
      documents: summary.documents,
      diagnostics: diagnostics.map {
        Entry(
          rule: $0.ruleID, severity: $0.severity.rawValue, path: $0.location.path,
          line: $0.location.line, column: $0.location.column, message: $0.message)
      })
    return JSONOutput.encode(report)
  }
}

/// Deterministic JSON: sorted keys, no escaped slashes, pretty-printed, newline at the end.
enum JSONOutput {
  static func encode<T: Encodable>(_ value: T) -> String {
    guard let data = try? encoder().encode(value) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// What `encode(_:)` gives for an array, encoded in chunks on every core and joined: a
  /// pretty-printed array is `[`, its elements each indented alike and separated by `,`, then
  /// `]`, whichever chunk an element was encoded in. `JSONEncoder` is slow enough that the
  /// 10,000 records of `documents.json` took most of a second on one core.
  static func encodeArray<T: Encodable & Sendable>(_ values: [T]) -> String {
    let chunkSize = 256
    guard values.count > chunkSize else { return encode(values) }
    let chunks = stride(from: 0, to: values.count, by: chunkSize).map {
      Array(values[$0..<min($0 + chunkSize, values.count)])
    }
    let parts = chunks.parallelMap { chunk -> Substring? in
      guard let data = try? encoder().encode(chunk) else { return nil }
      // "[\n" + elements + "\n]": keep the elements.
      let text = String(decoding: data, as: UTF8.self)
      guard text.hasPrefix("[\n"), text.hasSuffix("\n]") else { return nil }
      return text.dropFirst(2).dropLast(2)
    }
    var elements: [Substring] = []
    for part in parts {
      guard let part else { return encode(values) }
      elements.append(part)
    }
    return "[\n" + elements.joined(separator: ",\n") + "\n]\n"
  }

  private static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return encoder
  }
}
