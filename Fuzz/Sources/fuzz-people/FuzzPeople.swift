@testable import BatonDocuments

/// `people.yml`: every entry becomes a person or a diagnostic.
func fuzzPeople(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let data else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
  let (people, _) = People.parse(text, path: "people.yml")
  for person in people.people { _ = people.members(of: person.handle) }
  return 0
}
