import { AuditEntry } from './audit-entry.entity';
import { entryHash, GENESIS_HASH } from './audit.service';

export interface ChainBreak {
  id: number;
  problem: 'modified' | 'broken-link';
  detail: string;
}

/**
 * Walk the audit chain in id order: each entry must hash to its stored hash (else it was modified)
 * and must name the previous entry's hash (else an entry before it was removed or reordered).
 */
export function verifyChain(entries: AuditEntry[]): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  let prev = GENESIS_HASH;
  for (const e of [...entries].sort((a, b) => a.id - b.id)) {
    if (e.prevHash !== prev)
      breaks.push({
        id: e.id,
        problem: 'broken-link',
        detail: `expects previous hash ${e.prevHash.slice(0, 12)}…, found ${prev.slice(0, 12)}…`,
      });
    if (entryHash(e) !== e.hash) breaks.push({ id: e.id, problem: 'modified', detail: 'content does not match its hash' });
    prev = e.hash;
  }
  return breaks;
}
