import BatonSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension DocumentParser {
  /// Reads the kind's responses section (`## Responses`, or an alias such as `## Sign-offs`):
  /// every prose line of it is a response or a problem. Front matter's `responses:` wins when
  /// the document has both, as front matter does for every field.
  func readResponsesSection(into document: inout Document) {
    guard document.responsesPlace == nil, let spec = schema.section(withRole: .responses),
      let section = document.section(matching: spec)
    else { return }
    document.responsesPlace = Located(
      section.title, origin: .body, line: section.line, column: section.column)
    for line in section.lines where !line.value.trimmingWhitespace().isEmpty {
      guard !spec.isPrompt(line.value) else { continue }
      if line.value.trimmingWhitespace().lowercased().hasPrefix("outcome:") {
        // The line `baton decide` records; the status says the same, so it is not read.
        continue
      }
      add(Response.parse(line.value, line: line.line, origin: .body), into: &document)
    }
  }

  /// Reads `responses:` from the front matter: a list of `"@grace: approve"` lines or of
  /// `grace: approve` pairs, or a mapping from handles to an answer or a list of them.
  func readResponses(frontMatter entry: YAMLEntry, into document: inout Document) {
    document.responsesPlace = Located(
      "responses", origin: .frontMatter, line: entry.keyLine + 1, column: entry.keyColumn)
    switch entry.value {
    case .sequence(let items, _, _):
      for item in items {
        if let text = item.string {
          add(
            Response.parse(
              text, line: item.line + 1, column: item.column, origin: .frontMatter,
              requiresAt: false), into: &document)
        } else if let pairs = item.entries {
          for pair in pairs { readResponses(pair: pair, into: &document) }
        }
      }
    case .mapping(let pairs, _, _):
      for pair in pairs { readResponses(pair: pair, into: &document) }
    case .scalar(let text, _, _) where text.isEmpty:
      break
    case .scalar(let text, let line, let column):
      document.responseProblems.append(
        ResponseProblem(
          message: "'responses' must be a list such as '- \"@grace: approve\"'", text: text,
          line: line + 1, column: column))
    }
  }

  /// One `handle: answer` pair of front matter; the answer may be a list of answers.
  private func readResponses(pair: YAMLEntry, into document: inout Document) {
    let answers: [YAMLValue]
    if case .sequence(let items, _, _) = pair.value {
      answers = items
    } else {
      answers = [pair.value]
    }
    for answer in answers {
      let text = answer.string ?? ""
      add(
        Response.parse(
          pair.key + ": " + text, line: answer.line + 1, column: pair.keyColumn,
          origin: .frontMatter, requiresAt: false), into: &document)
    }
  }

  private func add(_ result: Result<Response, ResponseProblem>, into document: inout Document) {
    switch result {
    case .success(let response): document.responses.append(response)
    case .failure(let problem): document.responseProblems.append(problem)
    }
  }
}

extension DocumentParser {
  /// Whether a file may hold responses, judged from its bytes without parsing them: a line
  /// `responses:` or a heading that names the kind's responses section. Cheap, so the Load
  /// stage reads older versions only of the documents that hold answers now.
  public func mayHoldResponses(_ bytes: [UInt8]) -> Bool {
    guard let spec = schema.section(withRole: .responses) else { return false }
    let key = Array("responses:".utf8)
    // Jumps from line start to line start with `memchr`: every document of such a kind passes
    // through here, and only a line starting with `r` or `#` is looked at.
    return bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return false }
      var start = 0
      while start < buffer.count {
        var end = buffer.count
        if let found = memchr(base + start, 0x0A, buffer.count - start) {
          end = UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
        let line = UnsafeBufferPointer(rebasing: buffer[start..<end])
        if line.first == UInt8(ascii: "r"), line.starts(with: key) { return true }
        if line.first == UInt8(ascii: "#") {
          let heading = UnsafeBufferPointer(rebasing: line.drop { $0 == UInt8(ascii: "#") })
          if spec.matches(headingBytes: heading) { return true }
        }
        start = end + 1
      }
      return false
    }
  }
}
