import Foundation

/// Deterministic JSON: sorted keys, no escaped slashes, pretty-printed, newline at the end.
package enum JSONOutput {
  /// Pretty-printed, with a newline at the end.
  package static func encode<T: Encodable>(_ value: T) -> String {
    encode(value, pretty: true) + "\n"
  }

  /// Sorted keys, no escaped slashes; on one line unless `pretty`.
  package static func encode<T: Encodable>(_ value: T, pretty: Bool) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    if pretty { encoder.outputFormatting.insert(.prettyPrinted) }
    encoder.dateEncodingStrategy = .iso8601
    guard let data = try? encoder.encode(value) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }
}
