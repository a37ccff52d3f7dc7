import BatonConfig
import BatonDocuments
import BatonGit
import BatonSource

extension DocumentHistory.Event {
  /// The event of a commit, as the history pass recorded it (author after `.mailmap`).
  init(_ commit: CommitInfo) {
    self.init(
      commit: commit.id.hex, authorName: commit.author.name, authorEmail: commit.author.email,
      date: commit.date, timeZoneOffsetMinutes: commit.timeZoneOffsetMinutes,
      subject: commit.subject)
  }
}

extension DocumentHistory {
  /// Every document's history: commits, created and updated, contributors, the status timeline
  /// of decisions, drafts and approximate dates.
  ///
  /// Every document gets an entry (empty when git knows nothing of it), so a reader can tell
  /// "no history" from "history not loaded".
  static func assemble(documents: [Document], history: LoadedHistory, loaded: LoadedSource)
    -> [String: DocumentHistory]
  {
    var result: [String: DocumentHistory] = [:]
    result.reserveCapacity(documents.count)
    for document in documents {
      result[document.path] = assemble(document: document, history: history, loaded: loaded)
    }
    return result
  }

  /// One document's history, as `assemble(documents:history:loaded:)` makes it.
  package static func assemble(document: Document, history: LoadedHistory, loaded: LoadedSource)
    -> DocumentHistory
  {
    var item = DocumentHistory()
    item.setDraft(loaded.drafts[document.path], userName: loaded.userName, email: loaded.userEmail)
    if let file = history.files[document.path] {
      item.commits = file.entries.map { Event($0.commit) }
      item.created = file.created.map { Event($0.commit) }
      item.updated = file.lastUpdated.map { Event($0.commit) }
      item.contributors = contributors(file.entries)
      if LoadedHistory.tracksStatus(loaded.configuration.schema(ofKind: document.kind)) {
        item.statusTimeline = timeline(file.entries, statuses: history.statuses)
      }
      if !document.responses.isEmpty {
        let schema = loaded.configuration.schema(ofKind: document.kind)
        let answers = runs(file.entries) { blob in
          history.versions[blob].map { Set($0.responses.map(\.key)) }
        }
        item.answers = answers.starts.filter { answers.current.contains($0.key) }
        item.named =
          runs(file.entries) { blob in
            history.versions[blob].map { named(in: $0, schema: schema) }
          }.starts
      }
      if history.isShallow, let created = file.created {
        item.isApproximate = history.shallowBoundary.contains(created.commit.id)
      }
    }
    return item
  }

  /// Marks the history as an uncommitted draft, written by the git user, when the working tree
  /// holds the document new or changed; unmarks it otherwise. The rest of a history comes from
  /// commits alone, so a history kept from an earlier build is brought up to date by this.
  package mutating func setDraft(_ status: WorkingTreeStatus?, userName: String?, email: String?) {
    if let status, status != .deleted {
      isDraft = true
      draftAuthorName = userName
      draftAuthorEmail = email
    } else {
      isDraft = false
      draftAuthorName = nil
      draftAuthorEmail = nil
    }
  }

  /// Authors with their commit counts, most commits first, then by name and email.
  static func contributors(_ entries: [FileHistoryEntry]) -> [Contributor] {
    var counts: [BatonGit.Person: Int] = [:]
    for entry in entries { counts[entry.commit.author, default: 0] += 1 }
    return counts.map { Contributor(name: $0.key.name, email: $0.key.email, commits: $0.value) }
      .sorted { ($1.commits, $0.name, $0.email) < ($0.commits, $1.name, $1.email) }
  }

  /// For each key any version held, the commit that began its latest unbroken run of versions
  /// (the commit that added a response, or that named a responder), oldest version first, and
  /// the keys the newest version holds. A version that could not be read (`keys` gives nil)
  /// leaves what is known as it was; a deletion breaks every run.
  static func runs(_ entries: [FileHistoryEntry], keys: (ObjectID) -> Set<String>?)
    -> (starts: [String: Event], current: Set<String>)
  {
    var starts: [String: Event] = [:]
    var current = Set<String>()
    for entry in entries.reversed() {
      guard let blob = entry.blob else {
        current.removeAll()
        continue
      }
      guard let keys = keys(blob) else { continue }
      for key in keys where !current.contains(key) { starts[key] = Event(entry.commit) }
      current = keys
    }
    return (starts, current)
  }

  /// Whom a version's open call to action names, as lower-cased words: its `@handles` and
  /// every word of its text (a team is named by its name, which the corpus knows).
  static func named(in version: Document, schema: KindSchema) -> Set<String> {
    guard let section = CallToAction.openSection(of: version, schema: schema) else { return [] }
    var words = Set(section.mentions.map { $0.value.lowercased() })
    for word in section.text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" }) {
      words.insert(String(word))
    }
    return words
  }

  /// Each change of status, oldest first: the first version's status, then every version whose
  /// status differs from the last one seen. Versions without a status are skipped.
  static func timeline(_ entries: [FileHistoryEntry], statuses: [ObjectID: String])
    -> [StatusChange]
  {
    var changes: [StatusChange] = []
    for entry in entries.reversed() {
      guard let blob = entry.blob, let status = statuses[blob],
        status != changes.last?.status
      else { continue }
      changes.append(StatusChange(status: status, event: Event(entry.commit)))
    }
    return changes
  }
}
