import BatonSource

extension ParsedSource {
  /// Assembles the corpus: indexes, link graph, people, history and facts about the repository.
  public func assemble() -> Corpus {
    let history = loaded.history.map { history in
      DocumentHistory.assemble(documents: documents, history: history, loaded: loaded)
    }
    let facts = RepositoryFacts(
      commit: (loaded.commit ?? loaded.head)?.hex, isWorkingTree: loaded.commit == nil,
      isShallow: loaded.isShallow, notes: loaded.notes, hasHistory: loaded.history != nil,
      walkedCommits: loaded.history?.walkedCommits ?? 0, scope: loaded.scope)
    return Corpus(
      configuration: loaded.configuration, documents: documents, people: people,
      filePaths: loaded.filePaths, sourceDiagnostics: diagnostics, history: history ?? [:],
      repository: facts)
  }
}
