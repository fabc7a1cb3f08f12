/**
 * The consented-aggregation agents for Node (the demo, tests and benchmarks) and the `/org` page: the
 * member's cohort agent, the organization's agent, and the relay connection they run over.
 */
export { CohortAgent, type CohortStorage, type ReportSource } from "./features/cohorts/cohort-agent.ts";
export type { AgentMeasure, CohortEnrolment, RoundRecord, ReportInputs } from "./features/cohorts/cohort-agent.ts";
export type { CohortView, RoundView } from "./api/cohorts-api.ts";
export {
  OrgAgent,
  type OrgCohortSummary,
  type OrgCohortView,
  type OrgRoundView,
  type Participant,
  type RoundOptions,
} from "./features/organization/org-agent.ts";
export { RelayConnection, type ConnectionState } from "./engine/relay-connection.ts";
