import {
  maxEditsFor,
  minimumTermsToMatch,
  normalizeSuggestionPrefix,
  queryTerms,
  suggestionPhrases,
  tokenize,
} from '../../../functions/search/analysis';
import { boundedEditDistance } from '../../../functions/search/embedded/edit-distance';
import { selectTop } from '../../../functions/search/embedded/top-k';

describe('text analysis', () => {
  it('splits like the standard analyzer, folding case and accents and dropping possessives', () => {
    expect(tokenize('Sony WH-1000XM5 Wireless Headphones')).toEqual([
      'sony',
      'wh',
      '1000xm5',
      'wireless',
      'headphones',
    ]);
    expect(tokenize("Children's Crème Brûlée, 34 oz")).toEqual(['children', 'creme', 'brulee', '34', 'oz']);
    expect(tokenize('  ')).toEqual([]);
  });

  it('keeps each query term once, in order', () => {
    expect(queryTerms('coffee Coffee beans')).toEqual(['coffee', 'beans']);
    expect(queryTerms(undefined)).toEqual([]);
  });

  it('allows no typo below 4 letters, one up to 7, two from 8', () => {
    expect(['tea', 'mouse', 'charger', 'wireless'].map(maxEditsFor)).toEqual([0, 1, 1, 2]);
  });

  it('requires all of two terms and three quarters (rounded up) of more', () => {
    expect([1, 2, 3, 4, 5, 8].map(minimumTermsToMatch)).toEqual([1, 2, 3, 3, 4, 6]);
  });

  it('offers segment endings and the opening brand as suggestion phrases', () => {
    const phrases = suggestionPhrases('Sony WH-1000XM5 Wireless Noise Cancelling Headphones with Mic, Black');

    expect(phrases).toEqual(
      expect.arrayContaining([
        'sony',
        'headphones',
        'cancelling headphones',
        'noise cancelling headphones',
        'wireless noise cancelling headphones',
        'mic',
        'black',
      ]),
    );
    expect(phrases.some((phrase) => /\d/.test(phrase))).toBe(false);
    expect(phrases).not.toContain('wireless noise');
    expect(phrases).not.toContain('headphones with mic');
  });

  it('normalizes a typed prefix, keeping a finished word finished', () => {
    expect(normalizeSuggestionPrefix('  Wireless  H')).toBe('wireless h');
    expect(normalizeSuggestionPrefix('Wireless ')).toBe('wireless ');
    expect(normalizeSuggestionPrefix(' ')).toBe('');
  });
});

describe('bounded edit distance', () => {
  it.each([
    ['hedphones', 'headphones', 2, 1],
    ['wireles', 'wireless', 1, 1],
    ['mosue', 'mouse', 1, 1],
    ['coffee', 'coffee', 1, 0],
    ['tea', 'team', 1, 1],
    ['lego', 'logo', 1, 1],
  ])('%s → %s within %d is %d', (a, b, max, expected) => {
    expect(boundedEditDistance(a, b, max)).toBe(expected);
  });

  it('answers max + 1 once the distance is out of reach', () => {
    expect(boundedEditDistance('mouse', 'house', 0)).toBe(1);
    expect(boundedEditDistance('wireless', 'wired', 2)).toBe(3);
    expect(boundedEditDistance('abcdefgh', 'hgfedcba', 2)).toBe(3);
  });
});

describe('top-k selection', () => {
  const ascending = (a: number, b: number) => a - b;

  it('returns the first k in order, whether it uses the heap or a sort', () => {
    const values = Int32Array.from({ length: 1_000 }, (_, n) => (n * 7919) % 1_000);

    expect(Array.from(selectTop(values, values.length, 5, ascending))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(selectTop(values, values.length, 600, ascending))).toEqual(
      Array.from({ length: 600 }, (_, n) => n),
    );
    expect(Array.from(selectTop(values, 3, 10, ascending))).toEqual([0, 919, 838].sort(ascending));
  });
});
