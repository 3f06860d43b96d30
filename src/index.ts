/**
 * campaign-ledger: an event-sourced SDK for management campaigns.
 *
 * The root holds what an application embedding the ledger uses: the facade and its registry, the
 * event, command and state types, the read models and their queries, the audit operations, the
 * errors, JSON and time helpers. Everything else is a subpath (docs/api.md lists each entry):
 * `campaign-ledger/kernel` (the event-sourcing kernel and the domain's deciders, codecs and
 * policies, for adapter authors and extensions), `/readmodels` (every projection and query),
 * `/audit` (Merkle internals, C2SP notes, checkpoints, witnesses), `/dashboard` (the HTML
 * dashboard), `/plans` (the 2019 plan as data), `/testing`, and the stores under `/adapters/…`.
 *
 * @module campaign-ledger
 */

// Types: every type (not codec) of the kernel, the domain, the read models and the audit trail. The
// codecs of events and commands, with the types of the same names, are in `campaign-ledger/kernel`.
// Names both the domain and the read models define: the package root exports the domain's.
export type { CaseStatus, ProblemStatus, TaskStatus } from './campaign/index';
export type {
  Acquired, Actor, AppendLimits, AppendPlan, AppendResult, AppendTooLarge, ChainHead, Checkpoint,
  CheckpointStore, CodecRegistry, CommandHandler, CommandHandlerOptions, CommandMetadata, CorruptEvent,
  Decider, DecisionContext, DomainEvent, DuplicateEventId, DuplicatePlan, EnvelopeJson, EventMetadata,
  EventStore, EventTypeDefinition, Evolver, ExpectedRevision, FeedBatch, FeedFetch, FoldOptions, FoldOutcome,
  FoldStart, HandleResult, IntegrityFailure, IntegrityViolation, Lease, LeaseKeeper, LeaseOptions,
  LedgerError, LedgerErrorTag, LiveFeed, Loaded, LookUpPlan, NewEvent, NotAuthorized, PlanError,
  PreparedAppend, PreparedEvent, Projection, ProjectionRunner, ProjectionStatus, RawRecord, ReadAllOptions,
  ReadStreamOptions, RecordedEvent, RuleViolated, RunOutcome, RunProjectionOptions, RunnerOptions,
  RunnerStatus, Runnable, SaveProgress, SealedEvent, SealedWithBody, StoreError, StoreUnavailable, StreamDeleted,
  StreamHead, StreamNotFound, SubscribeOptions, Subscription, Upcaster, ValidationFailed, ValidationIssue,
  WritePlan, WrongExpectedRevision,
} from './eventsourcing/index';
export type {
  AccountabilityCommand, AccountabilityEvent, AccountabilityRuleCode, AccountabilityState, ActiveTask,
  AggregateSpec, Binding, Calendar, CampaignAggregateRuleCode, CampaignCommand, CampaignCommands, CampaignEnv,
  CampaignError, CampaignEvent, CampaignLedger, CampaignLedgerOptions, CampaignReaders, CampaignRole,
  CampaignRuleCode, CampaignRuleViolated, CampaignState, CampaignStreams, CheckedProblem, ClosedProblem,
  ClosureBlocker, ClosureRequestedProblem, CommandMethod, CommandMethods, CommandOptions, CommandResult,
  CommandUnion, CommitmentPoint, ConsolidateWithSources, Court, Decision, DomainEnv, EntityAggregate,
  EvaluatedTask, EventDef, EventUnion, EvidenceFinding, InputOf, InspectionCommand, InspectionEvent,
  InspectionFinding, InspectionRuleCode, InspectionState, LedgerNumberFormat, Measure, MeasureExtension,
  NoProblem, NoTask, NumberingEvent, NumberingState, OpenProblem, OrganizationCommand, OrganizationEvent,
  OrganizationRuleCode, OrganizationState, Person, PlanCommands, PlanImportOptions, Policy, PolicyRule, Post,
  ProblemCommand, ProblemEvent, ProblemRuleCode, ProblemState, ProposeWithFindings, ReactionReport, Reactions,
  RegisterWithNumber, ReportCommand, ReportEvent, ReportRuleCode, ReportState, ReportStatus, Reservation,
  ResolvedInspectionCommand, Resolver, Resolvers, SharedRuleCode, SourceReport, StandingPost, TaskCommand,
  TaskEvent, TaskExtension, TaskRuleCode, TaskState, VerifiedProblem, WithdrawnProblem, Zone,
} from './campaign/index';
export type {
  AtOptions, CaseRow, Catalog, CategoryRow, Clock, Colour, ColourBoard, ColourCounts, CommitmentCheck,
  ComputedFigures, CourtRow, CoverageRow, Dashboard, DashboardOptions, FigureGap, InspectionCoverage,
  InspectionRow, LedgerFilter, LedgerRow, MeasureRow, MilestoneRow, OneOrMany, PMap, PeriodRow, PersonRow,
  ProblemRow, RankingRow, Rankings, RateRow, RateTables, ReadModelOptions, ReadModelState, RegisterRow,
  ReportCheck, ReportRow, ReportStanding, ReportTracker, ReportTrackerRow, ReportVersionRow, ReportedOptions,
  ReportedVsComputed, Responsibility, Slice, StandingCounts, TaskCourtCell, TaskCourtRow, TaskDepartmentCell,
  TaskMatrix, TaskMatrixRow, TaskRef, TaskRow, Thresholds, Timed, UnannouncedRecord,
} from './readmodels/index';
export type {
  AddCheckpointRequest, AsOfOptions, AsOfPoint, AsOfResult, Assurance, AuditError, Backdating, ChainRecord,
  ChainSummary, CheckedTlogProof, CheckpointOptions, CheckpointPublisher, ConsistencyProof, CosignatureAnswer,
  Cosigner, CsvColumn, CsvOptions, Digest, DigestComparison, DigestNotMatched, DigestOptions, DigestSignature,
  DurableWriteOptions, EventNotFound, ExportSummary, ExternalTreeHead, FieldChange, Finding, FindingKind,
  HashInput, HashedPosition, HistoryOptions, ImportOptions, ImportSummary, InclusionProof, Instant,
  LogCheckpoint, NoteResult, NoteSignature, NoteSigner, NumberedLine, OpenedCheckpoint, OpenedNote,
  ParsedLine, ParsedNote, ProofCheckOptions, PublisherOptions, Result, SignWith, SignatureCheck,
  SignatureResult, SignedDigest, SigningKeyPair, StateAsOfOptions, StateChange, TargetNotEmpty, TimelineEntry,
  TimelineOptions, TimelineQuery, TlogProof, TrailCheckOptions, TrailRejected, TrailSource, TrailUnreadable,
  TrailUnwritable, Verdict, VerifiedSignature, VerifierKey, VerifyOptions, VerifyReport, VerifySource,
  Witness, WitnessEndpoint, WitnessOptions, WitnessPolicy, WitnessResponse, WitnessServer, WitnessStateStore,
  WitnessedCheckpoint, WitnessedHead,
} from './audit/index';

// The facade, the registry, stream names and the ids users derive.
export {
  createCampaignLedger, createCampaignRegistry, campaignStreams, parseStreamId,
  problemIdForFinding, caseIdForOverdue, drawTargets, seedCommitment, STANDING_POSTS, CAMPAIGN_ROLES,
} from './campaign/index';

// Errors, ids, JSON and canonical JSON, the store-independent pieces of the kernel an app calls.
export {
  errors, LedgerFailure, isLedgerFailure, unwrap, orThrow, uuidv7, canonicalJson, jsonReplacer, toJson, GENESIS_HASH,
  runProjection, createProjectionRunner, createLiveFeed,
} from './eventsourcing/index';

// Dates: local calendar days of the campaign's zone.
export { localDate, addDays, startOfLocalDay, endOfLocalDay, DEFAULT_UTC_OFFSET_MINUTES } from './campaign/index';

// Read models and their queries.
export {
  campaignReadModel, serializeState, deserializeState, READ_MODEL_VERSION, DEFAULT_THRESHOLDS,
  dashboard, problemLedger, overdueList, dueSoonList, rectificationRates, rankings, figuresAt, colourBoard, statusAt,
  taskMatrix, reportTracker, reportedVsComputed, inspectionCoverage, accountabilityRegister,
} from './readmodels/index';

// The audit trail: history, verification, digests and proofs, export and import.
export {
  timeline, textTrail, stateAsOf, projectionAsOf, entityHistory, diffStates,
  verifyStore, createDigest, signDigest, verifyDigestSignature, generateSigningKeyPair,
  proveInclusion, verifyInclusionProof, proveConsistency, verifyConsistencyProof,
  exportTrail, importTrail, verifyTrailFile, createCheckpoint, toCsv,
} from './audit/index';
