internal import CGit2

/// The parts of a raw commit object the history walk needs, parsed without libgit2 objects.
///
/// Headers come first (`tree`, `parent`…, `author`, …; a line starting with a space continues
/// the previous header), then a blank line and the message. The author line is handed to
/// libgit2's own signature parser, and the subject follows `git_commit_summary`.
struct RawCommit {
  var tree: RawID
  var parents: [RawID]
  /// The bytes after `author ` up to the end of that line.
  var author: ArraySlice<UInt8>
  /// The message, without the leading blank lines libgit2 also skips.
  var message: ArraySlice<UInt8>

  init(_ bytes: [UInt8], id: RawID) throws(GitError) {
    var tree: RawID?
    var parents: [RawID] = []
    var author: ArraySlice<UInt8> = []
    var position = 0
    var messageStart = bytes.count
    while position < bytes.count {
      let lineEnd = bytes[position...].firstIndex(of: 0x0a) ?? bytes.count
      if lineEnd == position {
        messageStart = position + 1
        break
      }
      let line = bytes[position..<lineEnd]
      if line.starts(with: RawCommit.treeHeader) {
        tree = RawCommit.hexID(line.dropFirst(5))
      } else if line.starts(with: RawCommit.parentHeader) {
        guard let parent = RawCommit.hexID(line.dropFirst(7)) else { throw malformed(id) }
        parents.append(parent)
      } else if author.isEmpty && line.starts(with: RawCommit.authorHeader) {
        author = line.dropFirst(7)
      }
      position = lineEnd + 1
    }
    guard let tree else { throw malformed(id) }
    self.tree = tree
    self.parents = parents
    self.author = author
    var start = min(messageStart, bytes.count)
    while start < bytes.count && bytes[start] == 0x0a { start += 1 }
    var end = start
    while end < bytes.count && bytes[end] != 0 { end += 1 }
    message = bytes[start..<end]
  }

  private static let treeHeader = Array("tree ".utf8)
  private static let parentHeader = Array("parent ".utf8)
  private static let authorHeader = Array("author ".utf8)

  private static func hexID(_ text: ArraySlice<UInt8>) -> RawID? {
    guard text.count == 40 else { return nil }
    var oid = git_oid()
    let code = text.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { git_oid_fromstrn(&oid, $0.baseAddress, 40) }
    }
    return code == 0 ? RawID(oid) : nil
  }

  /// The author's name, email, time (seconds since 1970) and UTC offset in minutes, parsed by
  /// libgit2; empty values when the line is missing or malformed, as `git_commit_author` gives.
  func authorSignature() -> (name: String, email: String, time: Int64, offset: Int) {
    Repository.runtime  // libgit2's allocator exists only after git_libgit2_init
    var text = Array(author.map { CChar(bitPattern: $0) })
    text.append(0)
    var signature: UnsafeMutablePointer<git_signature>?
    guard git_signature_from_buffer(&signature, text) == 0, let signature else {
      return ("", "", 0, 0)
    }
    defer { git_signature_free(signature) }
    let value = signature.pointee
    return (
      value.name.map { decode($0) } ?? "", value.email.map { decode($0) } ?? "", value.when.time,
      Int(value.when.offset)
    )
  }

  /// The first paragraph of the message with its lines joined by spaces, like
  /// `git_commit_summary`: whitespace runs holding a line break become one space, trailing
  /// whitespace is dropped, and a line holding only whitespace ends the paragraph.
  var subject: String {
    var result: [UInt8] = []
    var space: Int?
    var spaceHasNewline = false
    var index = message.startIndex
    while index < message.endIndex {
      let byte = message[index]
      if byte == 0x0a {
        var next = index + 1
        while next < message.endIndex && RawCommit.isSpaceNotNewline(message[next]) { next += 1 }
        if next == message.endIndex || message[next] == 0x0a { break }
      }
      if byte == 0x0a || RawCommit.isSpaceNotNewline(byte) {
        if space == nil {
          space = index
          spaceHasNewline = false
        }
        if byte == 0x0a { spaceHasNewline = true }
      } else {
        if let start = space {
          if spaceHasNewline {
            result.append(0x20)
          } else {
            result.append(contentsOf: message[start..<index])
          }
          space = nil
        }
        result.append(byte)
      }
      index += 1
    }
    return String(decoding: result, as: UTF8.self)
  }

  private static func isSpaceNotNewline(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0b || byte == 0x0c || byte == 0x0d
  }
}

private func malformed(_ id: RawID) -> GitError {
  GitError.failure("malformed commit object", function: "RawCommit", path: id.hex)
}
