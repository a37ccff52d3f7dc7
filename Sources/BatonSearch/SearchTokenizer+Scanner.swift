extension SearchTokenizer {
  /// The term sink of a scan: a term's UTF-8 bytes (valid only during the call) and its role.
  typealias Emit = (UnsafeBufferPointer<UInt8>, Role) -> Void

  /// The words with non-ASCII letters a scan has folded, by their bytes: the folded word and
  /// its camelCase parts folded (none when it has fewer than two). Folding goes through Unicode
  /// decomposition, which costs far more than a lookup, and a handbook in another script repeats
  /// its words as any text does; a scanner that reads many texts keeps one memo for all.
  ///
  /// Words are interned in a `TermTable` (a hash of the bytes, no key array per lookup), and
  /// their forms kept back to back in flat arrays.
  struct FoldMemo: Sendable {
    /// Past this many words the memo starts again, so that its memory stays bounded.
    static let capacity = 1 << 15
    /// A memo with nothing in it, to copy (a new table allocates).
    static let empty = FoldMemo()
    /// The words met, by id.
    private(set) var words = TermTable(capacity: 64)
    /// Word `w`'s forms are `wordForms[w]..<wordForms[w + 1]`: its folded self, then its parts.
    private var wordForms: [Int32] = [0]
    /// Form `f` is `formBytes[formStarts[f]..<formStarts[f + 1]]`.
    private var formBytes: [UInt8] = []
    private var formStarts: [Int32] = [0]

    /// The forms of a word, worked out on the first meeting: the first is the folded word, the
    /// others its folded parts (see `withForm`).
    mutating func fold(_ word: UnsafeBufferPointer<UInt8>) -> Range<Int> {
      let id = Int(words.intern(word))
      if id + 1 < wordForms.count { return Int(wordForms[id])..<Int(wordForms[id + 1]) }
      if words.count > FoldMemo.capacity {
        self = FoldMemo()
        return fold(word)
      }
      let scalars = Array(String(decoding: word, as: UTF8.self).unicodeScalars)
      let parts = SearchTokenizer.camelParts(scalars[...])
      add(SearchTokenizer.fold(scalars[...]))
      if parts.count >= 2 {
        for part in parts { add(SearchTokenizer.fold(part)) }
      }
      wordForms.append(Int32(formStarts.count - 1))
      return Int(wordForms[id])..<Int(wordForms[id + 1])
    }

    /// Adds a form to the current word.
    private mutating func add(_ form: String) {
      formBytes.append(contentsOf: form.utf8)
      formStarts.append(Int32(formBytes.count))
    }

    /// Calls `body` with the bytes of form `index`.
    @inline(__always)
    func withForm<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
      formBytes.withUnsafeBufferPointer {
        body(
          UnsafeBufferPointer(
            rebasing: $0[Int(formStarts[index])..<Int(formStarts[index + 1])]))
      }
    }
  }

  /// Walks UTF-8 text and emits its terms by the rules of `SearchTokenizer`.
  ///
  /// Words made only of ASCII letters and digits are folded and stemmed on the bytes, a word
  /// without capitals straight from the text; only other words and CJK runs become `String`s.
  struct ByteScanner {
    let text: UnsafeBufferPointer<UInt8>

    /// The class and UTF-8 length of the character that starts at `index`.
    @inline(__always)
    func character(at index: Int) -> (CharacterClass, Int) {
      let byte = text[index]
      if byte < 0x80 {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return (.word, 1)
        case 0x5F, 0x2E, 0x2D, 0x27: return (.joiner, 1)
        default: return (.other, 1)
        }
      }
      // Two bytes (U+0080 to U+07FF: Latin, Greek, Cyrillic, Hebrew, Arabic, …): in the table.
      if byte < 0xE0, index + 1 < text.count {
        return (SearchTokenizer.classes[Int(byte & 0x1F) << 6 | Int(text[index + 1] & 0x3F)], 2)
      }
      var value = UInt32(byte)
      let length: Int
      switch byte {
      case 0xF0...: (value, length) = (value & 0x07, 4)
      case 0xE0...: (value, length) = (value & 0x0F, 3)
      default: (value, length) = (value & 0x1F, 2)
      }
      for offset in 1..<length where index + offset < text.count {
        value = value << 6 | UInt32(text[index + offset] & 0x3F)
      }
      guard let scalar = Unicode.Scalar(value) else { return (.other, length) }
      return (SearchTokenizer.classify(scalar), length)
    }

    /// Scans the whole text.
    func run(memo: inout FoldMemo, _ emit: Emit) {
      var group: [UInt8] = []  // the folded words of the current compound, concatenated
      var groupWords = 0
      var scratch: [UInt8] = []
      var stemBuffer: [UInt8] = []
      func flush() {
        if groupWords >= 2 {
          group.withUnsafeBufferPointer {
            ByteScanner.emitStemmed($0, .compound, &stemBuffer, emit)
          }
        }
        group.removeAll(keepingCapacity: true)
        groupWords = 0
      }
      let count = text.count
      var index = 0
      while index < count {
        let (kind, length) = character(at: index)
        switch kind {
        case .word:
          let (end, ascii) = wordEnd(from: index)
          let word = UnsafeBufferPointer(rebasing: text[index..<end])
          if ascii {
            ByteScanner.asciiWord(word, &group, &scratch, &stemBuffer, emit)
          } else {
            ByteScanner.unicodeWord(word, &group, &stemBuffer, &memo, emit)
          }
          groupWords += 1
          if end < count {
            let (next, nextLength) = character(at: end)
            if next == .joiner, end + nextLength < count,
              character(at: end + nextLength).0 == .word
            {
              index = end + nextLength
              continue
            }
          }
          flush()
          index = end
        case .cjk:
          flush()
          let end = cjkEnd(from: index)
          ByteScanner.cjkRun(UnsafeBufferPointer(rebasing: text[index..<end]), emit)
          index = end
        case .joiner, .other:
          flush()
          index += length
        }
      }
      flush()
    }

    /// Where the word that starts at `index` ends, and whether it is all ASCII.
    @inline(__always)
    func wordEnd(from index: Int) -> (end: Int, ascii: Bool) {
      var end = index
      var ascii = true
      while end < text.count {
        let (next, nextLength) = character(at: end)
        guard next == .word else { break }
        if nextLength > 1 { ascii = false }
        end += nextLength
      }
      return (end, ascii)
    }

    /// Where the run of CJK characters that starts at `index` ends.
    @inline(__always)
    func cjkEnd(from index: Int) -> Int {
      var end = index
      while end < text.count {
        let (next, nextLength) = character(at: end)
        guard next == .cjk else { break }
        end += nextLength
      }
      return end
    }

    /// Emits a term stemmed: a prefix of its bytes, or that prefix and `y` from `buffer`.
    @inline(__always)
    static func emitStemmed(
      _ term: UnsafeBufferPointer<UInt8>, _ role: Role, _ buffer: inout [UInt8], _ emit: Emit
    ) {
      let (keep, y) = SearchTokenizer.stemmed(term)
      guard y else {
        emit(UnsafeBufferPointer(rebasing: term[0..<keep]), role)
        return
      }
      buffer.removeAll(keepingCapacity: true)
      buffer.append(contentsOf: term[0..<keep])
      buffer.append(0x79)
      buffer.withUnsafeBufferPointer { emit($0, role) }
    }

    /// Appends ASCII bytes in lower case.
    @inline(__always)
    static func appendLowercased(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
      for byte in bytes { output.append(byte &- 0x41 < 26 ? byte | 0x20 : byte) }
    }

    /// An ASCII word: its folded, stemmed self, its camelCase parts, and its place in the group.
    static func asciiWord(
      _ word: UnsafeBufferPointer<UInt8>, _ group: inout [UInt8], _ scratch: inout [UInt8],
      _ stemBuffer: inout [UInt8], _ emit: Emit
    ) {
      guard word.contains(where: { $0 &- 0x41 < 26 }) else {
        emitStemmed(word, .base, &stemBuffer, emit)
        group.append(contentsOf: word)
        return
      }
      scratch.removeAll(keepingCapacity: true)
      appendLowercased(word, to: &scratch)
      scratch.withUnsafeBufferPointer { emitStemmed($0, .base, &stemBuffer, emit) }
      group.append(contentsOf: scratch)
      // camelCase parts: split before an upper-case letter that follows a lower-case one, and
      // before the last capital of a run that a lower-case letter follows (HTTPServer).
      func isUpper(_ index: Int) -> Bool { word[index] &- 0x41 < 26 }
      func isLower(_ index: Int) -> Bool { word[index] &- 0x61 < 26 }
      func splits(at index: Int) -> Bool {
        (isLower(index - 1) && isUpper(index))
          || (isUpper(index - 1) && isUpper(index) && index + 1 < word.count && isLower(index + 1))
      }
      guard word.count > 1, (1..<word.count).contains(where: splits) else { return }
      var start = 0
      for index in 1...word.count where index == word.count || splits(at: index) {
        scratch.removeAll(keepingCapacity: true)
        appendLowercased(UnsafeBufferPointer(rebasing: word[start..<index]), to: &scratch)
        scratch.withUnsafeBufferPointer { emitStemmed($0, .part, &stemBuffer, emit) }
        start = index
      }
    }

    /// A word with non-ASCII letters: folded and split with the Unicode rules.
    static func unicodeWord(
      _ word: UnsafeBufferPointer<UInt8>, _ group: inout [UInt8], _ stemBuffer: inout [UInt8],
      _ memo: inout FoldMemo, _ emit: Emit
    ) {
      let forms = memo.fold(word)
      for form in forms {
        memo.withForm(form) {
          emitStemmed($0, form == forms.lowerBound ? .base : .part, &stemBuffer, emit)
        }
      }
      memo.withForm(forms.lowerBound) { group.append(contentsOf: $0) }
    }

    /// A CJK run: overlapping bigrams and the last character alone (or one character alone).
    ///
    /// A run of characters that fold to themselves even next to each other (Han, Hangul
    /// syllables, most kana: nearly every run) gives its terms as slices of its own bytes; any
    /// other run is folded first.
    static func cjkRun(_ run: UnsafeBufferPointer<UInt8>, _ emit: Emit) {
      if ByteScanner.keepsItself(run) {
        ByteScanner.emitBigrams(run, emit)
        return
      }
      let scalars = Array(String(decoding: run, as: UTF8.self).unicodeScalars)
      let folded = Array(SearchTokenizer.fold(scalars[...]).utf8)
      folded.withUnsafeBufferPointer { ByteScanner.emitBigrams($0, emit) }
    }

    /// Whether every character of a CJK run folds to itself, alone and next to the others
    /// (`SearchTokenizer.keepsItself`), so the run folds to itself.
    static func keepsItself(_ run: UnsafeBufferPointer<UInt8>) -> Bool {
      var index = 0
      while index < run.count {
        let end = scalarEnd(run, from: index)
        guard SearchTokenizer.keepsItself(SearchEngine.decode(run, at: index)) else {
          return false
        }
        index = end
      }
      return true
    }

    /// Where the scalar that starts at `index` of valid UTF-8 ends.
    @inline(__always)
    static func scalarEnd(_ text: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
      var end = index + 1
      while end < text.count, text[end] & 0xC0 == 0x80 { end += 1 }
      return end
    }

    /// Emits the terms of folded CJK text (valid UTF-8): each pair of adjacent characters, then
    /// the last character alone as a part; a lone character as a base term.
    static func emitBigrams(_ text: UnsafeBufferPointer<UInt8>, _ emit: Emit) {
      guard !text.isEmpty else { return }
      var first = 0
      var second = scalarEnd(text, from: 0)
      guard second < text.count else {
        emit(text, .base)
        return
      }
      while true {
        let third = scalarEnd(text, from: second)
        emit(UnsafeBufferPointer(rebasing: text[first..<third]), .base)
        guard third < text.count else { break }
        (first, second) = (second, third)
      }
      emit(UnsafeBufferPointer(rebasing: text[second...]), .part)
    }
  }
}
