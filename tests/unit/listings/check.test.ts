/** The listing checker on a fixture page: a good listing passes, broken ones fail with their names. */
import { describe, expect, it } from 'vitest';
import { checkListing, listingsOfFiles, normaliseOutput } from '../../../src/listings/check';

const fixture = 'tests/unit/listings/fixtures/broken.mdx';
const [entry] = listingsOfFiles([fixture]);
const byId = (id: string) => {
  const listing = entry?.listings.find((l) => l.id === id);
  if (!listing) throw new Error(`fixture has no ${id}`);
  return listing;
};

describe('checkListing', () => {
  it('passes a listing whose output matches', async () => {
    expect(await checkListing(fixture, byId('lst:fine'))).toBeUndefined();
  });

  it('fails a listing that throws, naming the file, line, id and the line in the code', async () => {
    const failure = await checkListing(fixture, byId('lst:throws'));
    expect(failure).toMatch(/^tests\/unit\/listings\/fixtures\/broken\.mdx:22 lst:throws throws: TypeError on line 3: /);
  });

  it('fails a listing whose output changed, showing both outputs', async () => {
    const failure = await checkListing(fixture, byId('lst:changed'));
    expect(failure).toContain('broken.mdx:35 lst:changed: the output changed');
    expect(failure).toContain('--- expected\n[2, 3]\n--- actual\n[2, 4]');
  });

  it('ignores trailing spaces and trailing newlines only', () => {
    expect(normaliseOutput('a  \nb\n\n')).toBe('a\nb');
    expect(normaliseOutput(' a')).toBe(' a');
  });
});
