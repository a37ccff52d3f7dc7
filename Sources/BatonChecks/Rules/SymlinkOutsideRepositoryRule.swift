import BatonDocuments

/// A symbolic link that leaves the repository is never followed.
struct SymlinkOutsideRepositoryRule: Rule {
  let description = RuleDescription(
    id: "symlink-outside-repository", title: "Symbolic link leaves the repository",
    severity: .error,
    rationale: "reading through a link that leaves the repository could publish files that are not "
      + "part of the handbook",
    fix: "replace the link with the file itself, or point it inside the repository",
    triggering: [], nonTriggering: [RuleExample("handbook/a.md", "# A\n\n## Summary\nok\n")])

  func check(_ document: Document, in context: CheckContext, into findings: inout Findings) {
    for case .symlinkOutsideRepository(let target) in document.problems {
      findings.add(
        "symbolic link points outside the repository ('\(target)') and was not read: "
          + "copy the file into the repository instead", line: 0)
    }
  }
}
