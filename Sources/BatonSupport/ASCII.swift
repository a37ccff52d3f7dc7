/// ASCII classes of a UTF-8 byte, for the byte scans on hot paths (identifiers, dates,
/// mentions, keys, headings). A byte of a multi-byte character is never in any of them.
extension UInt8 {
  package var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
  package var isASCIIUppercase: Bool { self >= 0x41 && self <= 0x5A }
  package var isASCIILowercase: Bool { self >= 0x61 && self <= 0x7A }
  package var isASCIILetter: Bool { isASCIIUppercase || isASCIILowercase }
  package var isASCIIAlphanumeric: Bool { isASCIIDigit || isASCIILetter }
}
