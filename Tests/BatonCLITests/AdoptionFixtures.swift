import BatonTestSupport

/// Logs written the way the projects that keep them write them, for `baton init` tests.
enum AdoptionFixtures {
  static let all = [
    "adr-tools", "madr", "log4brains", "rust-rfcs", "pep", "kep", "tep", "adr-repo",
  ]

  static func write(_ dialect: String, _ fixture: GitFixture) throws {
    switch dialect {
    case "adr-tools": try adrTools(fixture)
    case "madr": try madr(fixture)
    case "log4brains": try log4brains(fixture)
    case "rust-rfcs": try rustRFCs(fixture)
    case "pep": try peps(fixture)
    case "kep": try keps(fixture)
    case "tep": try teps(fixture)
    default: try architectureDecisionRecord(fixture)
    }
  }

  static func adrTools(_ fixture: GitFixture) throws {
    try fixture.write(
      "doc/adr/0001-record-architecture-decisions.md",
      """
      # 1. Record architecture decisions

      Date: 2017-03-01

      ## Status

      Accepted

      ## Context

      We need to record the architectural decisions made on this project.

      ## Decision

      We will use Architecture Decision Records, as described by Michael Nygard.

      ## Consequences

      See Michael Nygard's article.

      """)
    try fixture.write(
      "doc/adr/0002-use-postgres.md",
      """
      # 2. Use Postgres

      Date: 02/05/2017

      ## Status

      Accepted

      ## Context

      We need a database.

      ## Decision

      Postgres.

      ## Consequences

      Migration work.

      """)
  }

  static func madr(_ fixture: GitFixture) throws {
    try fixture.write(
      "docs/decisions/0001-use-markdown-architectural-decision-records.md",
      """
      ---
      status: accepted
      date: 2022-11-04
      decision-makers: [Oliver Kopp]
      ---
      # Use Markdown Architectural Decision Records

      ## Context and Problem Statement

      We want to record architectural decisions made in this project.

      ## Considered Options

      * MADR 3.0.0
      * Michael Nygard's template

      ## Decision Outcome

      Chosen option: "MADR 3.0.0", because it is lean.

      """)
    try fixture.write(
      "docs/decisions/0002-use-plain-junit5-for-testing.md",
      """
      ---
      status: proposed
      date: 2022-11-20
      decision-makers: [Oliver Kopp]
      ---
      # Use plain JUnit5 for testing

      ## Context and Problem Statement

      How to write readable test assertions?

      ## Decision Outcome

      Chosen option: "Plain JUnit5".

      """)
    try fixture.write("docs/decisions/adr-template.md", "# {short title}\n\n## Context\n")
  }

  static func log4brains(_ fixture: GitFixture) throws {
    try fixture.write(
      "docs/adr/20200926-use-log4brains-to-manage-the-adrs.md",
      """
      # Use Log4brains to manage the ADRs

      - Status: accepted
      - Date: 2020-09-26
      - Tags: dev-tools, doc

      ## Context and Problem Statement

      We want to record architectural decisions made in this project.

      ## Decision Outcome

      Chosen option: "Log4brains".

      """)
    try fixture.write(
      "docs/adr/20200927-use-markdown-architectural-decision-records.md",
      """
      # Use Markdown Architectural Decision Records

      - Status: accepted
      - Date: 2020-09-27
      - Tags: doc

      ## Context and Problem Statement

      Which format?

      ## Decision Outcome

      Chosen option: "MADR 2.1.2".

      """)
    try fixture.write("docs/adr/README.md", "# Architecture knowledge base\n")
    try fixture.write("docs/adr/template.md", "# [short title]\n")
  }

  static func rustRFC(_ number: Int, _ slug: String, start: String, extra: String = "") -> String {
    """
    - Feature Name: `\(slug.replacingOccurrences(of: "-", with: "_"))`
    - Start Date: \(start)
    - RFC PR: [rust-lang/rfcs#\(number)](https://github.com/rust-lang/rfcs/pull/\(number))
    - Rust Issue: [rust-lang/rust#\(number + 1000)](https://github.com/rust-lang/rust/issues/\(number + 1000))

    # Summary
    [summary]: #summary

    One paragraph explanation of the feature.

    # Motivation
    [motivation]: #motivation

    Why are we doing this?

    # Detailed design
    [design]: #detailed-design

    The bulk of the RFC.\(extra)

    # Drawbacks
    [drawbacks]: #drawbacks

    Why should we *not* do this?

    # Alternatives
    [alternatives]: #alternatives

    What other designs have been considered?

    """
  }

  static func rustRFCs(_ fixture: GitFixture) throws {
    try fixture.write("0000-template.md", rustRFC(0, "my-awesome-feature", start: "(fill me in)"))
    try fixture.write("README.md", "# Rust RFCs\n\nMany changes go through the RFC process.\n")
    try fixture.write(
      "text/0016-more-attributes.md", rustRFC(16, "more-attributes", start: "2014-03-20"))
    try fixture.write(
      "text/0019-opt-in-builtin-traits.md",
      rustRFC(19, "opt-in-builtin-traits", start: "2014-09-18"))
    try fixture.write(
      "text/0040-libstd-facade.md", rustRFC(40, "libstd-facade", start: "2014-04-08"))
    try fixture.write("text/2013-10-gen.md", "# Generators notes\n\nWorking notes.\n")
    try fixture.write(
      "text/0040-libstd-facade.src.md", "# Source of the facade RFC\n\nGenerated from it.\n")
  }

  static func pep(_ number: Int, _ title: String, status: String, created: String) -> String {
    """
    PEP: \(number)
    Title: \(title)
    Author: Guido van Rossum <guido@python.org>
    Status: \(status)
    Type: Process
    Created: \(created)
    Post-History: \(created)

    # Abstract

    This document gives coding conventions.

    # Rationale

    Code is read much more often than it is written.

    # Copyright

    This document has been placed in the public domain.

    """
  }

  static func peps(_ fixture: GitFixture) throws {
    try fixture.write(
      "peps/pep-0008.md",
      pep(8, "Style Guide for Python Code", status: "Active", created: "05-Jul-2001"))
    try fixture.write(
      "peps/pep-0020.md", pep(20, "The Zen of Python", status: "Active", created: "19-Aug-2004"))
    try fixture.write(
      "peps/pep-0572.md",
      pep(572, "Assignment Expressions", status: "Final", created: "28-Feb-2018"))
    try fixture.write(
      "peps/pep-3099.md",
      pep(
        3099, "Things that will Not Change in Python 3000", status: "Final", created: "04-Apr-2006")
    )
  }

  static func kep(_ number: Int, _ title: String, status: String) -> (String, String) {
    let readme = """
      # KEP-\(number): \(title)

      <!-- toc -->
      - [Summary](#summary)
      <!-- /toc -->

      ## Release Signoff Checklist

      - [ ] Enhancement issue in release milestone

      ## Summary

      \(title) in one paragraph.

      ## Motivation

      ### Goals

      - Account for it.

      ## Proposal

      Add it to the API.

      ## Design Details

      How it works.

      ## Drawbacks

      More to maintain.

      """
    let yaml = """
      title: \(title)
      kep-number: \(number)
      authors:
        - "@ada"
      owning-sig: sig-node
      status: \(status)
      creation-date: 2019-02-26
      last-updated: 2023-01-10
      stage: stable

      """
    return (readme, yaml)
  }

  static func keps(_ fixture: GitFixture) throws {
    for (sig, number, slug, title, status) in [
      ("sig-node", 688, "pod-overhead", "Pod Overhead", "implemented"),
      ("sig-node", 1287, "in-place-update-pod-resources", "In-place Update", "implementable"),
      ("sig-apps", 1847, "auto-remove-pvcs", "Auto remove PVCs", "provisional"),
    ] {
      let (readme, yaml) = kep(number, title, status: status)
      try fixture.write("keps/\(sig)/\(number)-\(slug)/README.md", readme)
      try fixture.write("keps/\(sig)/\(number)-\(slug)/kep.yaml", yaml)
    }
    try fixture.write("keps/sig-node/688-pod-overhead/2019-03-notes.md", "# Meeting notes\n")
    try fixture.write("keps/sig-node/README.md", "# SIG Node KEPs\n")
    try fixture.write("keps/README.md", "# Kubernetes Enhancement Proposals\n")
  }

  static func tep(_ number: String, _ title: String, status: String) -> String {
    """
    ---
    status: \(status)
    title: \(title)
    creation-date: '2020-03-10'
    last-updated: '2021-06-03'
    authors:
    - '@bobcatfish'
    ---

    # TEP-\(number): \(title)

    ## Summary

    What this changes.

    ## Motivation

    ### Goals

    ## Requirements

    ## Proposal

    The change.

    ## Design Details

    ## Alternatives

    """
  }

  static func teps(_ fixture: GitFixture) throws {
    try fixture.write(
      "teps/0001-tekton-enhancement-proposal-process.md",
      tep("0001", "Tekton Enhancement Proposal Process", status: "implemented"))
    try fixture.write(
      "teps/0002-custom-tasks.md", tep("0002", "Custom Tasks", status: "implemented"))
    try fixture.write(
      "teps/0090-matrix.md", tep("0090", "Matrix", status: "implementable"))
    try fixture.write("teps/README.md", "# Tekton Enhancement Proposals\n\n| TEP | Title |\n")
  }

  static func architectureDecisionRecord(_ fixture: GitFixture) throws {
    try fixture.write(
      "architecture-decision-record/0001-choose-a-database.md",
      """
      # Choose a database

      **Status**: accepted

      **Date**: 15 September 2021

      ## Context

      We need a database for the orders service.

      ## Decision

      PostgreSQL.

      ## Consequences

      We run it ourselves.

      """)
    try fixture.write(
      "architecture-decision-record/0002-choose-a-queue.md",
      """
      # Choose a queue

      **Status**: for prototyping only

      **Date**: 10/04/18

      ## Context

      Orders must be processed in the background.

      ## Decision

      RabbitMQ, while we learn.

      """)
  }
}
