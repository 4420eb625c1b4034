/**
 * Every runnable listing in the book (`<Listing>` in any .mdx file under content/)
 * is run in Node with the listings' runtime and must print exactly its expected
 * output. A failure names the file, the line and the listing id.
 */
import { describe, expect, it } from 'vitest';
import { checkListing, listingsOfFiles, mdxFiles } from '../../../src/listings/check';

const files = listingsOfFiles(mdxFiles('content'));

describe('runnable listings in content/', () => {
  it('finds the listings of chapters 1 to 3 (at least two each)', () => {
    for (const chapter of ['01-convolution', '02-pooling', '03-flattening']) {
      const entry = files.find((f) => f.file.endsWith(`${chapter}.mdx`));
      expect(entry?.listings.length ?? 0, chapter).toBeGreaterThanOrEqual(2);
    }
  });

  for (const { file, listings } of files) {
    for (const listing of listings) {
      it(`${file} ${listing.id} prints its expected output`, async () => {
        const failure = await checkListing(file, listing);
        expect(failure, failure).toBeUndefined();
      });
    }
  }
});
