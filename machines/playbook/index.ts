// Crisis playbooks as data: parse, verify, compile, run and rehearse. Pure: the app passes
// in what exists (roles, purposes, languages, templates) and carries out the effects.
export * from "./format";
export * from "./findings";
export * from "./types";
export type { PlaybookWorld } from "./world";
export { parsePlaybook } from "./parse";
export type { ParsedPlaybook, SourceMap } from "./parse";
export { compilePlaybook, playbookHash } from "./compile";
export type { CompiledPlaybook, PlaybookSnapshot } from "./compile";
export { activeSteps, applyPlaybookEvent, isReviewed, restorePlaybookSnapshot, serializePlaybookSnapshot, startPlaybook } from "./runtime";
export type { PlaybookStep, StoredPlaybookSnapshot } from "./runtime";
export { verifyPlaybook } from "./verify/index";
export type { Verification, VerifiableVersion } from "./verify/index";
export { formatDuration, formatOffset, parseDuration } from "./durations";
export { simulatePlaybook } from "./simulate/index";
export type { Simulation, SimulationEnding } from "./simulate/index";
export { DEFAULT_SCENARIO, parseAction, parseScenario, ROLE_ALIASES } from "./simulate/scenario";
export type { Scenario, ScenarioAction } from "./simulate/scenario";
export { describeEffects, formatTimeline } from "./simulate/timeline";
export type { TimelineEntry } from "./simulate/timeline";
