/// GitHub-compatible heading anchors.
///
/// The text is lowercased; letters, marks and digits of any script are kept, as are `-` and
/// `_`; each space becomes `-`; everything else (punctuation, symbols, emoji) is dropped. A text
/// with nothing left becomes `section`. Repeated slugs get `-1`, `-2` … like on GitHub.
public enum Slug {
  /// The slug for `text` before de-duplication.
  ///
  /// - Parameter text: the heading's plain text.
  /// - Returns: the lowercased slug, `section` when nothing is left.
  public static func base(_ text: String) -> String {
    var slug = String.UnicodeScalarView()
    for scalar in text.lowercased().unicodeScalars {
      if scalar == " " || scalar == "-" {
        slug.append("-")
      } else if scalar == "_" || scalar.isASCII && isASCIIAlphanumeric(scalar) {
        slug.append(scalar)
      } else if !scalar.isASCII && keepsNonASCII(scalar) {
        slug.append(scalar)
      }
    }
    return slug.isEmpty ? "section" : String(slug)
  }

  /// A slug for `text` that is not yet in `used`, which it is added to.
  ///
  /// - Parameters:
  ///   - text: the heading's plain text.
  ///   - used: the slugs taken so far in this document; updated.
  /// - Returns: the slug, with `-1`, `-2` … appended if taken.
  public static func make(_ text: String, used: inout Set<String>) -> String {
    let slug = base(text)
    var candidate = slug
    var suffix = 1
    while used.contains(candidate) {
      candidate = "\(slug)-\(suffix)"
      suffix += 1
    }
    used.insert(candidate)
    return candidate
  }

  private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "0"..."9": true
    default: false
    }
  }

  private static func keepsNonASCII(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber,
      .connectorPunctuation:
      true
    default:
      false
    }
  }
}
