// Realistic events (~570-byte envelopes) for the benchmarks: a problem-ledger progress report.
let n = 0;
const hex = (i) => i.toString(16).padStart(12, '0');

export const makeEvent = (i) => ({
  eventId: `00000000-0000-4000-8000-${hex(++n)}`,
  type: 'RectificationProgressRecorded',
  schemaVersion: 1,
  data: {
    problemId: `P-${String(i % 100000).padStart(6, '0')}`,
    measureId: `M-${i % 7}`,
    progress: `第${i % 31}次整改进展：已完成台账核对与责任落实`,
    percent: i % 101,
    evidence: ['sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
  },
  metadata: {
    actor: { id: 'person-0042', posts: ['department_head', 'verifier'], unit: 'court-02/dept-criminal' },
    correlationId: `corr-${i}`,
    causationId: `cmd-${i}`,
    recordedAt: '2019-09-01T08:00:00.000Z',
    effectiveAt: '2019-09-01T08:00:00.000Z',
  },
});
