import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/Either';
import { resolveActor } from '../../src/campaign/actors';
import { organizationAggregate } from '../../src/campaign/organization/decider';
import { organizationEvents as OE } from '../../src/campaign/organization/events';
import { actor, campaign, org, orgEvents, specOf } from './support/world';

const spec = specOf(organizationAggregate, undefined);
const admin = { id: 'admin', posts: ['system'], unit: 'CITY/办公室' };
const given = spec.given(orgEvents);

describe('organization: establish', () => {
  it('founds the first court and registers the issuing actor as administrator with the system post', () => {
    spec.given([]).when(
      { type: 'establish', court: { courtId: 'CITY', name: '市中院' }, administrator: { personId: 'root', name: 'Root' } },
      { actor: { id: 'root', posts: [] } },
    ).thenEmits([
      { type: OE.courtRegistered.type, data: { courtId: 'CITY', name: '市中院', level: 'intermediate' } },
      { type: OE.personRegistered.type, data: { personId: 'root', name: 'Root', courtId: 'CITY' } },
      { type: OE.postAssigned.type, data: { personId: 'root', post: 'system' } },
    ]);
  });
  it('refuses an actor establishing it for somebody else', () => {
    spec.given([]).when(
      { type: 'establish', court: { courtId: 'CITY', name: '市中院' }, administrator: { personId: 'root', name: 'Root' } },
      { actor: { id: 'intruder', posts: [] } },
    ).thenNotAuthorized('organization.establish');
  });
  it('refuses a second establishment', () => {
    given.when({ type: 'establish', court: { courtId: 'X', name: 'x' }, administrator: { personId: 'admin', name: 'A' } }, { actor: admin })
      .thenRefused('organization.already_established');
  });
  it('refuses anything before establishment', () => {
    spec.given([]).when({ type: 'registerCourt', courtId: 'X', name: 'x', level: 'intermediate' }, { actor: admin })
      .thenRefused('organization.not_established');
  });
});

describe('organization: courts and departments', () => {
  it('registers a grassroots court under an existing court', () => {
    given.when({ type: 'registerCourt', courtId: 'KUANCHENG', name: '宽城区法院', level: 'grassroots', parentCourtId: 'CITY' }, { actor: admin })
      .thenEmitsTypes('organization.court_registered');
  });
  it('refuses a duplicate court, a grassroots court without parent, and an unknown parent', () => {
    given.when({ type: 'registerCourt', courtId: 'NANGUAN', name: 'x', level: 'grassroots', parentCourtId: 'CITY' }, { actor: admin })
      .thenRefused('organization.court.exists');
    given.when({ type: 'registerCourt', courtId: 'K', name: 'x', level: 'grassroots' }, { actor: admin })
      .thenRefused('organization.court.parent_required');
    given.when({ type: 'registerCourt', courtId: 'K', name: 'x', level: 'grassroots', parentCourtId: 'NOPE' }, { actor: admin })
      .thenRefused('organization.court.unknown_parent');
  });
  it('only the system post registers courts', () => {
    given.when({ type: 'registerCourt', courtId: 'K', name: 'x', level: 'grassroots', parentCourtId: 'CITY' }, { actor: actor('president') })
      .thenNotAuthorized('organization.registerCourt');
  });
  it('a court president registers departments in their own court only', () => {
    given.when({ type: 'registerDepartment', courtId: 'NANGUAN', department: '研究室' }, { actor: actor('ng-president') })
      .thenEmitsTypes('organization.department_registered');
    given.when({ type: 'registerDepartment', courtId: 'CHAOYANG', department: '研究室' }, { actor: actor('ng-president') })
      .thenNotAuthorized('organization.registerDepartment');
  });
  it('refuses a duplicate department and an unknown court', () => {
    given.when({ type: 'registerDepartment', courtId: 'CITY', department: '审管办' }, { actor: admin }).thenRefused('organization.department.exists');
    given.when({ type: 'registerDepartment', courtId: 'NOPE', department: '审管办' }, { actor: admin }).thenRefused('organization.court.unknown');
  });
});

describe('organization: people and posts', () => {
  it('registers a person with posts', () => {
    given.when({ type: 'registerPerson', personId: 'p1', name: 'P', courtId: 'NANGUAN', department: '执行局', posts: ['staff', 'verifier'] }, { actor: admin })
      .thenEmitsTypes('organization.person_registered', 'organization.post_assigned', 'organization.post_assigned');
  });
  it('refuses a duplicate person and an unknown unit', () => {
    given.when({ type: 'registerPerson', personId: 'admin', name: 'P', courtId: 'CITY' }, { actor: admin }).thenRefused('organization.person.exists');
    given.when({ type: 'registerPerson', personId: 'p1', name: 'P', courtId: 'CITY', department: '不存在' }, { actor: admin })
      .thenRefused('organization.department.unknown');
  });
  it('a court president may not hand out system-managed posts', () => {
    given.when({ type: 'registerPerson', personId: 'p1', name: 'P', courtId: 'NANGUAN', posts: ['inspection_office'] }, { actor: actor('ng-president') })
      .thenNotAuthorized('organization.registerPerson');
    given.when({ type: 'assignPost', personId: 'ng-staff', post: 'system' }, { actor: actor('ng-president') })
      .thenNotAuthorized('organization.assignPost');
    given.when({ type: 'assignPost', personId: 'ng-staff', post: 'verifier' }, { actor: actor('ng-president') })
      .thenEmitsTypes('organization.post_assigned');
  });
  it('refuses assigning a held post and revoking one not held', () => {
    given.when({ type: 'assignPost', personId: 'ng-staff', post: 'staff' }, { actor: admin }).thenRefused('organization.post.already_held');
    given.when({ type: 'revokePost', personId: 'ng-staff', post: 'verifier', reason: 'x' }, { actor: admin }).thenRefused('organization.post.not_held');
  });
  it('never strips or deactivates the last system post holder', () => {
    given.when({ type: 'revokePost', personId: 'admin', post: 'system', reason: 'x' }, { actor: admin }).thenRefused('organization.post.last_system');
    given.when({ type: 'deactivatePerson', personId: 'admin', reason: 'x' }, { actor: admin }).thenRefused('organization.post.last_system');
  });
  it('transfers within a court by its president, across courts only by system', () => {
    given.when({ type: 'transferPerson', personId: 'ng-staff', courtId: 'NANGUAN', department: '立案庭', reason: 'rotation' }, { actor: actor('ng-president') })
      .thenEmitsTypes('organization.person_transferred');
    given.when({ type: 'transferPerson', personId: 'ng-staff', courtId: 'CHAOYANG', department: '立案庭', reason: 'rotation' }, { actor: actor('ng-president') })
      .thenNotAuthorized('organization.transferPerson');
    given.when({ type: 'transferPerson', personId: 'ng-staff', courtId: 'NANGUAN', department: '执行局', reason: 'x' }, { actor: admin })
      .thenRefused('organization.person.same_unit');
  });
  it('a deactivated person can no longer act or be changed', () => {
    const s = given.when({ type: 'deactivatePerson', personId: 'ng-staff', reason: 'retired' }, { actor: admin }).thenEmitsTypes('organization.person_deactivated');
    const r = resolveActor('ng-staff', s, campaign);
    expect(E.isLeft(r) && r.left._tag).toBe('NotAuthorized');
    spec.given([...orgEvents, { type: OE.personDeactivated.type, data: { personId: 'ng-staff', reason: 'retired' } }])
      .when({ type: 'assignPost', personId: 'ng-staff', post: 'verifier' }, { actor: admin }).thenRefused('organization.person.inactive');
  });
});

describe('actor resolution', () => {
  it('merges standing posts with campaign roles, and records the unit as court/department', () => {
    expect(actor('office1')).toEqual({ id: 'office1', posts: ['staff', 'campaign_office'], unit: 'CITY/办公室' });
    expect(actor('president')).toEqual({ id: 'president', posts: ['court_president', 'leading_group_leader', 'first_responsible'], unit: 'CITY' });
    expect(actor('ng-president').posts).toEqual(['court_president', 'first_responsible']);
  });
  it('refuses an unknown actor as NotAuthorized naming the actor', () => {
    const r = resolveActor('ghost', org, campaign);
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'NotAuthorized', actorId: 'ghost' });
  });
});
