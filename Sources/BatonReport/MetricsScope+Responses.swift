import BatonCorpus
import BatonDocuments
import Foundation

extension MetricsScope {
  /// One committed answer: who gave it, their team, how long it took in working time, and the
  /// document's window in the answerer's working time (nil without one).
  struct AnswerTime {
    var person: String
    var team: String?
    var seconds: Int
    var window: Int?
  }

  /// Every answer (approve, object, abstain) committed in the period, measured from when the
  /// call to action named the answerer (or a team of theirs) to the commit that added it, in
  /// the answerer's working hours.
  func answerTimes() -> [AnswerTime] {
    var result: [AnswerTime] = []
    for document in corpus.documents {
      guard let ledger = corpus.ledger(of: document) else { continue }
      let window = ResponseWindow.of(document, configuration: corpus.configuration)
      for answer in ledger.answers where answer.response.verdict.isAnswer {
        guard let date = answer.date, counts(MetricsScope.utcDay(of: date)), date <= asOf,
          let seconds = Metrics.workingSeconds(answer, in: document, corpus: corpus)
        else { continue }
        let person = answer.response.handle
        let schedule = corpus.people?.schedule(for: person) ?? .standard
        result.append(
          AnswerTime(
            person: person, team: corpus.people?.person(person)?.team, seconds: seconds,
            window: window.map { $0.duration.seconds(in: schedule) }))
      }
    }
    return result
  }

  /// When a person was asked, as of an answer: the latest naming, before the answer, of the
  /// person or a team of theirs; else when the document was opened.
  static func askedAt(
    _ person: String, in document: Document, before date: Date, corpus: Corpus
  ) -> Date? {
    let history = corpus.history[document.path]
    var keys = [person.lowercased()]
    if let people = corpus.people {
      keys += people.teams.filter { $0.value.contains { $0.lowercased() == person.lowercased() } }
        .map { $0.key.lowercased() }
    }
    let named = keys.compactMap { history?.named[$0]?.date }.filter { $0 <= date }.max()
    return named ?? corpus.namedAt(person, in: document)
  }

  /// Response times per person and per team, with the share within the window.
  func responseTimes() -> (people: [Metrics.ResponseTime], teams: [Metrics.ResponseTime]) {
    let answers = answerTimes()
    func rows(_ key: (AnswerTime) -> String?) -> [Metrics.ResponseTime] {
      let groups = Dictionary(grouping: answers.filter { key($0) != nil }) { key($0) ?? "" }
      return groups.sorted { $0.key < $1.key }.compactMap { responder, list in
        guard let hours = Statistics(list.map { Double($0.seconds) / 3600 }) else { return nil }
        let windowed = list.filter { $0.window != nil }
        return Metrics.ResponseTime(
          responder: responder, hours: hours,
          withinWindow: windowed.filter { $0.seconds <= $0.window ?? 0 }.count,
          withWindow: windowed.count)
      }
    }
    return (rows(\.person), rows { $0.team.flatMap { $0.isEmpty ? nil : $0 } })
  }
}

extension Metrics {
  /// How long a committed answer took: from when the call to action asked the answerer (or a
  /// team of theirs) to the commit that added the line, in the answerer's working time
  /// (seconds); nil for an uncommitted answer or one whose asking is not known.
  ///
  /// `baton metrics` and the site's sign-off panel both measure answers with this.
  package static func workingSeconds(
    _ answer: ResponseLedger.Answer, in document: Document, corpus: Corpus
  ) -> Int? {
    guard let date = answer.date,
      let named = MetricsScope.askedAt(
        answer.response.handle, in: document, before: date, corpus: corpus)
    else { return nil }
    let schedule = corpus.people?.schedule(for: answer.response.handle) ?? .standard
    return max(0, schedule.workingSeconds(from: named, to: date))
  }

  /// The moment a site's metrics are measured at: the newest commit any document's history
  /// holds, so that two builds of one commit agree; nil without history.
  package static func latestCommit(in corpus: Corpus) -> Date? {
    var latest: Date?
    for history in corpus.history.values {
      guard let date = history.updated?.date ?? history.created?.date else { continue }
      if latest.map({ date > $0 }) ?? true { latest = date }
    }
    return latest
  }
}
