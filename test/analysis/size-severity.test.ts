import { describe, expect, it } from 'vitest';
import { formatRows, impactOf, serverName } from '../../src/analysis/size-severity.js';
import type { LockProfile } from '../../src/db/capabilities/types.js';

const profile = (p: Partial<LockProfile>): LockProfile => ({
  algorithm: 'INPLACE', rebuildsTable: false, blocksWrites: false, blocksReads: false, sizeDependent: false, clause: null, reasons: [], basis: 'documented', ...p,
});

describe('size-severity helpers', () => {
  it('classifies lock profiles, unknown counting as blocking', () => {
    expect(impactOf(profile({ blocksWrites: true }))).toBe('blocking');
    expect(impactOf(profile({ blocksWrites: null }))).toBe('blocking');
    expect(impactOf(profile({ rebuildsTable: true, sizeDependent: true }))).toBe('rebuild');
    expect(impactOf(profile({ sizeDependent: true }))).toBe('build');
    expect(impactOf(profile({}))).toBe('metadata');
  });

  it('names servers as given and formats row counts', () => {
    expect(serverName({ flavor: 'mysql', major: 8, minor: 4, patch: 99, raw: 'mysql:8.4' })).toBe('MySQL 8.4');
    expect(serverName({ flavor: 'mariadb', major: 10, minor: 11, patch: 19, raw: '10.11.19-MariaDB-0+deb12u1' })).toBe('MariaDB 10.11.19');
    expect(formatRows(2_000_000)).toBe('2,000,000');
  });
});
