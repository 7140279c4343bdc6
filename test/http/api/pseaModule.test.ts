/**
 * The sealed PSEA handlers (src/http/api/psea.ts) can reach nothing but the reports' own
 * repository, its sealed trail and the person: no staff audit log, no other store, no logger.
 * Read from the module's source, so a new import that would give them a way out fails here.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';

describe('sealed PSEA module (src/http/api/psea.ts)', () => {
  const source = readFileSync(new URL('../../../src/http/api/psea.ts', import.meta.url), 'utf8');
  const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[0]);

  it('imports no staff service, store, logger or audit repository', () => {
    for (const line of imports) {
      expect(line, line).to.not.match(/staff\/(accounts|policy|liveEvents)|\bStore\b|AuditRepo|log\/|logger/);
    }
  });

  it('depends on the reports repository, the clock and the person link only', () => {
    const deps = /export interface PseaHandlerDeps \{([^}]*)\}/.exec(source)?.[1] ?? '';
    expect([...deps.matchAll(/^\s+(\w+)\??:/gm)].map((m) => m[1])).to.deep.equal(['reports', 'now', 'person']);
  });
});
