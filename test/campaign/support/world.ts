/**
 * A small fictional organization and campaign for the tests: an intermediate court (CITY) over
 * two grassroots courts (NANGUAN, CHAOYANG), their departments and people with posts.
 */
import * as E from 'fp-ts/Either';
import { resolveActor } from '../../../src/campaign/actors';
import type { CampaignCommand } from '../../../src/campaign/campaign/commands';
import { campaignAggregate, type CampaignState } from '../../../src/campaign/campaign/decider';
import type { CampaignEvent } from '../../../src/campaign/campaign/events';
import { bindDecider, replay, type AggregateSpec } from '../../../src/campaign/aggregate';
import type { OrganizationCommand } from '../../../src/campaign/organization/commands';
import { organizationAggregate, type OrganizationState } from '../../../src/campaign/organization/decider';
import type { OrganizationEvent } from '../../../src/campaign/organization/events';
import type { Actor } from '../../../src/eventsourcing/envelope';
import type { DomainEvent } from '../../../src/eventsourcing/decider';
import { deciderSpec } from '../../../src/testing/specs';

/** Default trusted time of a decision. */
export const T0 = '2019-06-01T02:00:00.000Z';

/** The given/when/then specification of an aggregate bound to an environment, decided at {@link T0} unless told. */
export const specOf = <C extends { readonly type: string }, S, Ev extends DomainEvent, Env>(spec: AggregateSpec<C, S, Ev, Env>, env: Env) =>
  deciderSpec(bindDecider(spec, env), { recordedAt: T0 });

/** The namespace of the test campaign. */
export const NS = 'mgmt-2019';

type Cmd<C> = { readonly actor: string; readonly command: C };

/** Organization commands that build the test world (issued by `admin`). */
export const orgSetup: readonly OrganizationCommand[] = [
  { type: 'establish', court: { courtId: 'CITY', name: '市中院' }, administrator: { personId: 'admin', name: 'Admin', department: '办公室' } },
  { type: 'registerCourt', courtId: 'NANGUAN', name: '南关区法院', level: 'grassroots', parentCourtId: 'CITY' },
  { type: 'registerCourt', courtId: 'CHAOYANG', name: '朝阳区法院', level: 'grassroots', parentCourtId: 'CITY' },
  ...['审管办', '监察室', '执行局', '立案庭'].map((d): OrganizationCommand => ({ type: 'registerDepartment', courtId: 'CITY', department: d })),
  ...['办公室', '审管办', '执行局', '立案庭'].flatMap((d): OrganizationCommand[] => [
    { type: 'registerDepartment', courtId: 'NANGUAN', department: d },
    { type: 'registerDepartment', courtId: 'CHAOYANG', department: d },
  ]),
  { type: 'registerPerson', personId: 'president', name: '院长', courtId: 'CITY', posts: ['court_president'] },
  { type: 'registerPerson', personId: 'deputy', name: '副院长', courtId: 'CITY', posts: ['court_leadership'] },
  { type: 'registerPerson', personId: 'office1', name: '办公室干警', courtId: 'CITY', department: '办公室', posts: ['staff'] },
  { type: 'registerPerson', personId: 'office-head', name: '办公室主任', courtId: 'CITY', department: '办公室', posts: ['department_head'] },
  { type: 'registerPerson', personId: 'tmo-head', name: '审管办主任', courtId: 'CITY', department: '审管办', posts: ['department_head'] },
  { type: 'registerPerson', personId: 'tmo-staff', name: '审管办干警', courtId: 'CITY', department: '审管办', posts: ['staff'] },
  { type: 'registerPerson', personId: 'tmo-verifier', name: '审管办核查员', courtId: 'CITY', department: '审管办', posts: ['verifier'] },
  { type: 'registerPerson', personId: 'verifier1', name: '核查员', courtId: 'CITY', department: '监察室', posts: ['verifier'] },
  { type: 'registerPerson', personId: 'inspector', name: '督查员', courtId: 'CITY', department: '监察室', posts: ['inspection_office'] },
  { type: 'registerPerson', personId: 'discipline', name: '纪检员', courtId: 'CITY', department: '监察室', posts: ['discipline_office'] },
  { type: 'registerPerson', personId: 'exec-head', name: '执行局局长', courtId: 'CITY', department: '执行局', posts: ['department_head'] },
  { type: 'registerPerson', personId: 'ng-president', name: '南关院长', courtId: 'NANGUAN', posts: ['court_president'] },
  { type: 'registerPerson', personId: 'ng-head', name: '南关执行局长', courtId: 'NANGUAN', department: '执行局', posts: ['department_head'] },
  { type: 'registerPerson', personId: 'ng-staff', name: '南关执行干警', courtId: 'NANGUAN', department: '执行局', posts: ['staff'] },
  { type: 'registerPerson', personId: 'ng-exec-verifier', name: '南关执行核查员', courtId: 'NANGUAN', department: '执行局', posts: ['staff', 'verifier'] },
  { type: 'registerPerson', personId: 'ng-office', name: '南关办公室', courtId: 'NANGUAN', department: '办公室', posts: ['staff', 'court_office'] },
  { type: 'registerPerson', personId: 'ng-office-head', name: '南关办公室主任', courtId: 'NANGUAN', department: '办公室', posts: ['department_head', 'court_office'] },
  { type: 'registerPerson', personId: 'ng-verifier', name: '南关核查员', courtId: 'NANGUAN', department: '审管办', posts: ['verifier'] },
  { type: 'registerPerson', personId: 'ng-vp', name: '南关副院长', courtId: 'NANGUAN', posts: ['court_leadership'] },
  { type: 'registerPerson', personId: 'cy-president', name: '朝阳院长', courtId: 'CHAOYANG', posts: ['court_president'] },
  { type: 'registerPerson', personId: 'cy-staff', name: '朝阳立案干警', courtId: 'CHAOYANG', department: '立案庭', posts: ['staff'] },
  { type: 'registerPerson', personId: 'cy-office', name: '朝阳办公室', courtId: 'CHAOYANG', department: '办公室', posts: ['staff', 'court_office'] },
];

/** Campaign commands that set the test campaign up, with their issuers. */
export const campaignSetup: readonly Cmd<CampaignCommand>[] = [
  { actor: 'president', command: { type: 'launch', name: '加强管理年', organizerCourtId: 'CITY', startYear: 2019, endYear: 2021 } },
  { actor: 'president', command: { type: 'appointLeadingGroupMember', personId: 'president', role: 'leader' } },
  { actor: 'president', command: { type: 'appointLeadingGroupMember', personId: 'deputy', role: 'deputy' } },
  { actor: 'president', command: { type: 'establishOffice', name: '领导小组办公室', courtId: 'CITY', department: '办公室' } },
  { actor: 'office1', command: { type: 'defineCategory', categoryId: '1', name: '加强审判管理', firstTask: 1, lastTask: 15 } },
  { actor: 'president', command: { type: 'designateFirstResponsible', courtId: 'NANGUAN', personId: 'ng-president' } },
  { actor: 'president', command: { type: 'designateFirstResponsible', courtId: 'CHAOYANG', personId: 'cy-president' } },
  { actor: 'office1', command: {
    type: 'defineReportPeriod', periodId: '2019-H1', name: '2019上半年', from: '2019-05-20', to: '2019-06-30', deadline: '2019-07-10',
    courts: ['NANGUAN', 'CHAOYANG'],
  } },
];

const run = <S, Ev extends DomainEvent>(decide: (s: S, actor: string, c: unknown) => E.Either<unknown, readonly Ev[]>, evolve: (s: S, e: Ev) => S, s0: S, cmds: readonly Cmd<unknown>[]) => {
  let s = s0;
  const events: Ev[] = [];
  for (const { actor, command } of cmds) {
    const r = decide(s, actor, command);
    if (E.isLeft(r)) throw new Error(`world setup failed on ${JSON.stringify(command)}: ${JSON.stringify(r.left)}`);
    for (const e of r.right) { events.push(e); s = evolve(s, e); }
  }
  return { state: s, events };
};

const orgDecider = bindDecider(organizationAggregate, undefined);
const built = run<OrganizationState, OrganizationEvent>(
  (s, _a, c) => orgDecider.decide(c as OrganizationCommand, s, { actor: { id: 'admin', posts: ['system'] }, recordedAt: T0, effectiveAt: T0 }),
  organizationAggregate.evolve, organizationAggregate.initialState, orgSetup.map((command) => ({ actor: 'admin', command })),
);

/** The test organization's events and state. */
export const orgEvents: readonly OrganizationEvent[] = built.events;
/** The test organization. */
export const org: OrganizationState = built.state;

const campaignDecider = bindDecider(campaignAggregate, { namespace: NS, org });
const builtCampaign = run<CampaignState, CampaignEvent>(
  (s, a, c) => {
    const actor = resolveActor(a, org, s);
    if (E.isLeft(actor)) return actor;
    return campaignDecider.decide(c as CampaignCommand, s, { actor: actor.right, recordedAt: T0, effectiveAt: T0 });
  },
  campaignAggregate.evolve, campaignAggregate.initialState, campaignSetup,
);

/** The test campaign's events and state. */
export const campaignEventsList: readonly CampaignEvent[] = builtCampaign.events;
/** The test campaign. */
export const campaign: CampaignState = builtCampaign.state;

/** Resolves a test actor against the test organization and campaign (throws for unknown ids). */
export const actor = (id: string, c: CampaignState | undefined = campaign, o: OrganizationState = org): Actor => {
  const r = resolveActor(id, o, c);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

/** An actor nobody registered (for refusals), with claimed posts that must not count. */
export const stranger: Actor = { id: 'stranger', posts: [] };
