import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight, left, right } from 'fp-ts/Either';
import {
  assumedDepartments,
  canonicalDepartment,
  departmentAliases,
  departmentGroups,
  departments,
  expandDepartments,
  isDepartmentGroup,
  planDepartments,
} from '../../src/plans/management-year';

const canonicalNames = departments.map((d) => d.name);
const canonicalSet = new Set(canonicalNames);
const groupByName = new Map(departmentGroups.map((g) => [g.name, g]));
const knownNames = [
  ...canonicalNames,
  ...departmentAliases.map((a) => a.alias),
  ...departmentGroups.map((g) => g.name),
];

const members = (name: string): readonly string[] => groupByName.get(name)?.members ?? [];

describe('department list, aliases and groups', () => {
  it('lists each canonical department once, plan ones before assumed ones', () => {
    expect(new Set(canonicalNames).size).toBe(canonicalNames.length);
    expect(departments).toEqual([...planDepartments, ...assumedDepartments]);
    expect(planDepartments.every((d) => !d.assumed)).toBe(true);
    expect(assumedDepartments.every((d) => d.assumed)).toBe(true);
  });

  it('resolves every alias to a canonical department, and no alias is itself a canonical or group name', () => {
    for (const a of departmentAliases) {
      expect(canonicalSet.has(a.canonical), a.alias).toBe(true);
      expect(canonicalSet.has(a.alias), a.alias).toBe(false);
      expect(groupByName.has(a.alias), a.alias).toBe(false);
      expect(canonicalDepartment(a.alias)).toEqual(right(a.canonical));
    }
  });

  it('resolves 法警队 and 法警支队 to one department', () => {
    expect(canonicalDepartment('法警队')).toEqual(right('法警支队'));
    expect(canonicalDepartment('法警支队')).toEqual(right('法警支队'));
    expect(expandDepartments(['法警队', '法警支队'])).toEqual(right(['法警支队']));
  });

  it('expands every group into distinct canonical departments and marks the membership as assumed', () => {
    for (const g of departmentGroups) {
      expect(g.members.length, g.name).toBeGreaterThan(0);
      expect(new Set(g.members).size, g.name).toBe(g.members.length);
      for (const m of g.members) expect(canonicalSet.has(m), `${g.name}: ${m}`).toBe(true);
      expect(g.assumed, g.name).toBe(true);
      expect(isDepartmentGroup(g.name)).toBe(true);
      expect(expandDepartments([g.name])).toEqual(right(g.members));
    }
  });

  it('reads the groups consistently: trial and enforcement within filing/trial/enforcement, and task 32 covering everyone', () => {
    const filingTrial = new Set(members('立案审判执行各部门'));
    for (const m of members('各审判执行部门')) expect(filingTrial.has(m), m).toBe(true);
    const everyone = new Set([...members('立案审判执行各部门'), ...members('各综合部门')]);
    expect([...everyone].sort()).toEqual([...canonicalNames].sort());
    expect([...members('各部门')].sort()).toEqual([...canonicalNames].sort());
    for (const m of members('各综合部门')) expect(filingTrial.has(m), m).toBe(false);
  });
});

describe('canonicalDepartment', () => {
  it('returns canonical names unchanged and ignores surrounding whitespace', () => {
    for (const n of canonicalNames) expect(canonicalDepartment(n)).toEqual(right(n));
    expect(canonicalDepartment('  审管办\n')).toEqual(right('审管办'));
  });

  it('refuses a group name, saying it is a group', () => {
    const r = canonicalDepartment('各综合部门');
    expect(isLeft(r)).toBe(true);
    if (isLeft(r)) {
      expect(r.left.kind).toBe('GroupName');
      expect(r.left.name).toBe('各综合部门');
      expect(r.left.message).toContain('各综合部门');
    }
  });

  it('refuses an unknown or non-string name, naming it', () => {
    const r = canonicalDepartment('档案室');
    expect(r).toEqual(left(expect.objectContaining({ kind: 'UnknownDepartment', name: '档案室' })));
    if (isLeft(r)) expect(r.left.message).toContain('"档案室"');
    const n = canonicalDepartment(42 as unknown as string);
    expect(n).toEqual(left(expect.objectContaining({ kind: 'UnknownDepartment', name: 42 })));
    expect(canonicalDepartment('')).toEqual(left(expect.objectContaining({ kind: 'UnknownDepartment' })));
  });
});

describe('expandDepartments', () => {
  it('expands groups, resolves aliases and removes duplicates, keeping first-appearance order', () => {
    expect(expandDepartments(['审管办', '法警队', '各审判执行部门', '执行局', '审判管理办公室'])).toEqual(
      right(['审管办', '法警支队', '刑事审判庭', '民事审判庭', '行政审判庭', '审判监督庭', '执行局']),
    );
    expect(expandDepartments([])).toEqual(right([]));
    expect(expandDepartments([' 审管办', '各综合部门\n'])).toEqual(
      right(['审管办', ...members('各综合部门').filter((m) => m !== '审管办')]),
    );
  });

  it('reports the first unresolvable name with its position', () => {
    const r = expandDepartments(['审管办', '各综合部门', '不存在的部门', '另一个']);
    expect(r).toEqual(
      left(expect.objectContaining({ kind: 'UnknownDepartment', name: '不存在的部门', index: 2 })),
    );
    if (isLeft(r)) expect(r.left.message).toContain('position 2');
    expect(expandDepartments(['审管办', null as unknown as string])).toEqual(
      left(expect.objectContaining({ kind: 'UnknownDepartment', index: 1 })),
    );
    expect(expandDepartments('审管办' as unknown as string[])).toEqual(
      left(expect.objectContaining({ kind: 'UnknownDepartment' })),
    );
  });

  it('property: any list of known names expands to distinct canonical departments covering every input, idempotently', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...knownNames), { maxLength: 12 }), (names) => {
        const r = expandDepartments(names);
        if (!isRight(r)) return false;
        const out = r.right;
        expect(new Set(out).size).toBe(out.length);
        for (const d of out) expect(canonicalSet.has(d)).toBe(true);
        for (const n of names) {
          const expected = isDepartmentGroup(n) ? members(n) : [canonicalDepartment(n)];
          for (const e of expected) {
            const name = typeof e === 'string' ? e : isRight(e) ? e.right : '';
            expect(out).toContain(name);
          }
        }
        expect(expandDepartments(out)).toEqual(right(out));
        const reversed = expandDepartments([...names].reverse());
        expect(isRight(reversed) && [...reversed.right].sort()).toEqual([...out].sort());
        return true;
      }),
    );
  });

  it('property: an unknown name anywhere in the list is reported at its position', () => {
    const known = new Set(knownNames);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...knownNames), { maxLength: 8 }),
        fc.string().filter((s) => !known.has(s.trim())),
        fc.nat(),
        (names, stranger, k) => {
          const index = k % (names.length + 1);
          const input = [...names.slice(0, index), stranger, ...names.slice(index)];
          expect(expandDepartments(input)).toEqual(
            left(expect.objectContaining({ kind: 'UnknownDepartment', name: stranger, index })),
          );
        },
      ),
    );
  });
});
