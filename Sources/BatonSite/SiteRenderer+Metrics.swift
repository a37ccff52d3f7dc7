import BatonReport

extension SiteRenderer {
  /// The metrics page's view model.
  func metricsView(_ metrics: Metrics) -> MetricsView {
    MetricsView(
      asOf: String(metrics.asOf.prefix(10)),
      sections: [
        decisionSection(metrics),
        responseSection(
          metrics.responseTimes, id: "response-people", title: "Response time per person"),
        responseSection(
          metrics.teamResponseTimes, id: "response-teams", title: "Response time per team"),
        proposalSection(metrics), overdueSection(metrics), reviewSection(metrics),
        cadenceSection(metrics), statusSection(metrics),
      ])
  }

  private func decisionSection(_ metrics: Metrics) -> MetricsSection {
    let rows = metrics.timeToDecision
    return MetricsSection(
      id: "time-to-decision", title: "Time to decision",
      summary: "Days from a proposal's open status to its outcome, by quarter of the outcome.",
      chart: BarChart(
        id: "chart-time-to-decision", title: "Time to decision in days, by quarter",
        categories: rows.map(\.quarter),
        series: [
          .init(name: "median", values: rows.map(\.days.median)),
          .init(name: "90th percentile", values: rows.map(\.days.p90)),
        ], unit: "days"),
      caption: "Time to decision, in days", headers: ["Quarter", "Decided", "Median", "p90"],
      rows: rows.map {
        [
          $0.quarter, String($0.days.count), Metrics.number($0.days.median),
          Metrics.number($0.days.p90),
        ]
      }, none: "No decision has reached an outcome yet.")
  }

  private func responseSection(
    _ rows: [Metrics.ResponseTime], id: String, title: String
  ) -> MetricsSection {
    MetricsSection(
      id: id, title: title,
      summary: "Working hours from being asked to answering, and the share answered within the "
        + "response window.",
      chart: BarChart(
        id: "chart-" + id, title: title + " in working hours",
        categories: rows.map { id == "response-people" ? "@" + $0.responder : $0.responder },
        series: [
          .init(name: "median", values: rows.map(\.hours.median)),
          .init(name: "90th percentile", values: rows.map(\.hours.p90)),
        ], unit: "working hours"),
      caption: title + ", in working hours",
      headers: [
        id == "response-people" ? "Person" : "Team", "Answers", "Median", "p90", "Within SLA",
      ],
      rows: rows.map {
        [
          id == "response-people" ? "@" + $0.responder : $0.responder, String($0.hours.count),
          Metrics.number($0.hours.median), Metrics.number($0.hours.p90),
          $0.withWindow == 0
            ? "-"
            : "\($0.withinWindow) of \($0.withWindow) ("
              + Metrics.percent($0.withinWindow, of: $0.withWindow) + ")",
        ]
      }, none: "No answer has been committed yet.")
  }

  private func proposalSection(_ metrics: Metrics) -> MetricsSection {
    let byAge = Metrics.ageBuckets.indices.map { bucket in
      metrics.openProposals.reduce(0) {
        $0 + ($1.byAge.indices.contains(bucket) ? $1.byAge[bucket] : 0)
      }
    }
    let open = byAge.reduce(0, +)
    return MetricsSection(
      id: "open-proposals", title: "Open proposals by age",
      summary: "Proposals still open, by how long they have been open.",
      chart: BarChart(
        id: "chart-open-proposals", title: "Open proposals by age",
        categories: Metrics.ageBuckets.map(\.label),
        series: [.init(name: "open proposals", values: byAge.map(Double.init))],
        unit: "proposals"),
      caption: "Open proposals by age", headers: ["Age", "Open"],
      rows: open == 0 ? [] : zip(Metrics.ageBuckets, byAge).map { [$0.label, String($1)] },
      none: "No proposal is open.")
  }

  private func overdueSection(_ metrics: Metrics) -> MetricsSection {
    shareSection(
      metrics.callsToAction, id: "overdue", title: "Calls to action overdue",
      summary: "Open calls to action whose deadline has passed.",
      names: ("Open", "Overdue", "on time"), none: "No call to action is open.")
  }

  private func reviewSection(_ metrics: Metrics) -> MetricsSection {
    shareSection(
      metrics.reviews, id: "past-review", title: "Handbook pages past review",
      summary: "Pages with a review date that has passed.",
      names: ("Pages", "Past review", "current"), none: "No page has a review date.")
  }

  /// A part of a whole, drawn as one stacked bar.
  private func shareSection(
    _ shares: [Metrics.Share], id: String, title: String, summary: String,
    names: (total: String, part: String, rest: String), none: String
  ) -> MetricsSection {
    let total = shares.reduce(0) { $0 + $1.total }
    let part = shares.reduce(0) { $0 + $1.count }
    return MetricsSection(
      id: id, title: title, summary: summary,
      chart: BarChart(
        id: "chart-" + id, title: title, categories: ["all"],
        series: [
          .init(name: names.part.lowercased(), values: [Double(part)]),
          .init(name: names.rest, values: [Double(total - part)]),
        ], unit: "items", stacked: true),
      caption: title, headers: ["Group", names.total, names.part, "Share"],
      rows: total == 0
        ? [] : [["all", String(total), String(part), Metrics.percent(part, of: total)]],
      none: none)
  }

  private func cadenceSection(_ metrics: Metrics) -> MetricsSection {
    let rows = metrics.updateCadence
    return MetricsSection(
      id: "update-cadence", title: "Written updates per team",
      summary: "How often each team posts an update.",
      chart: BarChart(
        id: "chart-update-cadence", title: "Updates per week, by team",
        categories: rows.map(\.team),
        series: [.init(name: "updates per week", values: rows.map(\.perWeek))],
        unit: "updates per week"),
      caption: "Written updates per team",
      headers: ["Team", "Updates", "Per week", "Median gap (days)", "Last"],
      rows: rows.map {
        [
          $0.team, String($0.updates), Metrics.number($0.perWeek),
          $0.medianGapDays.map(Metrics.number) ?? "-", $0.last ?? "-",
        ]
      }, none: "No update has been written yet.")
  }

  private func statusSection(_ metrics: Metrics) -> MetricsSection {
    let rows = metrics.updateStatuses
    let preferred = ["on-track", "at-risk", "blocked", "done"]
    let present = Set(rows.flatMap(\.counts.keys))
    let statuses =
      preferred.filter(present.contains) + present.subtracting(preferred).sorted()
    let totals = rows.map { $0.counts.values.reduce(0, +) }
    return MetricsSection(
      id: "update-status", title: "Updates by status over time",
      summary: "The share of each month's updates on track, at risk or blocked.",
      chart: BarChart(
        id: "chart-update-status", title: "Share of updates by status, by month",
        categories: rows.map(\.month),
        series: statuses.map { status in
          .init(
            name: status,
            values: zip(rows, totals).map { row, total in
              total == 0 ? 0 : Double(row.counts[status] ?? 0) * 100 / Double(total)
            })
        }, unit: "%", stacked: true),
      caption: "Updates by status and month", headers: ["Month"] + statuses + ["Updates"],
      rows: zip(rows, totals).map { row, total in
        [row.month]
          + statuses.map { status in
            let count = row.counts[status] ?? 0
            return "\(count) (" + Metrics.percent(count, of: total) + ")"
          } + [String(total)]
      }, none: "No update has been written yet.")
  }
}
