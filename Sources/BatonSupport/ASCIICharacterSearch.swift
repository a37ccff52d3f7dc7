extension StringProtocol where UTF8View: BidirectionalCollection {
  /// `firstIndex(of:)` of an ASCII character, found in the UTF-8 bytes.
  ///
  /// Searching `Character`s breaks the text into grapheme clusters as it goes, some 300
  /// instructions a character: on every line of every document, and on every page's path, that
  /// was 4% of a cold build. An ASCII byte is the character alone unless a scalar beside it
  /// joins it into a larger cluster (a combining mark after it, a prepended sign before it,
  /// both non-ASCII; or CR LF), so where a candidate has such a neighbour the characters are
  /// searched as before: the answer is always the one `firstIndex(of:)` gives.
  package func firstIndex(ofASCII character: Character) -> Index? {
    guard let byte = character.asciiValue else { return firstIndex(of: character) }
    let bytes = utf8
    // Native text is contiguous: the byte is found by memchr, and its offset is an index.
    let found = bytes.withContiguousStorageIfAvailable {
      UnsafeRawBufferPointer($0).firstOffset(of: byte)
    }
    if let found {
      guard let offset = found else { return nil }
      let position = bytes.index(bytes.startIndex, offsetBy: offset)
      return standsAlone(position) ? position : firstIndex(of: character)
    }
    var position = bytes.startIndex
    while position != bytes.endIndex {
      if bytes[position] == byte {
        guard standsAlone(position) else { return firstIndex(of: character) }
        return position
      }
      bytes.formIndex(after: &position)
    }
    return nil
  }

  /// `lastIndex(of:)` of an ASCII character, found in the UTF-8 bytes (see
  /// `firstIndex(ofASCII:)`).
  package func lastIndex(ofASCII character: Character) -> Index? {
    guard let byte = character.asciiValue else { return lastIndex(of: character) }
    let bytes = utf8
    var position = bytes.endIndex
    while position != bytes.startIndex {
      bytes.formIndex(before: &position)
      if bytes[position] == byte {
        guard standsAlone(position) else { return lastIndex(of: character) }
        return position
      }
    }
    return nil
  }

  /// `split(separator:)` on an ASCII character (empty parts left out), the separators found in
  /// the UTF-8 bytes (see `firstIndex(ofASCII:)`).
  package func split(onASCII separator: Character) -> [SubSequence] {
    guard let byte = separator.asciiValue else { return split(separator: separator) }
    let bytes = utf8
    var parts: [SubSequence] = []
    var start = bytes.startIndex
    var position = start
    while position != bytes.endIndex {
      if bytes[position] == byte {
        guard standsAlone(position) else { return split(separator: separator) }
        if start != position { parts.append(self[start..<position]) }
        start = bytes.index(after: position)
      }
      bytes.formIndex(after: &position)
    }
    if start != bytes.endIndex { parts.append(self[start...]) }
    return parts
  }

  /// How many parts `split(onASCII:)` gives, without making them.
  package func countParts(splitOnASCII separator: Character) -> Int {
    guard let byte = separator.asciiValue else { return split(separator: separator).count }
    let bytes = utf8
    var count = 0
    var inPart = false
    var position = bytes.startIndex
    while position != bytes.endIndex {
      if bytes[position] == byte {
        guard standsAlone(position) else { return split(separator: separator).count }
        inPart = false
      } else if !inPart {
        inPart = true
        count += 1
      }
      bytes.formIndex(after: &position)
    }
    return count
  }

  /// Whether the ASCII byte at `position` is a character alone: the bytes either side are
  /// ASCII (or the text's ends), and it is not half of a CR LF pair (one character).
  private func standsAlone(_ position: Index) -> Bool {
    let bytes = utf8
    let byte = bytes[position]
    if position != bytes.startIndex {
      let previous = bytes[bytes.index(before: position)]
      if previous >= 0x80 || (previous == 0x0D && byte == 0x0A) { return false }
    }
    let next = bytes.index(after: position)
    guard next != bytes.endIndex else { return true }
    return bytes[next] < 0x80 && !(byte == 0x0D && bytes[next] == 0x0A)
  }
}
