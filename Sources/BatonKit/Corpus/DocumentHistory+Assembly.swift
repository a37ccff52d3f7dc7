import BatonGit

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
  static func assemble(document: Document, history: LoadedHistory, loaded: LoadedSource)
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
        item.answers = answers(file.entries, responses: history.responses)
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
  mutating func setDraft(_ status: WorkingTreeStatus?, userName: String?, email: String?) {
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

  /// The commit that added each response of the newest version: oldest version first, a
  /// response's commit is the first of the versions since which it has stood without a break.
  /// A version that could not be read leaves what is known as it was.
  static func answers(_ entries: [FileHistoryEntry], responses: [ObjectID: [Response]])
    -> [String: Event]
  {
    var since: [String: Event] = [:]
    for entry in entries.reversed() {
      guard let blob = entry.blob else {
        since.removeAll()
        continue
      }
      guard let list = responses[blob] else { continue }
      let keys = Set(list.map(\.key))
      since = since.filter { keys.contains($0.key) }
      for key in keys where since[key] == nil { since[key] = Event(entry.commit) }
    }
    return since
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
