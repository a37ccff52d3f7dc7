@testable import BatonSearch

/// The first, scalar-array tokeniser, kept as an oracle: the byte tokeniser must give exactly
/// its terms and roles.
enum ReferenceTokenizer {
  static func tokens(_ text: String) -> [SearchTokenizer.Token] {
    var result: [SearchTokenizer.Token] = []
    let scalars = Array(text.unicodeScalars)
    var group: [String] = []
    func flush() {
      if group.count >= 2 {
        result.append(
          SearchTokenizer.Token(term: SearchTokenizer.stem(group.joined()), role: .compound))
      }
      group.removeAll()
    }
    var index = 0
    while index < scalars.count {
      switch SearchTokenizer.lookUpClass(scalars[index]) {
      case .word:
        var end = index
        while end < scalars.count, SearchTokenizer.lookUpClass(scalars[end]) == .word { end += 1 }
        let word = scalars[index..<end]
        let folded = SearchTokenizer.fold(word)
        result.append(SearchTokenizer.Token(term: SearchTokenizer.stem(folded), role: .base))
        let parts = SearchTokenizer.camelParts(word)
        if parts.count >= 2 {
          for part in parts {
            result.append(
              SearchTokenizer.Token(
                term: SearchTokenizer.stem(SearchTokenizer.fold(part)), role: .part))
          }
        }
        group.append(folded)
        if end + 1 < scalars.count, SearchTokenizer.lookUpClass(scalars[end]) == .joiner,
          SearchTokenizer.lookUpClass(scalars[end + 1]) == .word
        {
          index = end + 1
        } else {
          flush()
          index = end
        }
      case .cjk:
        flush()
        var end = index
        while end < scalars.count, SearchTokenizer.lookUpClass(scalars[end]) == .cjk { end += 1 }
        let characters = Array(SearchTokenizer.fold(scalars[index..<end]).unicodeScalars)
        if characters.count == 1 {
          result.append(SearchTokenizer.Token(term: String(characters[0]), role: .base))
        } else {
          for position in 0..<(characters.count - 1) {
            var bigram = String.UnicodeScalarView()
            bigram.append(characters[position])
            bigram.append(characters[position + 1])
            result.append(SearchTokenizer.Token(term: String(bigram), role: .base))
          }
          if let last = characters.last {
            result.append(SearchTokenizer.Token(term: String(last), role: .part))
          }
        }
        index = end
      case .joiner, .other:
        flush()
        index += 1
      }
    }
    flush()
    return result
  }
}
