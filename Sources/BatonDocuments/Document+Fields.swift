import BatonConfig
import BatonSupport
import Foundation

extension Document {
  /// A field's raw value.
  public func field(_ key: String) -> Located<FieldValue>? {
    fields[key]
  }

  /// A field's name as the document wrote it (`Start Date` for `date`), else Baton's name.
  public func writtenName(of key: String) -> String {
    writtenNames[key] ?? key
  }

  /// A field's items (a list, or a text split on commas), with the field's place.
  public func items(_ key: String) -> [Located<String>] {
    guard let field = fields[key] else { return [] }
    return field.value.items.map {
      Located($0, origin: field.origin, line: field.line, column: field.column)
    }
  }

  /// A date field, parsed; nil when missing or not a date (the `invalid-date` rule reports that).
  public func day(_ key: String) -> Located<Day>? {
    guard let field = fields[key], let day = Day(parsing: field.value.text) else { return nil }
    return field.map { _ in day }
  }

  /// The accountable owner (for updates, the author), without a leading `@`.
  public var owner: Located<String>? {
    guard let field = fields["owner"] ?? fields["author"] else { return nil }
    let name = Person.handle(from: field.value.text)
    return name.isEmpty ? nil : field.map { _ in name }
  }

  /// Tags, lower case, in order, without duplicates.
  public var tags: [String] {
    var seen = Set<String>()
    return items("tags").map { $0.value.lowercased() }.filter { seen.insert($0).inserted }
  }

  /// The document's date: `date:`, else a date line or bullet.
  public var date: Day? { day("date")?.value }

  /// The decision's response deadline: `respond-by:`.
  public var respondBy: Located<Day>? { day("respond-by") }

  /// When a handbook page must next be reviewed: `review-by:`, or `reviewed:` plus the period.
  public func reviewBy(periodDays: Int) -> Located<Day>? {
    if let explicit = day("review-by") { return explicit }
    guard let reviewed = day("reviewed") else { return nil }
    return reviewed.map { $0.adding(days: periodDays) }
  }

  /// Position among siblings in the handbook tree (`order:`).
  public var order: Int? {
    fields["order"].flatMap { Int($0.value.text) }
  }

  /// The document's team (`team:`), for updates.
  public var team: String? {
    fields["team"].map { Person.handle(from: $0.value.text) }
  }

  /// The section a kind's spec names, found under its name or an alias.
  public func section(matching spec: KindSchema.SectionSpec) -> Section? {
    sections.first { spec.matches(key: $0.key) }
  }

  /// The title to show: the title, else the file's slug.
  public var displayTitle: String {
    title?.value ?? identifier.slug.replacingOccurrences(of: "-", with: " ")
  }
}
