import { AuditEntry } from './audit-entry.entity';
import { entryHash, GENESIS_HASH } from './audit.service';
import { verifyChain } from './audit-chain';

function chain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e = Object.assign(new AuditEntry(), {
      id: i,
      at: new Date(Date.UTC(2026, 0, i)),
      actorId: 1,
      actorName: 'clerk',
      action: 'score.set',
      entityType: 'score',
      entityId: String(i),
      before: { value: '2.0' },
      after: { value: String(i) },
      prevHash: prev,
    });
    e.hash = entryHash(e);
    prev = e.hash;
    entries.push(e);
  }
  return entries;
}

describe('audit chain', () => {
  it('accepts an intact chain', () => {
    expect(verifyChain(chain(5))).toEqual([]);
  });
  it('finds a modified entry', () => {
    const entries = chain(5);
    entries[2].after = { value: '9.9' };
    expect(verifyChain(entries)).toEqual([expect.objectContaining({ id: 3, problem: 'modified' })]);
  });
  it('finds a removed entry', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toEqual([expect.objectContaining({ id: 3, problem: 'broken-link' })]);
  });
  it('finds an entry rewritten with a fresh hash by the link of the next one', () => {
    const entries = chain(4);
    entries[1].actorName = 'intruder';
    entries[1].hash = entryHash(entries[1]);
    expect(verifyChain(entries)).toEqual([expect.objectContaining({ id: 3, problem: 'broken-link' })]);
  });
});
