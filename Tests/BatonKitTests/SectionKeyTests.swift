import BatonSupport
import Testing

@testable import BatonConfig

/// Section headings are folded on bytes when ASCII; the result must be the Unicode path's.
@Suite struct SectionKeyTests {
  /// The fold as the Unicode path does it, for comparison.
  static func reference(_ heading: String) -> String {
    var text = heading.lowercased()
    while let first = text.first, first.isNumber || first == "." || first == " " {
      text.removeFirst()
    }
    text = String(text.filter { $0.isLetter || $0.isNumber || $0 == " " })
    return text.split(separator: " ").joined(separator: " ")
  }

  @Test func asciiHeadingsFoldLikeTheUnicodePath() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("aZ09 .-_:\t()!?#`*Context Call to Action 2. ")
    var samples = [
      "Call to Action", "1. Context", "  2.3 Decision Outcome  ", "Pros & Cons", "A - B",
      "...", "", "Consequences:", "ADR-42: Title", "\tTabbed\theading",
    ]
    for _ in 0..<500 {
      let length = Int.random(in: 0...24, using: &generator)
      samples.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
    }
    for sample in samples {
      #expect(KindSchema.SectionSpec.normalize(sample) == Self.reference(sample), "\(sample)")
    }
    #expect(KindSchema.SectionSpec.normalize("Überblick") == "überblick")
  }

  /// A heading's bytes (after its `#` marks, untrimmed) match a section exactly when the
  /// heading, trimmed, does as a string: names, aliases, numbering, punctuation, tabs and
  /// line breaks around it, digits inside, non-ASCII text.
  @Test func headingBytesMatchAsTheTrimmedString() {
    let spec = KindSchema.SectionSpec("Responses", aliases: ["Sign-offs", "Votes 2"])
    var samples = [
      " Responses", "\tResponses", " 1. Responses:", "RESPONSES\r", "\r\n Sign-offs ", "Sign offs",
      "Signoffs", "Votes 2", "Votes  2", "Votes2", " 2.1 Votes 2 ", "Responses extra", "Response",
      "", "  ", "\t1.\tResponses", "(Responses)", "Réponses", "Responses é", "1 2 Responses",
      "Res-ponses", ". . Votes 2", "x Responses",
    ]
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("ResponsSign-ofVt2 .1\t\r:()")
    for _ in 0..<2000 {
      let length = Int.random(in: 0...14, using: &generator)
      samples.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
    }
    var matched = 0
    for sample in samples {
      let bytes = Array(sample.utf8)
      let fast = bytes.withUnsafeBufferPointer { spec.matches(headingBytes: $0) }
      let expected = spec.matches(heading: sample.trimmingWhitespace())
      #expect(fast == expected, "\(sample.debugDescription)")
      if expected { matched += 1 }
    }
    #expect(matched >= 8)
  }

  /// A line is the prompt when its letters and digits, lower case, are the prompt's, whether
  /// compared as folded (ASCII) or folded first (any other text).
  @Test func aPromptIsKnownWhateverItsCaseAndPunctuation() {
    let spec = KindSchema.SectionSpec("Context", prompt: "What is the problem?")
    #expect(spec.isPrompt("What is the problem?"))
    #expect(spec.isPrompt("  WHAT is -- the problem "))
    #expect(spec.isPrompt("What is the problém?") == false)
    #expect(spec.isPrompt("What is the problem? Ours.") == false)
    #expect(spec.isPrompt("What is the") == false)
    #expect(spec.isPrompt("") == false)
    for line in ["What is the problem?", "what-is-the-problem", "Whatisthe problem!", "x"] {
      #expect(
        KindSchema.SectionSpec.folds(line, to: "whatistheproblem")
          == (KindSchema.SectionSpec.letters(line) == "whatistheproblem"))
    }
  }

  /// Field names fold the same over their bytes as over their characters.
  @Test func asciiFieldNamesFoldAsCharactersDo() {
    func reference(_ name: String) -> String {
      var text = name.trimmingWhitespace().lowercased()
      text = text.trimming(["*", "_", "`", ":", " "])
      return String(text.map { $0 == " " || $0 == "_" ? "-" : $0 })
    }
    let names = [
      "**Start Date**", "Author(s)", " status: ", "a\t:", "a :\t", "\r\nDate\r\n", "__x_y__",
      "`code`", "***", "", " ", "Decision-Makers", "ÉTAT",
    ]
    for name in names {
      #expect(KindSchema.foldFieldName(name) == reference(name), "\(name.debugDescription)")
    }
  }
}
