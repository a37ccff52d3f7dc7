import BatonMustache
import BatonSupport

/// The sign-off panel of a document whose kind takes responses: who answered what and when
/// (through whose commit), how long each took in working hours, who is still outstanding (a
/// team with its quorum), the open concerns, and where the decision stands.
///
/// Plain data, made once per page from the corpus (`SiteRenderer.signoff(of:)`) and kept in the
/// document's context: everything it reads (the document's responses and call to action, the
/// history, the people, the configuration and `asOf`) is guarded by the document's face (`SiteIndex.Face`) and
/// `BuildState.inputs`, so a kept panel is the one a full build makes.
struct SignoffPanel: Sendable, Hashable {
  /// One line of the table: an answer, or a responder still outstanding.
  struct Row: Sendable, Hashable {
    var responder: DocumentContext.Link
    /// approve, object, abstain, concern, resolved, or outstanding.
    var verdict: String
    /// The reason, concern name or note; for an outstanding team, its quorum.
    var text: String
    /// The commit's date (ISO 8601 with the author's offset) and its day; nil uncommitted.
    var date: String?
    var day: String?
    /// Who committed the line, when it was someone other than the responder.
    var committedBy: DocumentContext.Link?
    /// How long the answer took, in the answerer's working hours (`Metrics.workingSeconds`).
    var took: String?
  }

  /// Answers in the order written, then the responders still outstanding.
  var rows: [Row]
  /// The concerns still open: the raiser and the concern's name.
  var concerns: [Row]
  var outstanding: Int
  /// `ready`, `stuck` or `pending`; nil when the call to action is not open.
  var phase: String?
  /// The state in words: `Ready to accept: no objection by 2026-12-01`.
  var state: String?
  /// For a stuck or pending decision, what is missing.
  var missing: [String]
  /// The kind's decision rule (`lazy-consensus`), when it has one.
  var rule: String?
  /// The day the state is judged on: the newest commit's, in UTC.
  var asOf: String?
}

extension SignoffPanel {
  /// How many rows are answers (approve, object, abstain).
  var answered: Int {
    rows.filter { ["approve", "object", "abstain"].contains($0.verdict) }.count
  }

  /// How a verdict reads in the table.
  static func label(_ verdict: String) -> String {
    switch verdict {
    case "approve": "Approves"
    case "object": "Objects"
    case "abstain": "Abstains"
    case "concern": "Raises a concern"
    case "resolved": "Resolved"
    default: "Outstanding"
    }
  }

  /// Working seconds as the panel shows them: `45 working minutes`, `3.5 working hours`.
  static func duration(_ seconds: Int) -> String {
    if seconds < 3600 {
      let minutes = seconds / 60
      return minutes == 1 ? "1 working minute" : "\(minutes) working minutes"
    }
    let tenths = (seconds * 10 + 1800) / 3600
    let text = tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    return text == "1" ? "1 working hour" : text + " working hours"
  }
}

/// What the `signoff` partial renders with.
struct SignoffView: TemplateObject {
  var panel: SignoffPanel

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "rows": .list(panel.rows.map(SignoffRowView.init))
    case "concerns": .list(panel.concerns.map(SignoffRowView.init))
    case "answered": .integer(panel.answered)
    case "outstanding": .integer(panel.outstanding)
    case "phase": .text(panel.phase)
    case "state": .text(panel.state)
    case "missing": .list(panel.missing.map { TextView(text: $0) })
    case "rule": .text(panel.rule)
    case "asOf": .text(panel.asOf)
    default: nil
    }
  }
}

/// A row of the sign-off table, as the `signoff` partial reads it.
struct SignoffRowView: TemplateObject {
  var row: SignoffPanel.Row

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "handle": .text(row.responder.text)
    case "url": .text(row.responder.url)
    case "verdict": .text(row.verdict)
    case "label": .text(SignoffPanel.label(row.verdict))
    case "text": .text(row.text.isEmpty ? nil : row.text)
    case "date": .text(row.date)
    case "day": .text(row.day)
    case "committedBy": row.committedBy.map { .object(LinkView(label: .handle, link: $0)) }
    case "took": .text(row.took)
    case "isOutstanding": .bool(row.verdict == "outstanding")
    default: nil
    }
  }
}

/// A plain text in a list, read as `text`.
struct TextView: TemplateObject {
  var text: String

  func value(for name: String) -> TemplateValue? {
    name == "text" ? .text(text) : nil
  }
}

extension LinkView {
  init(label: Label, link: DocumentContext.Link) {
    self.init(label: label, text: link.text, url: link.url)
  }
}
