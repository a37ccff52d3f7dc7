import BatonTestSupport

/// Decision logs as the tools of the field write them, for adoption tests.
enum LegacyLogFixtures {
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

      See the article for a lightweight toolset.

      """)
    try fixture.write(
      "doc/adr/0002-use-mysql.md",
      """
      # 2. Use MySQL

      Date: 2017-04-02

      ## Status

      Superceded by [3. Use Postgres](0003-use-postgres.md)

      ## Context

      We need a database.

      ## Decision

      MySQL.

      ## Consequences

      Operations know it.

      """)
    try fixture.write(
      "doc/adr/0003-use-postgres.md",
      """
      # 3. Use Postgres

      Date: 02/05/2017

      ## Status

      Accepted

      Supersedes [2. Use MySQL](0002-use-mysql.md)

      ## Context

      MySQL lacks what we need.

      ## Decision

      Postgres.

      ## Consequences

      Migration work.

      """)
  }

  static func madr(_ fixture: GitFixture) throws {
    try fixture.write(
      "docs/decisions/0000-use-markdown-any-decision-records.md",
      """
      ---
      status: accepted
      date: 2022-11-29
      decision-makers: Oliver, Olaf
      consulted: the team
      ---
      # Use Markdown Any Decision Records

      ## Context and Problem Statement

      We want to record any decisions made in this project.
      Which format and structure should these records follow?

      ## Considered Options

      * MADR 4.0.0 – The Markdown Any Decision Records
      * Michael Nygard's template

      ## Decision Outcome

      Chosen option: "MADR 4.0.0", because it is lean and fits our development style.

      ### Consequences

      * Good, because implicit assumptions become explicit.

      """)
    try fixture.write(
      "docs/decisions/0001-use-jest.md",
      """
      ---
      status: "superseded by [ADR-0002](0002-use-vitest.md)"
      date: 2023-01-10
      ---
      # Use Jest for tests

      ## Context and Problem Statement

      We need a test runner.

      ## Decision Outcome

      Chosen option: "Jest".

      """)
    try fixture.write(
      "docs/decisions/0002-use-vitest.md",
      """
      ---
      status: accepted
      date: 2024-02-01
      supersedes: ["0001"]
      ---
      # Use Vitest

      ## Context and Problem Statement

      Jest is slow on our monorepo.

      ## Decision Outcome

      Chosen option: "Vitest".

      """)
    try fixture.write(
      "docs/decisions/adr-template.md",
      "---\nstatus: \"{proposed | rejected | accepted}\"\ndate: {YYYY-MM-DD}\n---\n# {short title}\n"
    )
    try fixture.write("docs/decisions/README.md", "# Decisions\n\nThis folder holds our ADRs.\n")
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

      ## Considered Options

      - Log4brains
      - adr-tools

      ## Decision Outcome

      Chosen option: "Log4brains".

      """)
    try fixture.write(
      "docs/adr/20201016-use-draft-status.md",
      """
      # Use a draft status

      - Status: draft
      - Deciders: Thomas
      - Date: 2020-10-16

      ## Context and Problem Statement

      Drafts are useful.

      ## Decision Outcome

      Allow drafts.

      """)
    try fixture.write("docs/adr/template.md", "# [short title]\n\n- Status: [draft | proposed]\n")
    try fixture.write("docs/adr/index.md", "<!-- This file is the homepage of the log -->\n# Log\n")
    try fixture.write("docs/adr/README.md", "# ADR\n")
  }
}
